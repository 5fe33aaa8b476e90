/// Instance-profile credentials from IMDSv2: the role name from
/// `/latest/meta-data/iam/security-credentials/`, then that role's credentials document. Last in the
/// chain; reports nil when IMDS is disabled or unreachable (not on EC2).
package struct IMDSCredentialSource: CredentialSource {
    /// The metadata client.
    package let imds: IMDSClient

    /// Creates the source.
    package init(imds: IMDSClient) { self.imds = imds }

    /// Names the endpoint.
    package var searchDescription: String { "IMDSv2 instance profile (\(imds.endpoint.absoluteString))" }

    /// The instance role's credentials; nil when there is no reachable IMDS.
    package func resolve() async throws -> AWSCredentials? {
        let listPath = "/latest/meta-data/iam/security-credentials/"
        let roles: [UInt8]
        do {
            roles = Array(try await imds.get(listPath))
        } catch {
            switch error {
            case .disabled, .unreachable: return nil
            case .status: throw CredentialError.fetchFailed(source: "IMDS", reason: "\(error)")
            }
        }
        guard let role = String(decoding: roles, as: UTF8.self).split(whereSeparator: \.isNewline).first else {
            throw CredentialError.fetchFailed(source: "IMDS", reason: "the instance has no IAM role")
        }
        let source = "IMDS role \(role)"
        do {
            let document = try await imds.get(listPath + role)
            return try TemporaryCredentialsDocument.decode(document, source: source)
        } catch let error as CredentialError {
            throw error
        } catch {
            throw CredentialError.fetchFailed(source: source, reason: "\(error)")
        }
    }
}
