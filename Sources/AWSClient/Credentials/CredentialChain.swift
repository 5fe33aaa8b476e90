/// The SDKs' default chain: environment, web identity, container/Pod Identity, shared files, IMDSv2.
/// The first configured source answers; a configured source that fails stops the chain with its error.
package struct CredentialChain: CredentialProvider {
    /// The sources in the order they are tried.
    package let sources: [any CredentialSource]

    /// Creates a chain over explicit sources (tests use subsets).
    package init(sources: [any CredentialSource]) { self.sources = sources }

    /// The first configured source's credentials, or ``CredentialError/notFound(searched:)`` listing
    /// every place looked at.
    package func credentials() async throws -> AWSCredentials {
        for source in sources {
            if let credentials = try await source.resolve() { return credentials }
        }
        throw CredentialError.notFound(searched: sources.map(\.searchDescription))
    }
}
