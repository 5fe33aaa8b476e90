import CurlTransport
import Foundation
import HTTPCore
import KubeClient
import KubeModel

/// An API under test plus what it can do beyond the shared contract.
struct ConformanceBackend: Sendable {
    /// The implementation under test.
    var api: any KubeAPI
    /// Whether a kube-scheduler watches this API and binds pods.
    var hasScheduler: Bool
    /// Discards the event history (etcd compaction), so older versions are gone.
    var compactHistory: @Sendable () async throws -> Void
    /// Makes the Karpenter kinds available (installs the chart's CRDs on a real server).
    var installCRDs: @Sendable () async throws -> Void = {}
}

/// Why the real control plane cannot be used.
struct ControlPlaneUnavailable: Error, CustomStringConvertible {
    var description: String
}

/// The real kube-apiserver started by `hack/control-plane.sh start` (`make test-integration` does it),
/// found through the variables `hack/control-plane.sh env` prints.
enum RealControlPlane {
    /// Environment of the test process.
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// A REST client over libcurl with verified TLS (the script's CA) and the admin bearer token.
    static func client() throws -> RESTClient {
        guard let kubeconfig = environment["KARPENTER_TEST_KUBECONFIG"] else {
            throw ControlPlaneUnavailable(description: "KARPENTER_TEST_KUBECONFIG is not set: start the control plane with `make test-integration` or `eval \"$(hack/control-plane.sh env)\"`")
        }
        let config = try KubeConfig.load(path: kubeconfig)
        let transport = try CurlTransport(settings: config.settings)
        return RESTClient(server: config.server, transport: transport)
    }

    /// The backend the conformance checks run against.
    static func backend() throws -> ConformanceBackend {
        let api = try client()
        return ConformanceBackend(
            api: api, hasScheduler: true, compactHistory: compactEtcd, installCRDs: { try await KarpenterResources.installCRDs(api) })
    }

    /// Compacts etcd up to its current revision through etcd's JSON gateway (`/v3/kv/range` for the
    /// revision, `/v3/kv/compaction` to compact).
    static func compactEtcd() async throws {
        guard let endpoint = environment["KARPENTER_TEST_ETCD_ENDPOINT"], let base = URL(string: endpoint) else {
            throw ControlPlaneUnavailable(description: "KARPENTER_TEST_ETCD_ENDPOINT is not set")
        }
        struct Header: Decodable { var revision: String }
        struct RangeResponse: Decodable { var header: Header }
        let transport = try CurlTransport()
        let range = try await transport.send(HTTPRequest(
            method: "POST", url: base.appendingPathComponent("v3/kv/range"),
            headers: [HTTPHeader(name: "Content-Type", value: "application/json")], body: Data(#"{"key":"AA=="}"#.utf8), timeout: .seconds(10)))
        let revision = try JSONDecoder().decode(RangeResponse.self, from: range.body).header.revision
        let compaction = try await transport.send(HTTPRequest(
            method: "POST", url: base.appendingPathComponent("v3/kv/compaction"),
            headers: [HTTPHeader(name: "Content-Type", value: "application/json")],
            body: Data(#"{"revision":"\#(revision)","physical":true}"#.utf8), timeout: .seconds(30)))
        guard compaction.isSuccess else {
            throw ControlPlaneUnavailable(description: "etcd compaction failed with HTTP \(compaction.status)")
        }
    }

    /// Kills the API server and starts it again (same port, same etcd) through the control-plane script.
    /// Blocks the calling thread; spawned with posix_spawn (Foundation's Process misbehaves off the main thread).
    static func restartAPIServer() throws {
        guard let script = environment["KARPENTER_TEST_CONTROL_PLANE"] else {
            throw ControlPlaneUnavailable(description: "KARPENTER_TEST_CONTROL_PLANE is not set")
        }
        let arguments = ["/bin/bash", script, "restart-apiserver"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", nil, nil, &argv, environ)
        guard spawned == 0 else { throw ControlPlaneUnavailable(description: "cannot start \(script): errno \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else { throw ControlPlaneUnavailable(description: "\(script) restart-apiserver failed (wait status \(status))") }
    }
}
