import Foundation
import HTTPCore
import Yams

/// Where and how to reach an API server: resolved from a kubeconfig's current context or from the
/// in-cluster service account. Secrets stay inside ``settings`` and ``exec``; ``description`` omits them.
package struct KubeConfig: Sendable, Equatable, CustomStringConvertible {
    /// API server base URL.
    package var server: URL
    /// TLS trust, client certificate and static bearer token for the transport.
    package var settings: HTTPConnectionSettings
    /// Default namespace of the context (`default` if unset).
    package var namespace: String
    /// Exec credential plugin, when the user authenticates through one.
    package var exec: ExecCredentialCommand?

    /// Creates a configuration.
    package init(server: URL, settings: HTTPConnectionSettings = HTTPConnectionSettings(), namespace: String = "default", exec: ExecCredentialCommand? = nil) {
        self.server = server
        self.settings = settings
        self.namespace = namespace
        self.exec = exec
    }

    /// Server and namespace only, so logging a configuration never leaks a credential.
    package var description: String { "KubeConfig(server: \(server.absoluteString), namespace: \(namespace))" }
}

/// Why a kubeconfig or in-cluster configuration could not be loaded.
package enum KubeConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is missing or unreadable.
    case unreadable(path: String)
    /// The YAML is not a kubeconfig.
    case malformed(path: String, detail: String)
    /// The named context, cluster or user is not defined.
    case missingEntry(kind: String, name: String)
    /// A field is invalid (bad URL, bad base64).
    case invalidField(field: String, detail: String)
    /// `KUBERNETES_SERVICE_HOST`/`PORT` are not set: not running in a pod.
    case notInCluster

    /// One line a user can act on.
    package var description: String {
        switch self {
        case let .unreadable(path): "cannot read kubeconfig \(path)"
        case let .malformed(path, detail): "kubeconfig \(path) is malformed: \(detail)"
        case let .missingEntry(kind, name): "kubeconfig has no \(kind) named \"\(name)\""
        case let .invalidField(field, detail): "kubeconfig field \(field) is invalid: \(detail)"
        case .notInCluster: "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set (not running in a pod)"
        }
    }
}

extension KubeConfig {
    /// Loads the current context (or `context`) of the kubeconfig at `path`. Relative file paths in
    /// the file are resolved against its folder, as kubectl does.
    package static func load(path: String, context: String? = nil) throws(KubeConfigError) -> KubeConfig {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path)
        }
        let file: KubeConfigFile
        do {
            file = try YAMLDecoder().decode(KubeConfigFile.self, from: text)
        } catch {
            throw .malformed(path: path, detail: String(describing: error))
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try resolve(file, context: context, folder: folder)
    }

    /// Loads from `$KUBECONFIG` (first entry) or `~/.kube/config`.
    package static func loadDefault(environment: [String: String] = ProcessInfo.processInfo.environment) throws(KubeConfigError) -> KubeConfig {
        if let list = environment["KUBECONFIG"], let first = list.split(separator: ":").first {
            return try load(path: String(first))
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return try load(path: home + "/.kube/config")
    }

    /// The service-account configuration of a pod: `https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT`,
    /// the mounted CA, and the mounted token (re-read when the kubelet rotates it).
    package static func inCluster(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        serviceAccountFolder: String = "/var/run/secrets/kubernetes.io/serviceaccount"
    ) throws(KubeConfigError) -> KubeConfig {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], let port = environment["KUBERNETES_SERVICE_PORT"],
              !host.isEmpty, !port.isEmpty else { throw .notInCluster }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        guard let server = URL(string: "https://\(hostPart):\(port)") else {
            throw .invalidField(field: "KUBERNETES_SERVICE_HOST", detail: "not a host: \(host)")
        }
        let namespace = (try? String(contentsOfFile: serviceAccountFolder + "/namespace", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let settings = HTTPConnectionSettings(
            certificateAuthority: .file(serviceAccountFolder + "/ca.crt"),
            bearerToken: .file(serviceAccountFolder + "/token"))
        return KubeConfig(server: server, settings: settings, namespace: namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default")
    }

    private static func resolve(_ file: KubeConfigFile, context requested: String?, folder: String) throws(KubeConfigError) -> KubeConfig {
        let contextName = requested ?? file.currentContext ?? ""
        guard let context = file.contexts?.first(where: { $0.name == contextName })?.context else {
            throw .missingEntry(kind: "context", name: contextName)
        }
        guard let cluster = file.clusters?.first(where: { $0.name == context.cluster })?.cluster else {
            throw .missingEntry(kind: "cluster", name: context.cluster)
        }
        guard let server = URL(string: cluster.server), server.scheme != nil else {
            throw .invalidField(field: "clusters[\(context.cluster)].cluster.server", detail: "not a URL: \(cluster.server)")
        }
        var settings = HTTPConnectionSettings(insecureSkipTLSVerify: cluster.insecureSkipTLSVerify ?? false)
        settings.certificateAuthority = try pem(file: cluster.certificateAuthority, data: cluster.certificateAuthorityData, field: "certificate-authority", folder: folder)
        var exec: ExecCredentialCommand?
        if let userName = context.user {
            guard let user = file.users?.first(where: { $0.name == userName })?.user else {
                throw .missingEntry(kind: "user", name: userName)
            }
            settings.clientCertificate = try pem(file: user.clientCertificate, data: user.clientCertificateData, field: "client-certificate", folder: folder)
            settings.clientKey = try pem(file: user.clientKey, data: user.clientKeyData, field: "client-key", folder: folder)
            if let token = user.token, !token.isEmpty {
                settings.bearerToken = .literal(token)
            } else if let tokenFile = user.tokenFile {
                settings.bearerToken = .file(absolute(tokenFile, folder: folder))
            }
            if let plugin = user.exec {
                exec = ExecCredentialCommand(
                    command: plugin.command, arguments: plugin.args ?? [],
                    environment: Dictionary((plugin.env ?? []).map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last }),
                    apiVersion: plugin.apiVersion ?? "client.authentication.k8s.io/v1beta1", serverURL: server)
            }
        }
        return KubeConfig(server: server, settings: settings, namespace: context.namespace ?? "default", exec: exec)
    }

    private static func pem(file: String?, data: String?, field: String, folder: String) throws(KubeConfigError) -> PEMSource? {
        if let data, !data.isEmpty {
            guard let decoded = Data(base64Encoded: data, options: .ignoreUnknownCharacters) else {
                throw .invalidField(field: field + "-data", detail: "not base64")
            }
            return .data(decoded)
        }
        if let file, !file.isEmpty { return .file(absolute(file, folder: folder)) }
        return nil
    }

    private static func absolute(_ path: String, folder: String) -> String {
        path.hasPrefix("/") ? path : folder + "/" + path
    }
}

/// The subset of the kubeconfig file format the client reads.
private struct KubeConfigFile: Decodable {
    struct NamedCluster: Decodable { var name: String; var cluster: Cluster }
    struct Cluster: Decodable {
        var server: String
        var certificateAuthority: String?
        var certificateAuthorityData: String?
        var insecureSkipTLSVerify: Bool?
        enum CodingKeys: String, CodingKey {
            case server
            case certificateAuthority = "certificate-authority"
            case certificateAuthorityData = "certificate-authority-data"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
        }
    }
    struct NamedUser: Decodable { var name: String; var user: User }
    struct User: Decodable {
        var token: String?
        var tokenFile: String?
        var clientCertificate: String?
        var clientCertificateData: String?
        var clientKey: String?
        var clientKeyData: String?
        var exec: Exec?
        enum CodingKeys: String, CodingKey {
            case token, tokenFile, exec
            case clientCertificate = "client-certificate"
            case clientCertificateData = "client-certificate-data"
            case clientKey = "client-key"
            case clientKeyData = "client-key-data"
        }
    }
    struct Exec: Decodable {
        var apiVersion: String?
        var command: String
        var args: [String]?
        var env: [EnvVar]?
    }
    struct EnvVar: Decodable { var name: String; var value: String }
    struct NamedContext: Decodable { var name: String; var context: Context }
    struct Context: Decodable { var cluster: String; var user: String?; var namespace: String? }

    var clusters: [NamedCluster]?
    var users: [NamedUser]?
    var contexts: [NamedContext]?
    var currentContext: String?

    enum CodingKeys: String, CodingKey {
        case clusters, users, contexts
        case currentContext = "current-context"
    }
}
