import Synchronization

/// Something that paces requests; ``RESTClient`` awaits ``acquire()`` before each request.
package protocol RequestRateLimiting: Sendable {
    /// Returns when one more request may be sent; throws `CancellationError` if cancelled while waiting.
    func acquire() async throws
}

/// Client-side rate limit as client-go does it: a bucket of `burst` tokens refilled at `qps` per second.
/// A request takes a token, or reserves the next one and sleeps until it is due, so waiting requests are
/// served in arrival order. Time comes from the injected clock (a manual clock in tests).
package final class TokenBucketRateLimiter<C: Clock>: RequestRateLimiting where C.Duration == Duration {
    private struct State {
        var tokens: Double
        var last: C.Instant
    }

    private let clock: C
    private let qps: Double
    private let burst: Double
    private let state: Mutex<State>

    /// Creates a full bucket. Defaults follow karpenter's settings: 200 requests/s, bursts of 300.
    package init(qps: Double = 200, burst: Int = 300, clock: C) {
        self.clock = clock
        self.qps = max(qps, 0.001)
        self.burst = Double(max(burst, 1))
        self.state = Mutex(State(tokens: Double(max(burst, 1)), last: clock.now))
    }

    /// Takes a token, or reserves the next one and sleeps on the clock until it is due.
    package func acquire() async throws {
        let now = clock.now
        let wait: Duration = state.withLock { state in
            let elapsed = state.last.duration(to: now)
            if elapsed > .zero {
                state.tokens = min(burst, state.tokens + elapsed.timeInterval * qps)
                state.last = now
            }
            state.tokens -= 1
            return state.tokens >= 0 ? .zero : .nanoseconds(Int64((-state.tokens / qps) * 1e9))
        }
        if wait > .zero { try await clock.sleep(for: wait) }
    }
}
