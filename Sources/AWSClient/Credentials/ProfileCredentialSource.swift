import HTTPCore
import SigV4

/// Static keys from the shared credentials/config files for the selected profile.
///
/// Profiles that only name a role (`role_arn`), a `credential_process` or SSO are reported as
/// unsupported rather than silently skipped: in the cluster IRSA or Pod Identity is the way.
package struct ProfileCredentialSource: CredentialSource {
    /// The environment to read.
    package let environment: AWSEnvironment

    /// Creates the source.
    package init(environment: AWSEnvironment) { self.environment = environment }

    /// Names the files and profile.
    package var searchDescription: String {
        let files = SharedConfigFiles(environment: environment)
        return "shared files (\(files.paths.joined(separator: ", ")), profile \(files.profile))"
    }

    /// The profile's keys; nil when the profile is absent (unless `AWS_PROFILE` named it).
    package func resolve() async throws -> AWSCredentials? {
        let files = SharedConfigFiles(environment: environment)
        let source = "profile \(files.profile)"
        guard let settings = files.settings else {
            if files.profileIsExplicit {
                throw CredentialError.invalidConfiguration(
                    source: source, reason: "AWS_PROFILE names a profile that is in neither \(files.paths.joined(separator: " nor "))"
                )
            }
            return nil
        }
        if let keyID = settings["aws_access_key_id"], let secret = settings["aws_secret_access_key"],
           !keyID.isEmpty, !secret.isEmpty {
            return AWSCredentials(
                signing: SigningCredentials(
                    accessKeyID: keyID, secretAccessKey: Secret(secret),
                    sessionToken: settings["aws_session_token"].flatMap { $0.isEmpty ? nil : Secret($0) }
                ),
                source: source
            )
        }
        for unsupported in ["role_arn", "credential_process", "sso_start_url", "sso_session"] where settings[unsupported] != nil {
            throw CredentialError.invalidConfiguration(
                source: source, reason: "\(unsupported) profiles are not supported; use static keys, IRSA or Pod Identity"
            )
        }
        return nil
    }
}
