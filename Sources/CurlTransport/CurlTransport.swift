import Foundation
import HTTPCore

/// ``HTTPStreamingTransport`` over libcurl's multi interface on one dedicated event thread.
///
/// TLS trust, client certificates and the bearer token come from ``HTTPConnectionSettings``; a token
/// file is re-read when it changes. Cancelling the calling task aborts the transfer within
/// milliseconds. Shared by the Kubernetes and AWS clients; one instance per endpoint set is enough
/// (connections are reused across requests).
package final class CurlTransport: HTTPStreamingTransport {
    private let loop: CurlEventLoop
    private let settings: HTTPConnectionSettings
    private let token: BearerTokenCache?
    private let streamBufferLines: Int

    /// Creates a transport and its event thread. `streamBufferLines` bounds how many unread lines a
    /// stream holds before the transfer is paused.
    package init(settings: HTTPConnectionSettings = HTTPConnectionSettings(), streamBufferLines: Int = 256) throws(TransportError) {
        self.loop = try CurlEventLoop()
        self.settings = settings
        self.token = settings.bearerToken.map(BearerTokenCache.init(source:))
        self.streamBufferLines = streamBufferLines
    }

    deinit { loop.shutdown() }

    /// Runs the whole exchange on the event thread and resumes with the complete response.
    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try Task.checkCancellation()
        let id = loop.makeID()
        let bearer = try token?.token()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                do {
                    let transfer = try CurlTransfer(id: id, request: request, settings: settings, token: bearer, sink: .buffered(continuation))
                    loop.submit(transfer)
                    // A cancellation that raced the submission was delivered before the transfer existed.
                    if Task.isCancelled { loop.cancel(id) }
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        } onCancel: { [loop] in
            loop.cancel(id)
        }
    }

    /// Returns at the end of the response headers; the body is read line by line as the caller pulls.
    package func stream(_ request: HTTPRequest) async throws -> HTTPStreamingResponse {
        try Task.checkCancellation()
        let id = loop.makeID()
        let buffer = CurlLineBuffer(highWater: streamBufferLines)
        let transfer = try CurlTransfer(id: id, request: request, settings: settings, token: try token?.token(), sink: .streaming(buffer))
        let handle = StreamHandle(id: id, loop: loop, buffer: buffer)
        loop.submit(transfer)
        if Task.isCancelled { loop.cancel(id) }
        let head = try await withTaskCancellationHandler {
            try await buffer.awaitHead()
        } onCancel: { [loop] in
            loop.cancel(id)
        }
        let lines = HTTPLineStream { try await handle.next() }
        return HTTPStreamingResponse(status: head.status, headers: head.headers, lines: lines)
    }
}

/// The consumer's grip on a streamed transfer: pulls lines, asks for unpauses, and aborts the transfer
/// when the last reference goes away (a consumer that stops iterating frees the connection).
private final class StreamHandle: Sendable {
    let id: UInt64
    let loop: CurlEventLoop
    let buffer: CurlLineBuffer

    init(id: UInt64, loop: CurlEventLoop, buffer: CurlLineBuffer) {
        self.id = id
        self.loop = loop
        self.buffer = buffer
    }

    deinit { loop.cancel(id) }

    func next() async throws -> Data? {
        try Task.checkCancellation()
        return try await withTaskCancellationHandler {
            try await buffer.takeLine { loop.unpause(id) }
        } onCancel: { [loop, id] in
            loop.cancel(id)
        }
    }
}
