import CloudProvider
import Controllers
import Foundation
import KubeModel
import TestSupport
import Testing

@Suite struct NodeClaimLifecycleTests {
    /// Provisions the seed scenario and returns the harness with its one NodeClaim.
    func provisioned(cloud: FakeCloudProvider = FakeCloudProvider()) async throws -> (Harness, NodeClaim) {
        let harness = Harness(cloud: cloud)
        try await harness.seed(pods: Fixtures.seedPods, daemonSets: Fixtures.seedDaemonSets)
        try await harness.provisioner.schedule()
        let claim = try #require(try await harness.nodeClaims().first)
        return (harness, claim)
    }

    @Test func seedScenarioLogsTheSixProvisioningLinesInOrder() async throws {
        let (harness, claim) = try await provisioned()
        let name = claim.metadata.name ?? ""
        harness.clock.advance(by: 3)
        _ = try await harness.lifecycle.reconcile(name)
        let launched = try await harness.cluster.get(NodeClaim.self, name: name)
        #expect(launched.metadata.finalizers == [WellKnownFinalizers.termination])
        harness.clock.advance(by: 34)
        try await harness.registerNode(for: launched)
        _ = try await harness.lifecycle.reconcile(name)

        #expect(harness.sink.messages == [
            "found provisionable pod(s)", "computed new nodeclaim(s) to fit pod(s)", "created nodeclaim",
            "launched nodeclaim", "registered nodeclaim", "initialized nodeclaim",
        ])
        let providerID = launched.status?.providerID ?? ""
        let reconcileID = #""reconcileID":"[0-9a-f-]{36}""#
        let prefix = #"{"level":"INFO","time":"2024-08-07T19:23:%@.000Z","logger":"controller","message":"%@","commit":"490ef94","controller":"nodeclaim.lifecycle","controllerGroup":"karpenter.sh","controllerKind":"NodeClaim","NodeClaim":{"name":"\#(name)"},"namespace":"","name":"\#(name)","#
        let expected = [
            String(format: prefix, "10", "launched nodeclaim") + reconcileID + #","provider-id":"\#(providerID)","instance-type":"t3.medium","zone":"us-east-1a","capacity-type":"spot","allocatable":{"cpu":"1930m","ephemeral-storage":"17Gi","memory":"3246Mi","pods":"17"}}"#,
            String(format: prefix, "44", "registered nodeclaim") + reconcileID + #","provider-id":"\#(providerID)","Node":{"name":"ip-10-10-210-178.ec2.internal"}}"#,
            String(format: prefix, "44", "initialized nodeclaim") + reconcileID + #","provider-id":"\#(providerID)","Node":{"name":"ip-10-10-210-178.ec2.internal"},"allocatable":{"cpu":"1930m","ephemeral-storage":"18242267924","hugepages-1Gi":"0","hugepages-2Mi":"0","memory":"3388300Ki","pods":"17"}}"#,
        ]
        for (line, pattern) in zip(harness.sink.text.suffix(3), expected) {
            let escaped = NSRegularExpression.escapedPattern(for: pattern).replacingOccurrences(
                of: NSRegularExpression.escapedPattern(for: reconcileID), with: reconcileID)
            #expect(line.trimmingCharacters(in: .newlines).range(of: "^" + escaped + "$", options: .regularExpression) != nil,
                    "\(line)")
        }

        let node = try await harness.cluster.get(Node.self, name: "ip-10-10-210-178.ec2.internal")
        #expect(!(node.spec.taints ?? []).contains { $0.matches(Taint.unregistered) })
        #expect(node.metadata.labels?[WellKnownLabels.nodePool] == "default")
        #expect(node.metadata.labels?[WellKnownLabels.initialized] == "true")
        #expect(node.metadata.labels?[WellKnownLabels.registered] == "true")
        #expect(node.metadata.finalizers == [WellKnownFinalizers.termination])
        #expect(node.metadata.ownerReferences?.first?.name == name)
        let done = try await harness.cluster.get(NodeClaim.self, name: name)
        for type in [NodeClaimConditionType.launched, NodeClaimConditionType.registered, NodeClaimConditionType.initialized] {
            #expect(done.status?.conditions?.isTrue(type) == true, "\(type)")
        }
        #expect(done.status?.nodeName == node.metadata.name)
    }

    @Test func startupTaintsHoldInitializationUntilRemoved() async throws {
        let harness = Harness()
        let startup = KubeModel.Taint(key: "example.com/agent-not-ready", effect: .noSchedule)
        try await harness.seed(pools: [Fixtures.nodePool(startupTaints: [startup])], pods: Fixtures.seedPods)
        try await harness.provisioner.schedule()
        let name = try #require(try await harness.nodeClaims().first?.metadata.name)
        _ = try await harness.lifecycle.reconcile(name)
        try await harness.registerNode(for: try await harness.cluster.get(NodeClaim.self, name: name))
        _ = try await harness.lifecycle.reconcile(name)
        var claim = try await harness.cluster.get(NodeClaim.self, name: name)
        #expect(claim.status?.conditions?.isTrue(NodeClaimConditionType.registered) == true)
        #expect(claim.status?.conditions?.isTrue(NodeClaimConditionType.initialized) != true)
        var node = try await harness.cluster.get(Node.self, name: "ip-10-10-210-178.ec2.internal")
        #expect((node.spec.taints ?? []).contains(startup))
        #expect(!(node.spec.taints ?? []).contains { $0.matches(Taint.unregistered) })
        node.spec.taints?.removeAll { $0.matches(startup) }
        _ = try await harness.cluster.update(node)
        try await harness.sync()
        _ = try await harness.lifecycle.reconcile(name)
        claim = try await harness.cluster.get(NodeClaim.self, name: name)
        #expect(claim.status?.conditions?.isTrue(NodeClaimConditionType.initialized) == true)
    }

    @Test func insufficientCapacityDeletesTheNodeClaimWithAnEvent() async throws {
        let cloud = FakeCloudProvider()
        for zone in Fixtures.zones { cloud.exhaust(OfferingKey(instanceType: "t3.medium", zone: zone, capacityType: "spot")) }
        let (harness, claim) = try await provisioned(cloud: cloud)
        let name = claim.metadata.name ?? ""
        _ = try await harness.lifecycle.reconcile(name)
        #expect(harness.sink.messages.last == "failed launching nodeclaim")
        #expect(harness.sink.entries.last?["level"] as? String == "ERROR")
        #expect(try await harness.events(reason: "InsufficientCapacityError").count == 1)
        // The finalizer keeps it until the lifecycle controller releases it.
        _ = try await harness.lifecycle.reconcile(name)
        #expect(try await harness.nodeClaims().isEmpty)
        #expect(cloud.instances.isEmpty)
    }

    @Test func deletionRemovesNodeAndInstanceThenTheFinalizer() async throws {
        let (harness, claim) = try await provisioned()
        let name = claim.metadata.name ?? ""
        _ = try await harness.lifecycle.reconcile(name)
        try await harness.registerNode(for: try await harness.cluster.get(NodeClaim.self, name: name))
        _ = try await harness.lifecycle.reconcile(name)
        #expect(harness.cloud.instances.count == 1)
        try await harness.cluster.delete(NodeClaim.self, name: name)
        try await harness.sync()
        _ = try await harness.lifecycle.reconcile(name)
        #expect(harness.cloud.instances.isEmpty)
        #expect(try await harness.nodeClaims().isEmpty)
        #expect(harness.sink.messages.last == "deleted nodeclaim")
        // The Node carries the termination finalizer; it is marked for deletion.
        let node = try await harness.cluster.get(Node.self, name: "ip-10-10-210-178.ec2.internal")
        #expect(node.metadata.isDeleting)
    }

    @Test func registrationTimeoutDeletesTheNodeClaim() async throws {
        let (harness, claim) = try await provisioned()
        let name = claim.metadata.name ?? ""
        _ = try await harness.lifecycle.reconcile(name)
        harness.clock.advance(by: 14 * 60)
        _ = try await harness.lifecycle.reconcile(name)
        #expect(try await harness.nodeClaims().count == 1)
        harness.clock.advance(by: 61)
        _ = try await harness.lifecycle.reconcile(name)
        _ = try await harness.lifecycle.reconcile(name)
        #expect(try await harness.nodeClaims().isEmpty)
        #expect(harness.cloud.instances.isEmpty)
    }

    @Test func launchTimeoutDeletesANodeClaimThatNeverLaunches() async throws {
        let cloud = FakeCloudProvider()
        cloud.failCreates(with: .createFailed(reason: "UnauthorizedOperation", message: "not allowed to call CreateFleet"))
        let (harness, claim) = try await provisioned(cloud: cloud)
        let name = claim.metadata.name ?? ""
        _ = try await harness.lifecycle.reconcile(name)
        let failing = try await harness.cluster.get(NodeClaim.self, name: name)
        #expect(failing.status?.conditions?.condition(NodeClaimConditionType.launched)?.reason == "UnauthorizedOperation")
        harness.clock.advance(by: 4 * 60 + 59)
        _ = try await harness.lifecycle.reconcile(name)
        #expect(try await harness.nodeClaims().count == 1)
        harness.clock.advance(by: 1)
        _ = try await harness.lifecycle.reconcile(name)
        _ = try await harness.lifecycle.reconcile(name)
        #expect(try await harness.nodeClaims().isEmpty)
        #expect(cloud.instances.isEmpty)
    }

    @Test func nodeWithoutUnregisteredTaintIsAdoptedWithAnErrorAndEvent() async throws {
        let (harness, claim) = try await provisioned()
        let name = claim.metadata.name ?? ""
        _ = try await harness.lifecycle.reconcile(name)
        let launched = try await harness.cluster.get(NodeClaim.self, name: name)
        var node = try await harness.registerNode(for: launched)
        node.spec.taints?.removeAll { $0.matches(Taint.unregistered) }
        _ = try await harness.cluster.update(node)
        try await harness.sync()
        _ = try await harness.lifecycle.reconcile(name)
        let error = try #require(harness.sink.entries.first { $0["message"] as? String == "node claim registration error" })
        #expect(error["level"] as? String == "ERROR")
        #expect(error["taint"] as? String == "karpenter.sh/unregistered")
        #expect(try await harness.events(reason: "UnregisteredTaintMissing").first?.type == "Warning")
        let registered = try await harness.cluster.get(NodeClaim.self, name: name)
        #expect(registered.status?.conditions?.isTrue(NodeClaimConditionType.registered) == true)
    }

    @Test func launchIsIdempotentAcrossRestarts() async throws {
        let (harness, claim) = try await provisioned()
        let name = claim.metadata.name ?? ""
        _ = try await harness.lifecycle.reconcile(name)
        let restarted = Harness(sharing: harness)
        try await restarted.sync()
        _ = try await restarted.lifecycle.reconcile(name)
        #expect(harness.cloud.instances.count == 1)
    }
}
