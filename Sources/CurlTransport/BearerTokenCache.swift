import Foundation
import HTTPCore
import Synchronization

/// Resolves a ``BearerTokenSource`` to a token, re-reading a token file only when its modification
/// time or size changed since the last read (projected service-account tokens rotate in place).
///
/// The token never appears in an error: a read failure names the path only.
final class BearerTokenCache: Sendable {
    private struct Cached {
        var modified: Date?
        var size: Int?
        var token: String?
    }

    private let source: BearerTokenSource
    private let cached = Mutex(Cached())

    /// Creates a cache for `source`.
    init(source: BearerTokenSource) { self.source = source }

    /// The current token; for a file source, reread if the file changed.
    func token() throws(TransportError) -> String {
        switch source {
        case let .literal(token):
            return token
        case let .file(path):
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let modified = attributes?[.modificationDate] as? Date
            let size = (attributes?[.size] as? NSNumber)?.intValue
            if let token = cached.withLock({ $0.token != nil && $0.modified == modified && $0.size == size ? $0.token : nil }) {
                return token
            }
            guard let data = FileManager.default.contents(atPath: path),
                  let text = String(data: data, encoding: .utf8) else {
                throw TransportError.other(detail: "cannot read bearer token file \(path)")
            }
            let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            cached.withLock { $0 = Cached(modified: modified, size: size, token: token) }
            return token
        }
    }
}
