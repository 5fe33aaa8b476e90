import Foundation

/// A kubeconfig `exec` credential plugin (e.g. `aws eks get-token --cluster-name c`): the command,
/// its arguments and extra environment. ``ExecCredentialProvider`` runs it.
package struct ExecCredentialCommand: Sendable, Equatable {
    /// Executable name or path (looked up on `PATH` when not absolute).
    package var command: String
    /// Arguments.
    package var arguments: [String]
    /// Extra environment variables for the plugin.
    package var environment: [String: String]
    /// `client.authentication.k8s.io/v1beta1` or `/v1`.
    package var apiVersion: String
    /// The cluster's server, passed to the plugin in `KUBERNETES_EXEC_INFO`.
    package var serverURL: URL

    /// Creates a plugin description.
    package init(command: String, arguments: [String] = [], environment: [String: String] = [:], apiVersion: String, serverURL: URL) {
        self.command = command
        self.arguments = arguments
        self.environment = environment
        self.apiVersion = apiVersion
        self.serverURL = serverURL
    }
}
