import Foundation
import HTTPCore

/// The SDKs' "standard" retry mode: at most `maxAttempts` tries, exponential backoff with full jitter
/// capped at `maxBackoff`, retrying throttling, transient codes, 5xx and transport failures.
///
/// Whether a retry is safe depends on the call (``Idempotency``): a call that changes state and has no
/// client token is retried only when the failure proves AWS did not act on it (throttling rejects a
/// request before it runs; a refused connection never delivered it).
package struct RetryPolicy: Sendable {
    /// Total tries including the first.
    package var maxAttempts: Int
    /// Base of the exponential backoff: attempt n waits up to `base × 2^(n-1)`.
    package var baseBackoff: Duration
    /// Upper bound of any single wait.
    package var maxBackoff: Duration
    /// Returns a uniform random number in [0, 1); injected so tests are deterministic.
    package var jitter: @Sendable () -> Double

    /// The SDK defaults: 3 attempts, 1 s base, 20 s cap, system randomness.
    package init(
        maxAttempts: Int = 3, baseBackoff: Duration = .seconds(1), maxBackoff: Duration = .seconds(20),
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maxAttempts = maxAttempts
        self.baseBackoff = baseBackoff
        self.maxBackoff = maxBackoff
        self.jitter = jitter
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1): full jitter,
    /// `random × min(maxBackoff, base × 2^(attempt-1))`.
    package func backoff(afterAttempt attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let ceiling = min(maxBackoff, baseBackoff * (1 << exponent))
        return ceiling * jitter()
    }

    /// Whether a failed attempt may be retried.
    package func shouldRetry(_ error: any Error, idempotency: Idempotency) -> Bool {
        if let error = error as? AWSError {
            if error.isThrottling { return true }
            guard idempotency == .idempotent else { return false }
            return AWSError.transientCodes.contains(error.code) || (error.status ?? 0) >= 500
        }
        if let error = error as? TransportError {
            switch error {
            case .cancelled: return false
            case .connectionFailed: return true  // never delivered, safe for every call
            case .tls, .timedOut, .other: return idempotency == .idempotent
            }
        }
        return false
    }
}

/// Whether sending a call twice can change AWS twice.
package enum Idempotency: Sendable, Equatable {
    /// Reads, deletes of a named thing, and mutations carrying a `ClientToken` AWS deduplicates on.
    case idempotent
    /// Mutations without a token AWS deduplicates on (e.g. CreateInstanceProfile,
    /// AddRoleToInstanceProfile): resent only when AWS certainly did not act on the first try.
    case nonIdempotent
}

/// Suspends for a duration; injected so that tests of retries advance instantly.
package protocol Sleeper: Sendable {
    /// Waits for `duration` (or throws `CancellationError`).
    func sleep(for duration: Duration) async throws
}

/// Sleeps on the continuous clock; the production sleeper.
package struct TaskSleeper: Sleeper {
    /// Creates the sleeper.
    package init() {}
    /// Suspends the current task for `duration`.
    package func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
}
