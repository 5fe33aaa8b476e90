import HTTPCore
import Foundation
import SigV4

/// The STS calls the controller and `karpenter aws whoami` make.
package protocol STSAPI: Sendable {
    /// Exchanges a web-identity (service-account) token for temporary role credentials. Unsigned.
    func assumeRoleWithWebIdentity(roleARN: String, sessionName: String, webIdentityToken: Secret) async throws -> AssumedRole
    /// Who the current credentials belong to.
    func getCallerIdentity() async throws -> CallerIdentity
}

/// Temporary credentials from an AssumeRole* call.
package struct AssumedRole: Sendable, Equatable {
    /// The key material.
    package var credentials: SigningCredentials
    /// When it stops working.
    package var expiration: Date?
    /// The assumed-role ARN, e.g. `arn:aws:sts::123456789012:assumed-role/KarpenterRole/karpenter`.
    package var assumedRoleARN: String?

    /// Creates the value.
    package init(credentials: SigningCredentials, expiration: Date?, assumedRoleARN: String?) {
        self.credentials = credentials
        self.expiration = expiration
        self.assumedRoleARN = assumedRoleARN
    }
}

/// The answer of GetCallerIdentity.
package struct CallerIdentity: Sendable, Equatable, Codable {
    /// The 12-digit account ID.
    package var account: String
    /// The caller's ARN.
    package var arn: String
    /// The unique ID of the user or role session.
    package var userID: String

    /// Creates the value.
    package init(account: String, arn: String, userID: String) {
        self.account = account
        self.arn = arn
        self.userID = userID
    }
}

/// STS over the Query protocol (version 2011-06-15).
package struct STSClient: STSAPI {
    private let query: QueryClient

    /// Creates the client; credentials are used only for signed calls.
    package init(configuration: AWSClientConfiguration) throws {
        query = QueryClient(client: try AWSServiceClient(service: .sts, configuration: configuration),
                            version: "2011-06-15", style: .wrapped)
    }

    /// AssumeRoleWithWebIdentity; the token goes in the form body only, never in logs or errors.
    package func assumeRoleWithWebIdentity(roleARN: String, sessionName: String, webIdentityToken: Secret) async throws -> AssumedRole {
        var parameters = QueryParameters()
        parameters.set("RoleArn", roleARN)
        parameters.set("RoleSessionName", sessionName)
        parameters.set("WebIdentityToken", webIdentityToken.reveal())
        let result = try await query.call("AssumeRoleWithWebIdentity", parameters, as: AssumeRoleResult.self,
                                          idempotency: .idempotent, signed: false)
        return AssumedRole(
            credentials: SigningCredentials(
                accessKeyID: result.credentials.accessKeyId,
                secretAccessKey: Secret(result.credentials.secretAccessKey),
                sessionToken: Secret(result.credentials.sessionToken)
            ),
            expiration: ISO8601.parse(result.credentials.expiration),
            assumedRoleARN: result.assumedRoleUser?.arn
        )
    }

    /// GetCallerIdentity.
    package func getCallerIdentity() async throws -> CallerIdentity {
        let result = try await query.call("GetCallerIdentity", as: CallerIdentityResult.self, idempotency: .idempotent)
        return CallerIdentity(account: result.account, arn: result.arn, userID: result.userId)
    }
}

private struct AssumeRoleResult: Decodable {
    struct Credentials: Decodable {
        let accessKeyId: String
        let secretAccessKey: String
        let sessionToken: String
        let expiration: String
    }
    struct AssumedRoleUser: Decodable { let arn: String }
    let credentials: Credentials
    let assumedRoleUser: AssumedRoleUser?
}

private struct CallerIdentityResult: Decodable {
    let account: String
    let arn: String
    let userId: String
}
