import Foundation
import SigV4

/// Credentials as a provider returns them: the key material, when it stops being valid, and where it
/// came from (shown by `karpenter aws whoami`). Printing the value never shows the secret or token.
package struct AWSCredentials: Sendable, Equatable, CustomStringConvertible {
    /// The key material the signer uses.
    package var signing: SigningCredentials
    /// When temporary credentials expire; nil for long-term keys.
    package var expiration: Date?
    /// Which provider produced them, e.g. `environment`, `web-identity`, `profile default`.
    package var source: String

    /// Creates credentials.
    package init(signing: SigningCredentials, expiration: Date? = nil, source: String) {
        self.signing = signing
        self.expiration = expiration
        self.source = source
    }

    /// Source, access key ID and expiry; secrets redacted.
    package var description: String {
        "AWSCredentials(source: \(source), accessKeyID: \(signing.accessKeyID), secret: <redacted>, expiration: \(expiration.map { "\($0)" } ?? "never"))"
    }
}

/// Something that can produce credentials, possibly by calling a service.
package protocol CredentialProvider: Sendable {
    /// Current credentials, or an error saying what was tried.
    func credentials() async throws -> AWSCredentials
}

/// One link of the credential chain: answers nil when its source is not configured (so the chain moves
/// on), throws when it is configured but fails (so a broken IRSA setup is reported, not skipped).
package protocol CredentialSource: Sendable {
    /// A short description of where this source looks, for "no credentials found" errors.
    var searchDescription: String { get }
    /// Credentials from this source, nil when it is not configured.
    func resolve() async throws -> AWSCredentials?
}

/// Why credentials could not be obtained. Never carries a secret: only variable names, file paths,
/// role ARNs and the upstream error's (redacted) description.
package enum CredentialError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No source in the chain was configured.
    case notFound(searched: [String])
    /// A source is configured but its configuration is unusable.
    case invalidConfiguration(source: String, reason: String)
    /// A source is configured but fetching from it failed.
    case fetchFailed(source: String, reason: String)

    /// What failed and where to look.
    package var description: String {
        switch self {
        case let .notFound(searched):
            "no AWS credentials found; looked in: " + searched.joined(separator: "; ")
        case let .invalidConfiguration(source, reason):
            "AWS credentials from \(source) are misconfigured: \(reason)"
        case let .fetchFailed(source, reason):
            "could not get AWS credentials from \(source): \(reason)"
        }
    }
}

/// The process environment and file system as the credential sources see them, injected so tests
/// can supply variables and files without touching the real ones.
package struct AWSEnvironment: Sendable {
    /// Environment variables.
    package var variables: [String: String]
    /// The user's home directory, for `~/.aws/credentials` and `~/.aws/config`.
    package var homeDirectory: String
    /// Reads a whole file; throws when it is missing or unreadable.
    package var readFile: @Sendable (String) throws -> Data

    /// Creates an environment; defaults read the real process environment and files.
    package init(
        variables: [String: String] = ProcessInfo.processInfo.environment,
        homeDirectory: String = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory(),
        readFile: @escaping @Sendable (String) throws -> Data = { try Data(contentsOf: URL(fileURLWithPath: $0)) }
    ) {
        self.variables = variables
        self.homeDirectory = homeDirectory
        self.readFile = readFile
    }

    /// The non-empty value of `name`, nil when unset or empty.
    package subscript(_ name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }

    /// Expands a leading `~/` to the home directory.
    package func expand(_ path: String) -> String {
        path.hasPrefix("~/") ? homeDirectory + path.dropFirst() : path
    }
}
