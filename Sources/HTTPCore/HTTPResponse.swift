import Foundation

/// A complete HTTP response: status, headers and the whole body.
package struct HTTPResponse: Sendable, Equatable {
    /// Numeric status code, e.g. 200, 409, 410.
    package var status: Int
    /// Response headers in the order received.
    package var headers: [HTTPHeader]
    /// The body bytes, already de-chunked and decompressed.
    package var body: Data

    /// Creates a response.
    package init(status: Int, headers: [HTTPHeader] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name`, compared case-insensitively.
    package func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// True for 2xx statuses.
    package var isSuccess: Bool { (200..<300).contains(status) }
}
