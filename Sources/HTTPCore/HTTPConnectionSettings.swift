import Foundation

/// How to reach one server securely: trust anchors, client identity and bearer token. Built from a
/// kubeconfig, the in-cluster service account, or AWS settings, and handed to a transport.
package struct HTTPConnectionSettings: Sendable, Equatable {
    /// Certificates trusted to sign the server's certificate; `nil` uses the system store.
    package var certificateAuthority: PEMSource?
    /// Client certificate for mutual TLS.
    package var clientCertificate: PEMSource?
    /// Private key of ``clientCertificate``.
    package var clientKey: PEMSource?
    /// Bearer token sent as `Authorization` unless the request carries its own.
    package var bearerToken: BearerTokenSource?
    /// Skips server certificate verification. Only for explicit user opt-in (`insecure-skip-tls-verify`).
    package var insecureSkipTLSVerify: Bool
    /// Longest time to establish a connection (TCP + TLS).
    package var connectTimeout: Duration

    /// Creates settings; everything defaults to absent, with a 10 s connect timeout.
    package init(
        certificateAuthority: PEMSource? = nil, clientCertificate: PEMSource? = nil, clientKey: PEMSource? = nil,
        bearerToken: BearerTokenSource? = nil, insecureSkipTLSVerify: Bool = false, connectTimeout: Duration = .seconds(10)
    ) {
        self.certificateAuthority = certificateAuthority
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.bearerToken = bearerToken
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.connectTimeout = connectTimeout
    }
}

/// PEM material either on disk or in memory (kubeconfig `*-data` fields, already base64-decoded).
package enum PEMSource: Sendable, Equatable {
    /// A path to a PEM file.
    case file(String)
    /// PEM bytes.
    case data(Data)
}

/// Where a bearer token comes from. A file is re-read whenever its modification time or size changes,
/// so rotated projected service-account tokens are picked up without a restart.
package enum BearerTokenSource: Sendable, Equatable {
    /// A fixed token.
    case literal(String)
    /// A file holding the token (surrounding whitespace is trimmed).
    case file(String)
}
