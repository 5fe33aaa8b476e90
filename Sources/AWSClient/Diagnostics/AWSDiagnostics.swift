import Foundation
import HTTPCore
import Logging

/// The logic behind `karpenter aws whoami` and `karpenter aws instance-types`, kept out of the
/// executable so it is testable with a fake transport. Errors are rewritten into one actionable
/// sentence (``Failure``) that never contains a secret.
package struct AWSDiagnostics: Sendable {
    /// Environment and files to read credentials and region from.
    package let environment: AWSEnvironment
    /// The transport for every call (IMDS, STS, EC2, Pricing).
    package let transport: any HTTPTransport
    /// Where call summaries go.
    package let logger: Logger

    /// Creates the diagnostics runner.
    package init(environment: AWSEnvironment, transport: any HTTPTransport, logger: Logger = Logger(label: "aws")) {
        self.environment = environment
        self.transport = transport
        self.logger = logger
    }

    /// What `whoami` prints.
    package struct Identity: Sendable, Equatable, Codable {
        /// Which credential source answered, e.g. `web-identity arn:…`.
        package var credentialSource: String
        /// The access key ID in use (not secret).
        package var accessKeyID: String
        /// Account ID.
        package var account: String
        /// Caller ARN.
        package var arn: String
        /// Region and where it came from.
        package var region: String
        /// `AWS_REGION`, `AWS_DEFAULT_REGION`, `profile`, `IMDS` or `--region`.
        package var regionSource: String
    }

    /// A failure explained for a person: what failed and what to check.
    package struct Failure: Error, Sendable, CustomStringConvertible {
        /// The sentence to print.
        package let description: String
    }

    /// Resolves region and credentials, then calls STS GetCallerIdentity.
    package func whoami(region explicitRegion: String? = nil) async throws(Failure) -> Identity {
        let (region, regionSource) = try await resolveRegion(explicitRegion)
        let (configuration, credentials) = try await configuration(region: region)
        do {
            let identity = try await STSClient(configuration: configuration).getCallerIdentity()
            return Identity(credentialSource: credentials.source, accessKeyID: credentials.signing.accessKeyID,
                            account: identity.account, arn: identity.arn, region: region, regionSource: regionSource)
        } catch {
            throw explain(error, credentials: credentials, service: "STS GetCallerIdentity")
        }
    }

    /// The catalogue as the controller would build it in `region`.
    package func instanceTypes(region explicitRegion: String? = nil) async throws(Failure) -> [InstanceTypeInfo] {
        let (region, _) = try await resolveRegion(explicitRegion)
        let (configuration, credentials) = try await configuration(region: region)
        do {
            let catalogue = InstanceTypeCatalogue(
                ec2: try EC2Client(configuration: configuration), pricing: try PricingClient(configuration: configuration),
                region: region, logger: logger
            )
            return try await catalogue.load()
        } catch {
            throw explain(error, credentials: credentials, service: "EC2 DescribeInstanceTypes")
        }
    }

    private func resolveRegion(_ explicit: String?) async throws(Failure) -> (String, String) {
        if let explicit { return (explicit, "--region") }
        do {
            return try await RegionResolver.resolve(environment: environment, imds: IMDSClient(environment: environment, transport: transport))
        } catch {
            throw Failure(description: "\(error)")
        }
    }

    private func configuration(region: String) async throws(Failure) -> (AWSClientConfiguration, AWSCredentials) {
        do {
            let provider = try DefaultCredentialChain.make(environment: environment, region: region, transport: transport, logger: logger)
            let credentials = try await provider.credentials()
            let configuration = AWSClientConfiguration(
                region: region, transport: transport, credentials: provider, environment: environment.variables, logger: logger
            )
            return (configuration, credentials)
        } catch {
            throw Failure(description: "\(error)")
        }
    }

    private func explain(_ error: any Error, credentials: AWSCredentials, service: String) -> Failure {
        guard let error = error as? AWSError else { return Failure(description: "\(service) failed: \(error)") }
        if error.isAuthFailure {
            return Failure(description: "AWS rejected the credentials from \(credentials.source) (access key \(credentials.signing.accessKeyID)) "
                + "calling \(service): \(error.code): \(error.message.trimmingCharacters(in: CharacterSet(charactersIn: ". "))). "
                + "Check the secret key, the session token's expiry and the clock.")
        }
        if error.code == AWSError.ClientCode.transport {
            return Failure(description: "cannot reach the AWS endpoint for \(service): \(error.message). Check network access or AWS_ENDPOINT_URL.")
        }
        return Failure(description: "\(service) failed: \(error)")
    }
}
