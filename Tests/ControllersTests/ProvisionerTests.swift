import CloudProvider
import Controllers
import Foundation
import KubeModel
import Testing
import TestSupport

@Suite struct ProvisionerTests {
    @Test func seedScenarioCreatesOneSpotT3MediumWithTheSeedRequests() async throws {
        let harness = Harness()
        try await harness.seed(pods: Fixtures.seedPods, daemonSets: Fixtures.seedDaemonSets)
        let round = try await harness.provisioner.schedule()
        #expect(round.created.count == 1)
        #expect(round.failed.isEmpty)
        let claim = try #require(try await harness.nodeClaims().first)
        #expect(claim.metadata.name?.hasPrefix("default-") == true)
        #expect(claim.metadata.labels?[WellKnownLabels.nodePool] == "default")
        #expect(claim.metadata.ownerReferences?.first?.kind == "NodePool")
        #expect(claim.spec.requirements.contains { $0.key == WellKnownLabels.instanceType && $0.values == ["t3.medium"] })
        #expect(claim.spec.requirements.contains { $0.key == WellKnownLabels.capacityType && $0.values == ["spot"] })
        #expect(claim.spec.resources?.requests == ["cpu": "430m", "memory": "870Mi", "pods": "8"])
        #expect(claim.spec.expireAfter?.text == "720h")

        let lines = harness.sink.entries
        #expect(lines.map { $0["message"] as? String } == [
            "found provisionable pod(s)", "computed new nodeclaim(s) to fit pod(s)", "created nodeclaim",
        ])
        let found = harness.sink.text[0]
        #expect(found.hasPrefix(#"{"level":"INFO","time":"2024-08-07T19:23:07.000Z","logger":"controller","message":"found provisionable pod(s)","commit":"490ef94","controller":"provisioner","Pods":"monitoring/grafana-867556d6f5-2lpdh, monitoring/prometheus-alertmanager-0, monitoring/prometheus-server-5d8d4b9d9b-kmhld","duration":""#))
        #expect(harness.sink.text[1] == #"{"level":"INFO","time":"2024-08-07T19:23:07.000Z","logger":"controller","message":"computed new nodeclaim(s) to fit pod(s)","commit":"490ef94","controller":"provisioner","nodeclaims":1,"pods":3}"# + "\n")
        let name = claim.metadata.name ?? ""
        #expect(harness.sink.text[2] == #"{"level":"INFO","time":"2024-08-07T19:23:07.000Z","logger":"controller","message":"created nodeclaim","commit":"490ef94","controller":"provisioner","NodePool":{"name":"default"},"NodeClaim":{"name":"\#(name)"},"requests":{"cpu":"430m","memory":"870Mi","pods":"8"},"instance-types":"t3.medium"}"# + "\n")
        #expect(try await harness.events(reason: "Nominated").count == 3)
    }

    @Test func inFlightNodeClaimsAbsorbPodsOnTheNextRound() async throws {
        let harness = Harness()
        try await harness.seed(pods: Fixtures.seedPods, daemonSets: Fixtures.seedDaemonSets)
        try await harness.provisioner.schedule()
        // A restarted controller starts from an empty state and lists everything again.
        let restarted = Harness.restart(harness)
        try await restarted.sync()
        let round = try await restarted.provisioner.schedule()
        #expect(round.created.isEmpty)
        #expect(try await harness.nodeClaims().count == 1)
    }

    @Test func podThatFitsNoInstanceTypeGetsFailedSchedulingAndNoNodeClaim() async throws {
        let harness = Harness()
        try await harness.seed(pods: [Fixtures.pod("huge", cpu: "64", memory: "1Gi")])
        let round = try await harness.provisioner.schedule()
        #expect(round.created.isEmpty)
        #expect(round.failed == ["monitoring/huge"])
        #expect(try await harness.nodeClaims().isEmpty)
        let events = try await harness.events(reason: "FailedScheduling")
        #expect(events.count == 1)
        #expect(events.first?.message?.hasPrefix("Failed to schedule pod, ") == true)
        #expect(events.first?.type == "Warning")
    }

    @Test func withoutNodePoolsPodsAreLeftAloneWithOneLogLine() async throws {
        let harness = Harness()
        try await harness.seed(pools: [], pods: Fixtures.seedPods)
        let round = try await harness.provisioner.schedule()
        #expect(round.created.isEmpty && round.failed.isEmpty)
        #expect(harness.sink.messages == ["no nodepools found"])
        #expect(try await harness.events(reason: "FailedScheduling").isEmpty)
    }

    @Test func notReadyNodePoolIsIgnoredWithALogLine() async throws {
        let harness = Harness()
        var pool = Fixtures.nodePool()
        pool.status = NodePoolStatus(conditions: [Condition(type: NodePoolConditionType.ready, status: .false, reason: "NodeClassNotReady")])
        try await harness.seed(pools: [pool], pods: [Fixtures.pod("web")])
        _ = try await harness.cluster.updateStatus(try await harness.cluster.get(NodePool.self, name: "default").withStatus(pool.status))
        try await harness.sync()
        let round = try await harness.provisioner.schedule()
        #expect(round.created.isEmpty)
        #expect(harness.sink.messages == ["ignoring nodepool, not ready", "no nodepools found"])
        #expect(harness.sink.entries.first?["NodePool"] as? [String: String] == ["name": "default"])
        #expect(try await harness.events(reason: "FailedScheduling").isEmpty)
    }

    @Test func podsOfANodeClaimLostToInsufficientCapacityAreProvisionedAgain() async throws {
        let cloud = FakeCloudProvider()
        let offerings = Fixtures.zones.map { OfferingKey(instanceType: "t3.medium", zone: $0, capacityType: "spot") }
        for offering in offerings { cloud.exhaust(offering) }
        let harness = Harness(cloud: cloud)
        try await harness.seed(pods: Fixtures.seedPods, daemonSets: Fixtures.seedDaemonSets)
        let first = try #require(try await harness.provisioner.schedule().created.first)
        _ = try await harness.lifecycle.reconcile(first.metadata.name ?? "")
        _ = try await harness.lifecycle.reconcile(first.metadata.name ?? "")
        try await harness.sync()
        #expect(try await harness.nodeClaims().isEmpty)
        // Nothing about the pods changed, so only the periodic look brings them back.
        #expect(harness.provisioner.deadline == nil)
        #expect(harness.provisioner.triggerIfPending())
        harness.clock.advance(by: 1)
        #expect(try await harness.provisioner.reconcileIfDue()?.created.count == 1)
    }

    @Test func nothingPendingOpensNoWindow() async throws {
        let harness = Harness()
        try await harness.seed(pods: [])
        #expect(!harness.provisioner.triggerIfPending())
        #expect(harness.provisioner.deadline == nil)
    }

    @Test func nodePoolLimitStopsProvisioning() async throws {
        let harness = Harness()
        try await harness.seed(pools: [Fixtures.nodePool(limits: ["cpu": "2"])], pods: [Fixtures.pod("first", cpu: "1")])
        #expect(try await harness.provisioner.schedule().created.count == 1)
        let claim = try #require(try await harness.nodeClaims().first)
        _ = try await harness.lifecycle.reconcile(claim.metadata.name ?? "")
        try await harness.sync()
        try await harness.add(Fixtures.pod("second", cpu: "1500m"))
        let round = try await harness.provisioner.schedule()
        #expect(round.created.isEmpty)
        #expect(try await harness.nodeClaims().count == 1)
    }

    @Test func batchWindowGatesTheRound() async throws {
        let harness = Harness()
        try await harness.seed(pods: Fixtures.seedPods, daemonSets: Fixtures.seedDaemonSets)
        for pod in Fixtures.seedPods { harness.provisioner.observe(pod) }
        #expect(try await harness.provisioner.reconcileIfDue() == nil)
        harness.clock.advance(by: 1)
        let round = try #require(try await harness.provisioner.reconcileIfDue())
        #expect(round.created.count == 1)
        #expect(harness.provisioner.deadline == nil)
    }

    @Test(arguments: [
        (items: ["a"], expected: "a"),
        (items: ["a", "b", "c", "d", "e"], expected: "a, b, c, d, e"),
        (items: ["a", "b", "c", "d", "e", "f", "g"], expected: "a, b, c, d, e and 2 other(s)"),
    ])
    func summarizesLikeUpstream(items: [String], expected: String) {
        #expect(Provisioner.summarize(items) == expected)
    }
}

private extension NodePool {
    /// The pool with `status` in place of its own.
    func withStatus(_ status: NodePoolStatus?) -> NodePool {
        var copy = self
        copy.status = status
        return copy
    }
}

extension Harness {
    /// A fresh controller process against the same cluster and cloud (empty in-memory state).
    static func restart(_ old: Harness) -> Harness { Harness(sharing: old) }
}
