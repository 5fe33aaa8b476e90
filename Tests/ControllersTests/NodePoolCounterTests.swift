import Controllers
import Foundation
import KubeModel
import Testing

@Suite struct NodePoolCounterTests {
    @Test func countsLaunchedCapacityAndNodes() async throws {
        let harness = Harness()
        try await harness.seed(pods: Fixtures.seedPods, daemonSets: Fixtures.seedDaemonSets)
        try await harness.provisioner.schedule()
        let name = try #require(try await harness.nodeClaims().first?.metadata.name)
        _ = try await harness.lifecycle.reconcile(name)
        let counter = NodePoolCounter(api: harness.cluster, state: harness.state, clock: harness.clock)
        _ = try await counter.reconcile("default")
        let pool = try await harness.cluster.get(NodePool.self, name: "default")
        #expect(pool.status?.resources?["cpu"] == "2")
        #expect(pool.status?.resources?["pods"] == "17")
        #expect(pool.status?.resources?["nodes"] == "1")
        #expect(pool.status?.conditions?.isTrue(NodePoolConditionType.ready) == true)
    }
}

@Suite struct NodeTerminationTests {
    @Test func deletingTheNodeTerminatesClaimAndInstance() async throws {
        let harness = Harness()
        try await harness.seed(pods: Fixtures.seedPods)
        try await harness.provisioner.schedule()
        let name = try #require(try await harness.nodeClaims().first?.metadata.name)
        _ = try await harness.lifecycle.reconcile(name)
        let node = try await harness.registerNode(for: try await harness.cluster.get(NodeClaim.self, name: name))
        _ = try await harness.lifecycle.reconcile(name)
        try await harness.cluster.delete(Node.self, name: node.metadata.name ?? "")
        try await harness.sync()
        let termination = NodeTermination(api: harness.cluster, cloudProvider: harness.cloud, state: harness.state,
                                          logger: harness.logger)
        _ = try await termination.reconcile(node.metadata.name ?? "")
        let deleted = try #require(harness.sink.entries.last { $0["message"] as? String == "deleted node" })
        #expect(deleted["Node"] as? [String: String] == ["name": node.metadata.name ?? ""])
        #expect(deleted["NodeClaim"] as? [String: String] == ["name": name])
        #expect(harness.cloud.instances.isEmpty)
        #expect(try await harness.cluster.list(Node.self).items.isEmpty)
        try await harness.sync()
        _ = try await harness.lifecycle.reconcile(name)
        #expect(try await harness.nodeClaims().isEmpty)
    }
}
