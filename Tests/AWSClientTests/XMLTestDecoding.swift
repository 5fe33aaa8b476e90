import Foundation
import XMLCoder

/// Decodes a fragment the way the EC2 client decodes answers (XMLCoder, element names as keys).
enum XMLTestDecoding {
    static func decode<T: Decodable>(_: T.Type, from xml: String) throws -> T {
        try XMLDecoder().decode(T.self, from: Data(xml.utf8))
    }
}
