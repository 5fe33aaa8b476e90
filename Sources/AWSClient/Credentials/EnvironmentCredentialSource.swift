import HTTPCore
import SigV4

/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and optional `AWS_SESSION_TOKEN`, first in the chain.
package struct EnvironmentCredentialSource: CredentialSource {
    /// The environment to read.
    package let environment: AWSEnvironment

    /// Creates the source.
    package init(environment: AWSEnvironment) { self.environment = environment }

    /// Names the variables.
    package var searchDescription: String { "environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)" }

    /// Both variables set ⇒ credentials; neither ⇒ nil; only one ⇒ a configuration error.
    package func resolve() async throws -> AWSCredentials? {
        let keyID = environment["AWS_ACCESS_KEY_ID"]
        let secret = environment["AWS_SECRET_ACCESS_KEY"]
        switch (keyID, secret) {
        case (nil, nil):
            return nil
        case let (keyID?, secret?):
            return AWSCredentials(
                signing: SigningCredentials(
                    accessKeyID: keyID, secretAccessKey: Secret(secret),
                    sessionToken: environment["AWS_SESSION_TOKEN"].map(Secret.init)
                ),
                source: "environment"
            )
        default:
            throw CredentialError.invalidConfiguration(
                source: "environment",
                reason: "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together"
            )
        }
    }
}
