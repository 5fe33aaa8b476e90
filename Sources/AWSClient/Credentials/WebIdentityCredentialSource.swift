import HTTPCore
import Foundation
import SigV4

/// IRSA: `AWS_ROLE_ARN` + `AWS_WEB_IDENTITY_TOKEN_FILE` exchanged for temporary credentials through
/// STS AssumeRoleWithWebIdentity (an unsigned call). The token file is re-read on every refresh because
/// the kubelet rotates it.
package struct WebIdentityCredentialSource: CredentialSource {
    /// The environment to read.
    package let environment: AWSEnvironment
    /// The STS call; the chain passes an unsigned STS client.
    package let sts: any STSAPI
    /// Used when `AWS_ROLE_SESSION_NAME` is unset.
    package let defaultSessionName: String

    /// Creates the source.
    package init(environment: AWSEnvironment, sts: any STSAPI, defaultSessionName: String = "karpenter") {
        self.environment = environment
        self.sts = sts
        self.defaultSessionName = defaultSessionName
    }

    /// Names the variables.
    package var searchDescription: String { "web identity (AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE)" }

    /// Reads the token and assumes the role; nil when the variables are not both set.
    package func resolve() async throws -> AWSCredentials? {
        guard let roleARN = environment["AWS_ROLE_ARN"], let tokenFile = environment["AWS_WEB_IDENTITY_TOKEN_FILE"] else {
            return nil
        }
        let source = "web-identity \(roleARN)"
        let token: String
        do {
            token = String(decoding: try environment.readFile(tokenFile), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw CredentialError.fetchFailed(source: source, reason: "cannot read token file \(tokenFile)")
        }
        guard !token.isEmpty else {
            throw CredentialError.invalidConfiguration(source: source, reason: "token file \(tokenFile) is empty")
        }
        do {
            let assumed = try await sts.assumeRoleWithWebIdentity(
                roleARN: roleARN, sessionName: environment["AWS_ROLE_SESSION_NAME"] ?? defaultSessionName,
                webIdentityToken: Secret(token)
            )
            return AWSCredentials(signing: assumed.credentials, expiration: assumed.expiration, source: source)
        } catch {
            throw CredentialError.fetchFailed(source: source, reason: "\(error)")
        }
    }
}
