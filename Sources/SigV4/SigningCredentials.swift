import HTTPCore

/// The key material one SigV4 signature needs. Produced by the credential providers in `AWSClient`;
/// the signer only reads it. The secret and token are ``Secret``s so that printing a value of this type
/// (or an error carrying one) cannot leak them; only the access key ID, which AWS treats as an
/// identifier rather than a secret, prints in clear.
package struct SigningCredentials: Sendable, Hashable, CustomStringConvertible {
    /// The access key ID (`AKIA…` long-term, `ASIA…` temporary).
    package var accessKeyID: String
    /// The secret access key that keys the HMAC chain.
    package var secretAccessKey: Secret
    /// The session token of temporary credentials, sent as `X-Amz-Security-Token`.
    package var sessionToken: Secret?

    /// Creates credentials; `sessionToken` is nil for long-term keys.
    package init(accessKeyID: String, secretAccessKey: Secret, sessionToken: Secret? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// The access key ID with the secret parts redacted.
    package var description: String {
        "SigningCredentials(accessKeyID: \(accessKeyID), secretAccessKey: <redacted>, sessionToken: \(sessionToken == nil ? "none" : "<redacted>"))"
    }
}
