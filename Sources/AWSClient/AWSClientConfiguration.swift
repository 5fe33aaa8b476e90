import Foundation
import HTTPCore
import Logging

/// Everything a service client needs, handed in explicitly (no globals): region, transport, credentials,
/// endpoint-override variables, retry policy, sleeper, clock and logger.
package struct AWSClientConfiguration: Sendable {
    /// The region calls are made in (and signed for, except global/pricing services).
    package var region: String
    /// The HTTP transport (libcurl in production, URLSession or fakes in tests).
    package var transport: any HTTPTransport
    /// The credentials to sign with; wrap chains in ``CachingCredentialProvider``.
    package var credentials: any CredentialProvider
    /// Environment variables consulted for `AWS_ENDPOINT_URL*` overrides.
    package var environment: [String: String]
    /// How failed calls are retried.
    package var retry: RetryPolicy
    /// How retries wait; tests inject one that returns at once.
    package var sleeper: any Sleeper
    /// "Now" for signing; tests inject a fixed date.
    package var clock: @Sendable () -> Date
    /// Where call summaries go (debug level). Never receives headers, bodies or secrets.
    package var logger: Logger
    /// The `User-Agent` sent (never signed).
    package var userAgent: String
    /// Deadline of one attempt.
    package var timeout: Duration

    /// Creates a configuration with production defaults for everything but the essentials.
    package init(
        region: String, transport: any HTTPTransport, credentials: any CredentialProvider,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        retry: RetryPolicy = RetryPolicy(), sleeper: any Sleeper = TaskSleeper(),
        clock: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "aws"), userAgent: String = "karpenter-swift",
        timeout: Duration = .seconds(30)
    ) {
        self.region = region
        self.transport = transport
        self.credentials = credentials
        self.environment = environment
        self.retry = retry
        self.sleeper = sleeper
        self.clock = clock
        self.logger = logger
        self.userAgent = userAgent
        self.timeout = timeout
    }
}
