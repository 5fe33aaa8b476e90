/// Supplies a bearer token per request, for credentials that expire and must be fetched again
/// (kubeconfig exec plugins such as `aws eks get-token`).
package protocol BearerTokenProviding: Sendable {
    /// A currently valid token.
    func token() async throws -> String
    /// Forgets the current token after the server rejected it (401), so the next call fetches a new one.
    func invalidate() async
}
