import CurlTransport
import Foundation
import KubeClient
import KubeModel

/// An API under test plus what it can do beyond the shared contract.
struct ConformanceBackend: Sendable {
    /// The implementation under test.
    var api: any KubeAPI
    /// Whether a kube-scheduler watches this API and binds pods.
    var hasScheduler: Bool
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
        ConformanceBackend(api: try client(), hasScheduler: true)
    }

    /// Kills the API server and starts it again (same port, same etcd) through the control-plane script.
    static func restartAPIServer() throws {
        guard let script = environment["KARPENTER_TEST_CONTROL_PLANE"] else {
            throw ControlPlaneUnavailable(description: "KARPENTER_TEST_CONTROL_PLANE is not set")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script, "restart-apiserver"]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ControlPlaneUnavailable(description: "\(script) restart-apiserver exited with \(process.terminationStatus)")
        }
    }
}
