import CurlTransport
import Foundation
import KubeClient
import KubeModel
import Simulation
import TestSupport
import Testing

/// The simulated kubelet registering nodes on the real kube-apiserver started by
/// `hack/control-plane.sh start` (`make test-integration`), found through `KARPENTER_TEST_KUBECONFIG`.
@Suite("SimulatedKubeletIntegration", .serialized) struct SimulatedKubeletIntegrationTests {
    struct ControlPlaneMissing: Error, CustomStringConvertible {
        var description: String {
            "KARPENTER_TEST_KUBECONFIG is not set: run `make test-integration` or `eval \"$(hack/control-plane.sh env)\"`"
        }
    }

    static func client() throws -> RESTClient {
        guard let path = ProcessInfo.processInfo.environment["KARPENTER_TEST_KUBECONFIG"] else { throw ControlPlaneMissing() }
        let config = try KubeConfig.load(path: path)
        return RESTClient(server: config.server, transport: try CurlTransport(settings: config.settings))
    }

    static func deleteIfPresent(_ api: any KubeAPI, node name: String) async throws {
        do { try await api.delete(Node.self, name: name) } catch KubeError.notFound {}
    }

    @Test func registersAReadyNodeAndRemovesItOnTermination() async throws {
        let api = try Self.client()
        let kubelet = SimulatedKubelet(api: api, configuration: .init(bootDelay: .zero), clock: ManualClock())
        let claim = try await SimulatedKubeletTests.launchedClaim(name: "integration-kubelet")
        let name = await kubelet.nodeName(for: claim)
        try await Self.deleteIfPresent(api, node: name)
        _ = try await kubelet.register(claim)
        let stored = try await api.get(Node.self, name: name)
        #expect(stored.spec.providerID == claim.status?.providerID)
        #expect(stored.metadata.labels?[WellKnownLabels.instanceType] == "t3.medium")
        #expect(stored.metadata.labels?[WellKnownLabels.hostname] == name)
        let taints = stored.spec.taints?.map(\.description) ?? []
        #expect(taints.contains("karpenter.sh/unregistered:NoExecute"))
        #expect(taints.contains("dedicated=monitoring:NoSchedule"))
        #expect(!taints.contains("node.kubernetes.io/not-ready:NoSchedule"))
        #expect(stored.status?.allocatable?["cpu"] == (try Quantity(parsing: "1930m")))
        #expect(stored.status?.allocatable?["memory"] == (try Quantity(parsing: "3246Mi")))
        #expect(stored.status?.allocatable?["pods"] == (try Quantity(parsing: "17")))
        #expect(stored.readyStatus == "True")
        try await kubelet.terminated(claim)
        await #expect(throws: KubeError.self) { _ = try await api.get(Node.self, name: name) }
    }

    @Test func notReadyNodeBecomesReady() async throws {
        let api = try Self.client()
        let kubelet = SimulatedKubelet(api: api, configuration: .init(bootDelay: .zero, registerReady: false), clock: ManualClock())
        let claim = try await SimulatedKubeletTests.launchedClaim(name: "integration-late")
        let name = await kubelet.nodeName(for: claim)
        try await Self.deleteIfPresent(api, node: name)
        _ = try await kubelet.register(claim)
        #expect(try await api.get(Node.self, name: name).readyStatus == "False")
        try await kubelet.setReady(nodeName: name, true)
        #expect(try await api.get(Node.self, name: name).readyStatus == "True")
        try await kubelet.terminated(claim)
    }
}
