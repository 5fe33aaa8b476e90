import Foundation
import KubeClient
import KubeModel
import Simulation
import Testing

/// Behaviours of the simulated cluster beyond the shared conformance cases.
@Suite struct SimulatedClusterTests {
    func pod(_ name: String, labels: [String: String] = [:]) -> Pod {
        Pod(metadata: ObjectMeta(name: name, namespace: "default", labels: labels), spec: PodSpec(containers: [Container(name: "c", image: "i")]))
    }

    @Test func everyWatcherGetsEveryEventAndSelectorTransitionsBecomeAddOrDelete() async throws {
        let cluster = SimulatedCluster()
        let all = try await cluster.watch(Pod.self, namespace: "default", options: WatchOptions(resourceVersion: cluster.resourceVersion))
        let web = try await cluster.watch(Pod.self, namespace: "default", options: WatchOptions(resourceVersion: cluster.resourceVersion, labelSelector: "app=web"))
        var created = try await cluster.create(pod("p", labels: ["app": "db"]))
        created.metadata.labels = ["app": "web"]
        created = try await cluster.update(created)
        created.metadata.labels = ["app": "db"]
        _ = try await cluster.update(created)
        cluster.closeAllWatches()
        var allTypes: [String] = []
        for try await event in all { allTypes.append(Self.type(event)) }
        var webTypes: [String] = []
        for try await event in web { webTypes.append(Self.type(event)) }
        #expect(allTypes == ["ADDED", "MODIFIED", "MODIFIED"])
        #expect(webTypes == ["ADDED", "DELETED"])
    }

    @Test func watchWithoutVersionStartsWithTheCurrentObjects() async throws {
        let cluster = SimulatedCluster()
        _ = try await cluster.create(pod("a"))
        _ = try await cluster.create(pod("b"))
        let watch = try await cluster.watch(Pod.self, namespace: "default", options: WatchOptions())
        cluster.closeAllWatches()
        var names: [String] = []
        for try await case let .added(object) in watch { names.append(object.metadata.name ?? "") }
        #expect(names == ["a", "b"])
    }

    @Test func historyLimitMakesOldVersionsGone() async throws {
        let cluster = SimulatedCluster(historyLimit: 2)
        let start = cluster.resourceVersion
        for index in 0..<3 { _ = try await cluster.create(pod("p\(index)")) }
        let watch = try await cluster.watch(Pod.self, namespace: "default", options: WatchOptions(resourceVersion: start))
        var iterator = watch.makeAsyncIterator()
        guard case let .error(status)? = try await iterator.next() else {
            Issue.record("expected 410")
            return
        }
        #expect(status.code == 410)
    }

    @Test func customResourceStatusWritesIgnoreMetadataAndSpec() async throws {
        let cluster = SimulatedCluster()
        var pool = NodePool(metadata: ObjectMeta(name: "default"), spec: try JSONDecoder().decode(NodePoolSpec.self, from: Data(#"{"template":{"spec":{"requirements":[],"nodeClassRef":{"group":"karpenter.k8s.aws","kind":"EC2NodeClass","name":"default"}}}}"#.utf8)))
        pool = try await cluster.create(pool)
        var write = pool
        write.metadata.labels = ["via": "status"]
        write.spec.weight = 50
        write.status = try JSONDecoder().decode(NodePoolStatus.self, from: Data(#"{"resources":{"cpu":"4"}}"#.utf8))
        let stored = try await cluster.updateStatus(write)
        #expect(stored.metadata.labels == nil)
        #expect(stored.spec.weight == nil)
        #expect(stored.status?.resources?["cpu"] == Quantity(4))
    }

    @Test func boundPodsWaitForTheirGracePeriod() async throws {
        let cluster = SimulatedCluster()
        var bound = pod("bound")
        bound.spec.nodeName = "node-1"
        _ = try await cluster.create(bound)
        try await cluster.delete(Pod.self, name: "bound", namespace: "default")
        let terminating = try await cluster.get(Pod.self, name: "bound", namespace: "default")
        #expect(terminating.metadata.deletionGracePeriodSeconds == 30)
        try await cluster.delete(Pod.self, name: "bound", namespace: "default", options: DeleteOptions(gracePeriodSeconds: 0))
        await #expect(throws: KubeError.self) { _ = try await cluster.get(Pod.self, name: "bound", namespace: "default") }
    }

    @Test func createInAMissingNamespaceIsNotFound() async throws {
        let cluster = SimulatedCluster()
        var orphan = pod("p")
        orphan.metadata.namespace = "nope"
        await #expect(throws: KubeError.notFound("namespaces \"nope\" not found")) { _ = try await cluster.create(orphan) }
    }

    static func type(_ event: WatchEvent<Pod>) -> String {
        switch event {
        case .added: "ADDED"
        case .modified: "MODIFIED"
        case .deleted: "DELETED"
        case .bookmark: "BOOKMARK"
        case .error: "ERROR"
        }
    }
}
