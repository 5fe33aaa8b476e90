import Foundation

/// One HTTP request as the Kubernetes and AWS clients build it, independent of any transport.
///
/// Header order is preserved (signers and tests depend on it) and header names keep their case;
/// lookups through ``header(_:)`` are case-insensitive as HTTP requires.
package struct HTTPRequest: Sendable, Equatable {
    /// HTTP method in upper case, e.g. `GET`, `POST`, `PATCH`.
    package var method: String
    /// Absolute URL including scheme, host, path and already-encoded query.
    package var url: URL
    /// Headers in the order they will be sent.
    package var headers: [HTTPHeader]
    /// Request body; empty for none.
    package var body: Data
    /// Overall deadline for the whole exchange; `nil` means no deadline (watches).
    package var timeout: Duration?

    /// Creates a request; `timeout` defaults to none so that long-lived streams are not cut.
    package init(method: String, url: URL, headers: [HTTPHeader] = [], body: Data = Data(), timeout: Duration? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    /// The first value of header `name`, compared case-insensitively.
    package func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Replaces every header called `name` (case-insensitively) with one header holding `value`.
    package mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
        headers.append(HTTPHeader(name: name, value: value))
    }
}

/// One header line. A value type rather than a dictionary entry because HTTP allows repeats.
package struct HTTPHeader: Sendable, Equatable, Hashable {
    /// Header name as it will be written on the wire.
    package var name: String
    /// Header value without surrounding whitespace.
    package var value: String

    /// Creates a header line.
    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
