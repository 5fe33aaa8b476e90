import DequeModule
import Foundation
import HTTPCore
import Synchronization

/// The meeting point of a streamed transfer's producer (the curl event thread) and its consumer (an
/// async task pulling lines). Holds at most about `highWater` complete lines: when full, the producer
/// refuses bytes (curl pauses the transfer) until the consumer has drained to `lowWater`.
///
/// Also carries the response head: ``awaitHead()`` resumes once the first body byte or the end of
/// the transfer arrives.
final class CurlLineBuffer: Sendable {
    typealias Head = (status: Int, headers: [HTTPHeader])

    private struct State {
        var lines: Deque<Data> = []
        var partial = Data()
        var paused = false
        var finished = false
        var failure: TransportError?
        var head: (status: Int, headers: [HTTPHeader])?
        var lineWaiter: CheckedContinuation<Data?, any Error>?
        var headWaiter: CheckedContinuation<Head, any Error>?

        var buffered: Int { lines.count }

        mutating func pop() -> Data? { lines.popFirst() }
    }

    private let state = Mutex(State())
    private let highWater: Int
    private let lowWater: Int

    /// Creates a buffer that pauses the producer at `highWater` buffered lines.
    init(highWater: Int) {
        self.highWater = max(highWater, 1)
        self.lowWater = max(highWater / 4, 0)
    }

    // MARK: producer side (event thread)

    /// Publishes the response head (idempotent).
    func publishHead(status: Int, headers: [HTTPHeader]) {
        let waiter = state.withLock { state -> CheckedContinuation<Head, any Error>? in
            guard state.head == nil else { return nil }
            state.head = (status, headers)
            defer { state.headWaiter = nil }
            return state.headWaiter
        }
        waiter?.resume(returning: (status, headers))
    }

    /// Offers body bytes. Returns false, consuming nothing, when the buffer is full: the caller then
    /// pauses the transfer and offers the same bytes again after ``takeLine()`` asks for an unpause.
    func offer(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var accepted = true
        let waiter: (CheckedContinuation<Data?, any Error>, Data)? = state.withLock { state in
            if state.buffered >= highWater {
                state.paused = true
                accepted = false
                return nil
            }
            var start = 0
            for index in 0..<bytes.count where bytes[index] == UInt8(ascii: "\n") {
                var line = state.partial
                state.partial = Data()
                line.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                state.lines.append(line)
                start = index + 1
            }
            if start < bytes.count { state.partial.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start...])) }
            guard let waiter = state.lineWaiter, let line = state.pop() else { return nil }
            state.lineWaiter = nil
            return (waiter, line)
        }
        if let waiter { waiter.0.resume(returning: waiter.1) }
        return accepted
    }

    /// Ends the stream: a final unterminated line is delivered first; `failure` is thrown after it.
    func finish(status: Int, headers: [HTTPHeader], failure: TransportError?) {
        var headWaiter: CheckedContinuation<Head, any Error>?
        var headResult: Result<Head, TransportError> = .success((status, headers))
        var lineWaiter: CheckedContinuation<Data?, any Error>?
        var lineResult: Result<Data?, TransportError> = .success(nil)
        state.withLock { state in
            guard !state.finished else { return }
            state.finished = true
            state.failure = failure
            if !state.partial.isEmpty {
                state.lines.append(state.partial)
                state.partial = Data()
            }
            if state.head == nil {
                if let failure { headResult = .failure(failure) } else { state.head = (status, headers) }
                headWaiter = state.headWaiter
                state.headWaiter = nil
            }
            if let waiter = state.lineWaiter {
                state.lineWaiter = nil
                lineWaiter = waiter
                if let line = state.pop() { lineResult = .success(line) } else if let failure { lineResult = .failure(failure) }
            }
        }
        headWaiter?.resume(with: headResult.mapError { $0 as any Error })
        lineWaiter?.resume(with: lineResult.mapError { $0 as any Error })
    }

    // MARK: consumer side

    /// Waits for the response head; throws if the transfer failed before any body arrived.
    func awaitHead() async throws -> Head {
        try await withCheckedThrowingContinuation { continuation in
            let result: Result<Head, TransportError>? = state.withLock { state in
                if let head = state.head { return .success(head) }
                if state.finished { return .failure(state.failure ?? .other(detail: "stream ended without a response")) }
                state.headWaiter = continuation
                return nil
            }
            if let result { continuation.resume(with: result.mapError { $0 as any Error }) }
        }
    }

    /// The next line, or nil at a clean end. `requestUnpause` runs (before any waiting) when the
    /// consumer drained the buffer of a paused producer, so the transfer can be resumed.
    func takeLine(requestUnpause: () -> Void) async throws -> Data? {
        var unpause = false
        let immediate: Result<Data?, TransportError>? = state.withLock { state in
            let line = state.pop()
            if state.paused, state.buffered <= lowWater {
                state.paused = false
                unpause = true
            }
            if let line { return .success(line) }
            if state.finished { return state.failure.map { .failure($0) } ?? .success(nil) }
            return nil
        }
        if unpause { requestUnpause() }
        if let immediate { return try immediate.get() }
        return try await waitForLine()
    }

    private func waitForLine() async throws -> Data? {
        try await withCheckedThrowingContinuation { continuation in
            let result: Result<Data?, TransportError>? = state.withLock { state in
                if let line = state.pop() { return .success(line) }
                if state.finished { return state.failure.map { .failure($0) } ?? .success(nil) }
                state.lineWaiter = continuation
                return nil
            }
            if let result { continuation.resume(with: result.mapError { $0 as any Error }) }
        }
    }
}
