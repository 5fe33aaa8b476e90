import KubeClient
import Testing
import TestSupport

@Suite struct TokenBucketRateLimiterTests {
    @Test func burstPassesThenRequestsWaitForRefill() async throws {
        let clock = ManualClock()
        let limiter = TokenBucketRateLimiter(qps: 10, burst: 3, clock: clock)
        for _ in 0..<3 { try await limiter.acquire() }
        #expect(clock.sleeperCount == 0)
        let waiting = Task { try await limiter.acquire() }
        await clock.waitForSleepers(1)
        clock.advance(by: .milliseconds(99))
        #expect(clock.sleeperCount == 1)
        clock.advance(by: .milliseconds(1))
        try await waiting.value
        #expect(clock.sleeperCount == 0)
    }

    @Test func idleTimeRefillsUpToBurstOnly() async throws {
        let clock = ManualClock()
        let limiter = TokenBucketRateLimiter(qps: 200, burst: 300, clock: clock)
        for _ in 0..<300 { try await limiter.acquire() }
        clock.advance(by: .seconds(60))
        for _ in 0..<300 { try await limiter.acquire() }
        #expect(clock.sleeperCount == 0)
        let waiting = Task { try await limiter.acquire() }
        await clock.waitForSleepers(1)
        clock.advance(by: .milliseconds(5))
        try await waiting.value
    }
}
