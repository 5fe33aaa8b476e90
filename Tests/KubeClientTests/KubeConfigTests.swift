import Foundation
import HTTPCore
import KubeClient
import Testing

@Suite struct KubeConfigTests {
    /// A temporary folder with the given files, removed by the caller.
    func folder(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kubeconfig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, content) in files { try Data(content.utf8).write(to: url.appendingPathComponent(name)) }
        return url
    }

    @Test func currentContextWithRelativeFilesAndTokenFile() throws {
        let dir = try folder(["config": """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
        - name: dev-cluster
          cluster: {server: "https://10.0.0.1:6443", certificate-authority: ca.crt}
        - name: other
          cluster: {server: "https://10.9.9.9"}
        users:
        - name: dev-user
          user: {tokenFile: secrets/token, client-certificate: /abs/client.crt, client-key: client.key}
        contexts:
        - name: other
          context: {cluster: other}
        - name: dev
          context: {cluster: dev-cluster, user: dev-user, namespace: karpenter}
        """])
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = try KubeConfig.load(path: dir.appendingPathComponent("config").path)
        #expect(config.server.absoluteString == "https://10.0.0.1:6443")
        #expect(config.namespace == "karpenter")
        #expect(config.settings.certificateAuthority == .file(dir.path + "/ca.crt"))
        #expect(config.settings.clientCertificate == .file("/abs/client.crt"))
        #expect(config.settings.clientKey == .file(dir.path + "/client.key"))
        #expect(config.settings.bearerToken == .file(dir.path + "/secrets/token"))
        #expect(config.exec == nil)
        #expect(!config.description.contains("token"))
    }

    @Test func inlineDataTokenAndExecPlugin() throws {
        let ca = Data("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".utf8)
        let dir = try folder(["config": """
        apiVersion: v1
        kind: Config
        current-context: eks
        clusters:
        - name: eks
          cluster:
            server: https://ABC.gr7.us-east-1.eks.amazonaws.com
            certificate-authority-data: \(ca.base64EncodedString())
        users:
        - name: eks
          user:
            token: static-token
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              command: aws
              args: [eks, get-token, --cluster-name, weasel]
              env: [{name: AWS_PROFILE, value: prod}]
        contexts:
        - name: eks
          context: {cluster: eks, user: eks}
        """])
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = try KubeConfig.load(path: dir.appendingPathComponent("config").path)
        #expect(config.settings.certificateAuthority == .data(ca))
        #expect(config.settings.bearerToken == .literal("static-token"))
        #expect(config.namespace == "default")
        let exec = try #require(config.exec)
        #expect(exec.command == "aws")
        #expect(exec.arguments == ["eks", "get-token", "--cluster-name", "weasel"])
        #expect(exec.environment == ["AWS_PROFILE": "prod"])
        #expect(exec.serverURL == config.server)
    }

    @Test(arguments: [
        ("unknown context", "current-context: nope\ncontexts: []\nclusters: []\n", KubeConfigError.missingEntry(kind: "context", name: "nope")),
        ("unknown cluster", "current-context: a\ncontexts: [{name: a, context: {cluster: gone}}]\n", KubeConfigError.missingEntry(kind: "cluster", name: "gone")),
        ("unknown user", "current-context: a\ncontexts: [{name: a, context: {cluster: c, user: u}}]\nclusters: [{name: c, cluster: {server: 'https://x'}}]\n", KubeConfigError.missingEntry(kind: "user", name: "u")),
    ])
    func brokenReferencesAreReported(_ name: String, _ yaml: String, _ expected: KubeConfigError) throws {
        let dir = try folder(["config": yaml])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: expected, "\(name)") { try KubeConfig.load(path: dir.appendingPathComponent("config").path) }
    }

    @Test func missingFileIsUnreadable() {
        #expect(throws: KubeConfigError.unreadable(path: "/nonexistent/kubeconfig")) { try KubeConfig.load(path: "/nonexistent/kubeconfig") }
    }

    @Test func inClusterUsesServiceAccountMountAndRereadableToken() throws {
        let dir = try folder(["namespace": "karpenter\n", "token": "t", "ca.crt": "pem"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = try KubeConfig.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "443"], serviceAccountFolder: dir.path)
        #expect(config.server.absoluteString == "https://[fd00::1]:443")
        #expect(config.namespace == "karpenter")
        #expect(config.settings.bearerToken == .file(dir.path + "/token"))
        #expect(config.settings.certificateAuthority == .file(dir.path + "/ca.crt"))
        #expect(throws: KubeConfigError.notInCluster) { try KubeConfig.inCluster(environment: [:], serviceAccountFolder: dir.path) }
    }
}
