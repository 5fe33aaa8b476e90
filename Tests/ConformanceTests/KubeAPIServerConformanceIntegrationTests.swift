import ControllerRuntime
import Foundation
import KubeClient
import KubeModel
import Testing
import TestSupport

/// The conformance cases against the real kube-apiserver 1.20.2 over HTTPS with a verified CA and a
/// bearer token, started by `hack/control-plane.sh` (`make test-integration`), plus what only a real
/// control plane has: the kube-scheduler.
@Suite("KubeAPIServerConformanceIntegration")
struct KubeAPIServerConformanceIntegrationTests {
    @Test(arguments: ConformanceCase.allCases)
    func conformance(_ check: ConformanceCase) async throws {
        try await check.run(on: try RealControlPlane.backend())
    }

    @Test func kubeSchedulerBindsPodToReadyNodeWeCreated() async throws {
        let api = try RealControlPlane.client()
        let namespace = try await ConformanceCase.makeNamespace(api, "sched")
        let marker = Fixtures.suffix()
        var node = try await api.create(Fixtures.node(labels: ["conformance/marker": marker]))
        let nodeName = try #require(node.metadata.name)
        // Acting as the node lifecycle controller (not part of this control plane): the node is Ready,
        // so the not-ready taint the API server added at registration comes off.
        node.spec.taints = node.spec.taints?.filter { $0.key != "node.kubernetes.io/not-ready" }
        node = try await api.update(node)
        defer { Task { try? await api.delete(Node.self, name: nodeName) } }
        var pod = Fixtures.pod(namespace: namespace, schedulerName: nil)
        pod.spec.nodeSelector = ["conformance/marker": marker]
        let list = try await api.list(Pod.self, namespace: namespace)
        let watch = try await api.watch(Pod.self, namespace: namespace, options: WatchOptions(resourceVersion: list.metadata.resourceVersion))
        let created = try await api.create(pod)
        #expect(created.spec.nodeName == nil)
        var boundTo: String?
        for try await event in watch {
            if case let .modified(object) = event, let assigned = object.spec.nodeName {
                boundTo = assigned
                break
            }
        }
        #expect(boundTo == nodeName)
        let stored = try await api.get(Pod.self, name: created.metadata.name ?? "", namespace: namespace)
        #expect(stored.spec.nodeName == nodeName)
        #expect(stored.status?.conditions?.contains { $0.type == "PodScheduled" && $0.status == "True" } == true)
    }

    @Test func leaderReleasesTheLeaseWhenItsTaskIsCancelled() async throws {
        let api = try RealControlPlane.client()
        let namespace = try await ConformanceCase.makeNamespace(api, "release")
        let clock = ManualClock()
        let elector = LeaderElector(api: api, config: LeaderElectionConfig(namespace: namespace, identity: "replica-a"), clock: clock)
        let (started, leading) = AsyncStream<Void>.makeStream()
        let task = Task {
            await elector.run {
                leading.yield()
                try? await clock.sleep(for: .seconds(1_000_000))
            }
        }
        for await _ in started { break }
        let held = try await api.get(Lease.self, name: "karpenter-leader-election", namespace: namespace)
        #expect(held.spec.holderIdentity == "replica-a")
        task.cancel()
        await task.value
        let released = try await api.get(Lease.self, name: "karpenter-leader-election", namespace: namespace)
        #expect(released.spec.holderIdentity == nil)
        #expect(released.spec.leaseDurationSeconds == 1)
    }

    @Test func evictionUsesPolicyV1beta1FoundByDiscovery() async throws {
        let client = try RealControlPlane.client()
        #expect(try await client.policyVersion() == "policy/v1beta1")
    }
}
