import Controllers
import Foundation
import KubeModel
import Testing

/// A restarted controller must count capacity that is on its way: a NodeClaim without a Node, a
/// Node that has just registered (still tainted not-ready and unregistered), and a Node waiting
/// for its startup taints to go. None of them may get a second NodeClaim for the same pods.
@Suite struct InFlightCapacityTests {
    /// Provisions the seed pods, launches their NodeClaim and returns the harness and the claim.
    private func launchedSeed() async throws -> (Harness, NodeClaim) {
        let harness = Harness()
        try await harness.seed(pods: Fixtures.seedPods, daemonSets: Fixtures.seedDaemonSets)
        let claim = try #require(try await harness.provisioner.schedule().created.first)
        _ = try await harness.lifecycle.reconcile(claim.metadata.name ?? "")
        return (harness, try await harness.cluster.get(NodeClaim.self, name: claim.metadata.name ?? ""))
    }

    @Test func justRegisteredNodeWithNotReadyTaintAbsorbsItsPods() async throws {
        let (harness, claim) = try await launchedSeed()
        let node = try await harness.registerNode(for: claim, ready: false)
        #expect(node.spec.taints?.contains { $0.matches(.notReady) } == true)
        let restarted = Harness.restart(harness)
        try await restarted.sync()
        let round = try await restarted.provisioner.schedule()
        #expect(round.created.isEmpty)
        #expect(round.failed.isEmpty)
        #expect(try await harness.nodeClaims().count == 1)
        let nominated = try await harness.events(reason: "Nominated").compactMap(\.message)
        #expect(nominated.filter { $0 == "Pod should schedule on: node/\(node.metadata.name ?? "")" }.count == 3)
    }

    @Test func registeredNodeWaitingForStartupTaintAbsorbsItsPods() async throws {
        let harness = Harness()
        let startup = Taint(key: "example.com/agent-not-ready", effect: .noSchedule)
        var pool = Fixtures.nodePool()
        pool.spec.template.spec.startupTaints = [startup]
        try await harness.seed(pools: [pool], pods: Fixtures.seedPods, daemonSets: Fixtures.seedDaemonSets)
        let created = try #require(try await harness.provisioner.schedule().created.first)
        let name = created.metadata.name ?? ""
        _ = try await harness.lifecycle.reconcile(name)
        try await harness.registerNode(for: try await harness.cluster.get(NodeClaim.self, name: name))
        _ = try await harness.lifecycle.reconcile(name)
        try await harness.sync()
        let claim = try await harness.cluster.get(NodeClaim.self, name: name)
        #expect(claim.status?.conditions?.isTrue(NodeClaimConditionType.registered) == true)
        #expect(claim.status?.conditions?.isTrue(NodeClaimConditionType.initialized) != true)

        let restarted = Harness.restart(harness)
        try await restarted.sync()
        #expect(try await restarted.provisioner.schedule().created.isEmpty)
        #expect(try await harness.nodeClaims().count == 1)
    }

    @Test func initializedNodeKeepsTaintsThePodsDoNotTolerate() async throws {
        let (harness, claim) = try await launchedSeed()
        let dedicated = Taint(key: "dedicated", value: "gpu", effect: .noSchedule)
        try await harness.registerNode(for: claim, extraTaints: [dedicated])
        _ = try await harness.lifecycle.reconcile(claim.metadata.name ?? "")
        var node = try #require(try await harness.cluster.list(Node.self).items.first)
        node.metadata.labels?[WellKnownLabels.initialized] = "true"
        node.spec.taints?.removeAll { $0.matches(.notReady) }
        _ = try await harness.cluster.update(node)

        let restarted = Harness.restart(harness)
        try await restarted.sync()
        #expect(try await restarted.provisioner.schedule().created.count == 1)
    }
}
