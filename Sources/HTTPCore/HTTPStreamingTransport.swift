import Foundation

/// A transport that can also hand out a response body as it arrives, one line at a time. Kubernetes
/// watches use it: each line is one JSON event. Backpressure is real: while the consumer does not
/// pull lines, the transport stops reading from the socket once its small buffer is full.
package protocol HTTPStreamingTransport: HTTPTransport {
    /// Starts `request` and returns as soon as the status and headers are known. Non-2xx statuses
    /// are returned, not thrown (the body then usually holds one JSON Status line). Abandoning the
    /// returned ``HTTPLineStream`` or cancelling the task reading it aborts the transfer.
    func stream(_ request: HTTPRequest) async throws -> HTTPStreamingResponse
}

/// The head of a streamed response and its body as lines.
package struct HTTPStreamingResponse: Sendable {
    /// Numeric status code.
    package var status: Int
    /// Response headers in the order received.
    package var headers: [HTTPHeader]
    /// The body split at `\n` (the newline is removed; a final unterminated line is still delivered).
    package var lines: HTTPLineStream

    /// Creates a streamed response.
    package init(status: Int, headers: [HTTPHeader], lines: HTTPLineStream) {
        self.status = status
        self.headers = headers
        self.lines = lines
    }

    /// True for 2xx statuses.
    package var isSuccess: Bool { (200..<300).contains(status) }
}

/// A pull-based sequence of body lines. Each `next()` waits for the next complete line; `nil` means the
/// server ended the body cleanly; a transport failure or cancellation throws ``TransportError``.
///
/// The sequence is backed by a single transfer, so iterate it once.
package struct HTTPLineStream: AsyncSequence, Sendable {
    /// One line without its newline.
    package typealias Element = Data

    private let pull: @Sendable () async throws -> Data?

    /// Wraps a function returning the next line, or `nil` at the end of the body.
    package init(pull: @escaping @Sendable () async throws -> Data?) { self.pull = pull }

    /// Iterator that forwards to the pull function.
    package struct AsyncIterator: AsyncIteratorProtocol {
        fileprivate let pull: @Sendable () async throws -> Data?
        /// The next line, or `nil` at the end of the body.
        package mutating func next() async throws -> Data? { try await pull() }
    }

    /// An iterator over the remaining lines (the sequence is single-pass).
    package func makeAsyncIterator() -> AsyncIterator { AsyncIterator(pull: pull) }

    /// The next line, or nil at the end of the body; for consumers that keep the stream in a `Sendable`
    /// closure rather than iterating with `for await`.
    package func nextLine() async throws -> Data? { try await pull() }

    /// Collects every remaining line; for small bodies such as an error Status.
    package func collect(maxLines: Int = 1_000) async throws -> [Data] {
        var result: [Data] = []
        for try await line in self {
            result.append(line)
            if result.count >= maxLines { break }
        }
        return result
    }
}
