import Foundation

/// Caches another provider's credentials until five minutes before they expire (long-term keys
/// forever), and refreshes exactly once when many callers find them stale at the same time: the first
/// caller starts the refresh, the others await the same task.
package actor CachingCredentialProvider: CredentialProvider {
    private let upstream: any CredentialProvider
    private let clock: @Sendable () -> Date
    private let refreshMargin: TimeInterval
    private var cached: AWSCredentials?
    private var refreshing: Task<AWSCredentials, any Error>?

    /// Wraps `upstream`; `clock` supplies "now" for the expiry check.
    package init(
        _ upstream: any CredentialProvider, refreshMargin: TimeInterval = 300,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.upstream = upstream
        self.refreshMargin = refreshMargin
        self.clock = clock
    }

    /// Cached credentials while fresh; otherwise the result of one shared refresh.
    package func credentials() async throws -> AWSCredentials {
        if let cached, isFresh(cached) { return cached }
        if let refreshing { return try await refreshing.value }
        let upstream = upstream
        let task = Task { try await upstream.credentials() }
        refreshing = task
        defer { refreshing = nil }
        let fresh = try await task.value
        cached = fresh
        return fresh
    }

    /// Drops the cache so the next call refreshes (after AWS rejected the credentials as expired).
    package func invalidate() { cached = nil }

    private func isFresh(_ credentials: AWSCredentials) -> Bool {
        guard let expiration = credentials.expiration else { return true }
        return clock().addingTimeInterval(refreshMargin) < expiration
    }
}
