import Foundation
import HTTPCore
import Logging

/// Builds the production credential provider: the SDK-ordered ``CredentialChain`` behind a
/// ``CachingCredentialProvider``. Web identity uses an STS client that sends AssumeRoleWithWebIdentity
/// unsigned, in the same region (regional STS endpoint, or `AWS_ENDPOINT_URL_STS`).
package enum DefaultCredentialChain {
    /// The chain for `environment`, calling out through `transport`.
    package static func make(
        environment: AWSEnvironment, region: String, transport: any HTTPTransport, logger: Logger = Logger(label: "aws")
    ) throws -> CachingCredentialProvider {
        let unsignedSTS = try STSClient(configuration: AWSClientConfiguration(
            region: region, transport: transport, credentials: CredentialChain(sources: []),
            environment: environment.variables, logger: logger
        ))
        let chain = CredentialChain(sources: [
            EnvironmentCredentialSource(environment: environment),
            WebIdentityCredentialSource(environment: environment, sts: unsignedSTS),
            ContainerCredentialSource(environment: environment, transport: transport),
            ProfileCredentialSource(environment: environment),
            IMDSCredentialSource(imds: IMDSClient(environment: environment, transport: transport)),
        ])
        return CachingCredentialProvider(chain)
    }
}
