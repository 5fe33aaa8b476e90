import DequeModule
import Synchronization

/// A queue of keys to reconcile with client-go's guarantees: a key is queued at most once however often
/// it is added; a key being processed is never handed to a second worker (adds during processing are
/// remembered and re-queued by ``done(_:)``); failed keys come back after a per-key exponential delay
/// measured on the injected clock.
///
/// Delayed adds (``add(_:after:)``, ``addRateLimited(_:)``, ``addAfterConflict(_:)``) keep at most one
/// pending timer per key, due at the earliest time asked for: a later delayed add of a key that already
/// waits is absorbed, an earlier one replaces the timer. An immediate ``add(_:)`` supersedes a pending
/// delayed add of the same key: the key is queued now (or re-queued when its current pass ends), and
/// that pass decides afresh whether to wait again, so no requested look is lost, it only comes sooner.
/// Polling chains (a reconciler returning `requeueAfter` on every pass) therefore never multiply.
///
/// Rate limiting is per key only (client-go's controller limiter also has an overall 10 qps bucket;
/// here keys are bounded by the cluster's NodeClaims, Nodes and NodePools, and the per-key exponential
/// delay already spreads retries when the API server is down).
package final class WorkQueue<Key: Hashable & Sendable>: Sendable {
    /// The one pending delayed add of a key.
    private struct Timer {
        /// When it fires, as time since the queue was created.
        var due: Duration
        /// Tells a superseded timer's task that it must not add.
        var id: Int
        var task: Task<Void, Never>
    }

    private struct State {
        var queue: Deque<Key> = []
        var queued: Set<Key> = []
        var processing: Set<Key> = []
        var dirty: Set<Key> = []
        var failures: [Key: Int] = [:]
        var conflicts: [Key: Int] = [:]
        var timers: [Key: Timer] = [:]
        var nextTimerID = 0
        var waiters: [CheckedContinuation<Key?, Never>] = []
        var shuttingDown = false
    }

    private let state = Mutex(State())
    private let clock: any Clock<Duration>
    /// Time since the queue was created, on `clock`.
    private let elapsed: @Sendable () -> Duration
    private let baseDelay: Duration
    private let maximumDelay: Duration
    private let conflictBaseDelay: Duration
    private let conflictMaximumDelay: Duration

    /// Creates a queue; failed keys wait `baseDelay * 2^failures`, at most `maximumDelay`
    /// (client-go's defaults: 5 ms and 1000 s). Keys whose write hit a conflict wait
    /// `conflictBaseDelay * 2^conflicts`, at most `conflictMaximumDelay` (5 ms to 1 s): a conflict
    /// means the cache was stale and is usually fixed by the next watch event, so it retries soon
    /// but without spinning while the cache catches up.
    package init(
        clock: any Clock<Duration> = ContinuousClock(), baseDelay: Duration = .milliseconds(5), maximumDelay: Duration = .seconds(1_000),
        conflictBaseDelay: Duration = .milliseconds(5), conflictMaximumDelay: Duration = .seconds(1)
    ) {
        self.clock = clock
        self.elapsed = Self.stopwatch(clock)
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.conflictBaseDelay = conflictBaseDelay
        self.conflictMaximumDelay = conflictMaximumDelay
    }

    private static func stopwatch<C: Clock>(_ clock: C) -> @Sendable () -> Duration where C.Duration == Duration {
        let origin = clock.now
        return { origin.duration(to: clock.now) }
    }

    /// Queues `key` unless it is already queued; a key in processing is queued again when done.
    /// A pending delayed add of `key` is cancelled: this add brings its pass forward.
    package func add(_ key: Key) {
        let (waiter, superseded): (CheckedContinuation<Key?, Never>?, Task<Void, Never>?) = state.withLock { state in
            guard !state.shuttingDown else { return (nil, nil) }
            let superseded = state.timers.removeValue(forKey: key)?.task
            if state.processing.contains(key) {
                state.dirty.insert(key)
                return (nil, superseded)
            }
            guard state.queued.insert(key).inserted else { return (nil, superseded) }
            if !state.waiters.isEmpty {
                state.queued.remove(key)
                state.processing.insert(key)
                return (state.waiters.removeFirst(), superseded)
            }
            state.queue.append(key)
            return (nil, superseded)
        }
        superseded?.cancel()
        waiter?.resume(returning: key)
    }

    /// Queues `key` after `delay` on the queue's clock, unless a delayed add of `key` due no later is
    /// already pending (one timer per key, at the earliest due time).
    package func add(_ key: Key, after delay: Duration) {
        guard delay > .zero else { return add(key) }
        let due = elapsed() + delay
        let superseded: Task<Void, Never>? = state.withLock { state in
            guard !state.shuttingDown else { return nil }
            if let pending = state.timers[key], pending.due <= due { return nil }
            state.nextTimerID += 1
            let id = state.nextTimerID
            let task = Task { [clock] in
                do { try await clock.sleep(for: delay) } catch { return }
                self.fire(key, timer: id)
            }
            return state.timers.updateValue(Timer(due: due, id: id, task: task), forKey: key)?.task
        }
        superseded?.cancel()
    }

    /// Adds `key` if timer `id` is still its pending delayed add.
    private func fire(_ key: Key, timer id: Int) {
        let current = state.withLock { state -> Bool in
            guard state.timers[key]?.id == id else { return false }
            state.timers[key] = nil
            return true
        }
        if current { add(key) }
    }

    /// Queues `key` after its per-key backoff and counts the failure.
    package func addRateLimited(_ key: Key) { addBackingOff(key, counter: \.failures, base: baseDelay, maximum: maximumDelay) }

    /// Queues `key` after its per-key conflict backoff (short: see ``init(clock:baseDelay:maximumDelay:conflictBaseDelay:conflictMaximumDelay:)``)
    /// and counts the conflict.
    package func addAfterConflict(_ key: Key) {
        addBackingOff(key, counter: \.conflicts, base: conflictBaseDelay, maximum: conflictMaximumDelay)
    }

    /// Counts one more retry of `key` in `counter` and queues it after `base * 2^(previous count)`.
    private func addBackingOff(_ key: Key, counter: WritableKeyPath<State, [Key: Int]>, base: Duration, maximum: Duration) {
        let delay: Duration = state.withLock { state in
            let count = state[keyPath: counter][key, default: 0]
            state[keyPath: counter][key] = count + 1
            return Self.delay(base: base, maximum: maximum, failures: count)
        }
        add(key, after: delay)
    }

    /// Clears `key`'s failure and conflict counts (after a success).
    package func forget(_ key: Key) {
        state.withLock { state in
            state.failures[key] = nil
            state.conflicts[key] = nil
        }
    }

    /// How often `key` failed since it was last forgotten.
    package func failures(of key: Key) -> Int { state.withLock { $0.failures[key, default: 0] } }

    /// How often `key` hit a conflict since it was last forgotten.
    package func conflicts(of key: Key) -> Int { state.withLock { $0.conflicts[key, default: 0] } }

    /// Number of keys with a pending delayed add (at most one each).
    package var delayedCount: Int { state.withLock { $0.timers.count } }

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

    /// Stops handing out keys; waiting workers get nil and pending delayed adds are cancelled.
    package func shutdown() {
        let (waiters, timers) = state.withLock { state -> ([CheckedContinuation<Key?, Never>], [Timer]) in
            state.shuttingDown = true
            defer {
                state.waiters = []
                state.timers = [:]
            }
            return (state.waiters, Array(state.timers.values))
        }
        for timer in timers { timer.task.cancel() }
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
