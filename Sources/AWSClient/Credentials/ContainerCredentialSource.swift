import Foundation
import HTTPCore
import SigV4

/// EKS Pod Identity (and ECS): `AWS_CONTAINER_CREDENTIALS_FULL_URI` answered by the node's agent, with
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (or `AWS_CONTAINER_AUTHORIZATION_TOKEN`) as the
/// Authorization header. The answer is JSON `{AccessKeyId, SecretAccessKey, Token, Expiration}`.
package struct ContainerCredentialSource: CredentialSource {
    /// The environment to read.
    package let environment: AWSEnvironment
    /// The transport for the agent call.
    package let transport: any HTTPTransport

    /// Creates the source.
    package init(environment: AWSEnvironment, transport: any HTTPTransport) {
        self.environment = environment
        self.transport = transport
    }

    /// Names the variables.
    package var searchDescription: String {
        "container/Pod Identity (AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE)"
    }

    /// Calls the agent; nil when the URI variable is unset.
    package func resolve() async throws -> AWSCredentials? {
        guard let uri = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] else { return nil }
        let source = "container credentials \(uri)"
        guard let url = URL(string: uri), url.scheme == "http" || url.scheme == "https" else {
            throw CredentialError.invalidConfiguration(source: source, reason: "not an http(s) URL")
        }
        var request = HTTPRequest(method: "GET", url: url, timeout: .seconds(5))
        if let file = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] {
            guard let data = try? environment.readFile(file) else {
                throw CredentialError.fetchFailed(source: source, reason: "cannot read token file \(file)")
            }
            request.setHeader("Authorization", String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        } else if let token = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"] {
            request.setHeader("Authorization", token)
        }
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw CredentialError.fetchFailed(source: source, reason: "\(error)")
        }
        guard response.isSuccess else {
            throw CredentialError.fetchFailed(source: source, reason: "agent answered HTTP \(response.status)")
        }
        return try TemporaryCredentialsDocument.decode(response.body, source: source)
    }
}

/// The JSON document IMDS and container agents return for temporary credentials.
struct TemporaryCredentialsDocument: Decodable {
    let AccessKeyId: String
    let SecretAccessKey: String
    let Token: String?
    let Expiration: String?

    /// Decodes the document into credentials; failures name the source, never the content.
    static func decode(_ data: Data, source: String) throws -> AWSCredentials {
        guard let document = try? JSONDecoder().decode(Self.self, from: data) else {
            throw CredentialError.fetchFailed(source: source, reason: "answer is not a credentials document")
        }
        return AWSCredentials(
            signing: SigningCredentials(
                accessKeyID: document.AccessKeyId, secretAccessKey: Secret(document.SecretAccessKey),
                sessionToken: document.Token.map(Secret.init)
            ),
            expiration: document.Expiration.flatMap(ISO8601.parse),
            source: source
        )
    }
}

/// ISO 8601 timestamps as AWS writes them, with or without fractional seconds.
enum ISO8601 {
    static func parse(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}
