import DequeModule
import Synchronization

/// One watcher's queue of events in the simulated cluster: the cluster appends under its own lock (never
/// blocking), the consumer pulls. Closing ends the stream after the queued events.
final class SimulatedWatchChannel: Sendable {
    /// A raw event: `ADDED`/`MODIFIED`/`DELETED`/`ERROR` and the object (or Status) in JSON form.
    typealias Entry = (type: String, object: JSONValue)

    private struct State {
        var entries: Deque<Entry> = []
        var waiter: CheckedContinuation<Entry?, Never>?
        var closed = false
    }

    private let state = Mutex(State())

    /// Appends an event (ignored once closed).
    func send(_ entry: Entry) {
        let waiter: CheckedContinuation<Entry?, Never>? = state.withLock { state in
            guard !state.closed else { return nil }
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.entries.append(entry)
            return nil
        }
        waiter?.resume(returning: entry)
    }

    /// Ends the stream once the queued events are consumed.
    func close() {
        let waiter = state.withLock { state -> CheckedContinuation<Entry?, Never>? in
            state.closed = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// Every queued event, without waiting: what a single-task driver (``SimulatedChangeFeed``) reads
    /// between its steps.
    func drain() -> [Entry] {
        state.withLock { state in
            defer { state.entries.removeAll() }
            return Array(state.entries)
        }
    }

    /// The next event, or nil when closed and drained.
    func next() async -> Entry? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let immediate: Entry?? = state.withLock { state in
                    if let entry = state.entries.popFirst() { return .some(entry) }
                    if state.closed { return .some(nil) }
                    state.waiter = continuation
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            close()
        }
    }
}
