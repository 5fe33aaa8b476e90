import DequeModule
import Synchronization

/// A queue of keys to reconcile with client-go's guarantees: a key is queued at most once however often
/// it is added; a key being processed is never handed to a second worker (adds during processing are
/// remembered and re-queued by ``done(_:)``); failed keys come back after a per-key exponential delay
/// measured on the injected clock.
package final class WorkQueue<Key: Hashable & Sendable>: Sendable {
    private struct State {
        var queue: Deque<Key> = []
        var queued: Set<Key> = []
        var processing: Set<Key> = []
        var dirty: Set<Key> = []
        var failures: [Key: Int] = [:]
        var waiters: [CheckedContinuation<Key?, Never>] = []
        var shuttingDown = false
    }

    private let state = Mutex(State())
    private let clock: any Clock<Duration>
    private let baseDelay: Duration
    private let maximumDelay: Duration

    /// Creates a queue; failed keys wait `baseDelay * 2^failures`, at most `maximumDelay`
    /// (client-go's defaults: 5 ms and 1000 s).
    package init(clock: any Clock<Duration> = ContinuousClock(), baseDelay: Duration = .milliseconds(5), maximumDelay: Duration = .seconds(1_000)) {
        self.clock = clock
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
    }

    /// Queues `key` unless it is already queued; a key in processing is queued again when done.
    package func add(_ key: Key) {
        let waiter: CheckedContinuation<Key?, Never>? = state.withLock { state in
            guard !state.shuttingDown else { return nil }
            if state.processing.contains(key) {
                state.dirty.insert(key)
                return nil
            }
            guard state.queued.insert(key).inserted else { return nil }
            if !state.waiters.isEmpty {
                state.queued.remove(key)
                state.processing.insert(key)
                return state.waiters.removeFirst()
            }
            state.queue.append(key)
            return nil
        }
        waiter?.resume(returning: key)
    }

    /// Queues `key` after `delay` on the queue's clock.
    package func add(_ key: Key, after delay: Duration) {
        guard delay > .zero else { return add(key) }
        Task { [clock] in
            do { try await clock.sleep(for: delay) } catch { return }
            self.add(key)
        }
    }

    /// Queues `key` after its per-key backoff and counts the failure.
    package func addRateLimited(_ key: Key) {
        let delay: Duration = state.withLock { state in
            let failures = state.failures[key, default: 0]
            state.failures[key] = failures + 1
            return Self.delay(base: baseDelay, maximum: maximumDelay, failures: failures)
        }
        add(key, after: delay)
    }

    /// Clears `key`'s failure count (after a success).
    package func forget(_ key: Key) { _ = state.withLock { $0.failures.removeValue(forKey: key) } }

    /// How often `key` failed since it was last forgotten.
    package func failures(of key: Key) -> Int { state.withLock { $0.failures[key, default: 0] } }

    /// The next key, marked as processing; nil after ``shutdown()``.
    package func next() async -> Key? {
        await withCheckedContinuation { continuation in
            let immediate: Key?? = state.withLock { state in
                if let key = state.queue.popFirst() {
                    state.queued.remove(key)
                    state.processing.insert(key)
                    return .some(key)
                }
                if state.shuttingDown { return .some(nil) }
                state.waiters.append(continuation)
                return nil
            }
            if let immediate { continuation.resume(returning: immediate) }
        }
    }

    /// Marks `key` as finished; re-queues it if it was added while processing.
    package func done(_ key: Key) {
        let requeue = state.withLock { state -> Bool in
            state.processing.remove(key)
            return state.dirty.remove(key) != nil
        }
        if requeue { add(key) }
    }

    /// Number of queued keys (not counting keys in processing).
    package var count: Int { state.withLock { $0.queue.count } }

    /// Stops handing out keys; waiting workers get nil.
    package func shutdown() {
        let waiters = state.withLock { state -> [CheckedContinuation<Key?, Never>] in
            state.shuttingDown = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: nil) }
    }

    /// `base * 2^failures`, capped at `maximum`.
    package static func delay(base: Duration, maximum: Duration, failures: Int) -> Duration {
        var delay = base
        for _ in 0..<min(failures, 62) {
            delay = delay * 2
            if delay >= maximum { return maximum }
        }
        return min(delay, maximum)
    }
}
