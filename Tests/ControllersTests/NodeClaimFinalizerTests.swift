import CloudProvider
import Controllers
import Foundation
import KubeModel
import TestSupport
import Testing

/// The NodeClaim finalizer and node termination together: deleting either object ends with no
/// Node, no NodeClaim and no instance, and the claim is released only after its Node is gone.
@Suite struct NodeClaimFinalizerTests {
    static let nodeName = "ip-10-10-210-178.ec2.internal"

    /// A harness with the seed's claim launched, registered and initialized, and node termination.
    func running() async throws -> (Harness, NodeTermination, String) {
        let (harness, claim) = try await Harness.provisioned()
        let name = claim.metadata.name ?? ""
        _ = try await harness.lifecycle.reconcile(name)
        try await harness.registerNode(for: try await harness.cluster.get(NodeClaim.self, name: name), name: Self.nodeName)
        _ = try await harness.lifecycle.reconcile(name)
        let termination = NodeTermination(api: harness.cluster, cloudProvider: harness.cloud, state: harness.state,
                                          logger: harness.logger)
        return (harness, termination, name)
    }

    /// Runs both finalizers, as their loops would, until nothing is left or `rounds` pass.
    func settle(_ harness: Harness, _ termination: NodeTermination, claim: String, rounds: Int = 4) async throws {
        for _ in 0..<rounds {
            try await harness.sync()
            _ = try await harness.lifecycle.reconcile(claim)
            try await harness.sync()
            _ = try await termination.reconcile(Self.nodeName)
        }
    }

    func expectNothingLeft(_ harness: Harness) async throws {
        #expect(try await harness.cluster.list(Node.self).items.isEmpty)
        #expect(try await harness.nodeClaims().isEmpty)
        #expect(harness.cloud.instances.isEmpty)
    }

    @Test func deletingTheNodeClaimWaitsForItsNodeThenTerminates() async throws {
        let (harness, termination, name) = try await running()
        try await harness.cluster.delete(NodeClaim.self, name: name)
        try await harness.sync()
        _ = try await harness.lifecycle.reconcile(name)
        // The Node is being deleted; the claim holds on to it (and its instance) until it is gone.
        let node = try await harness.cluster.get(Node.self, name: Self.nodeName)
        #expect(node.metadata.isDeleting)
        #expect(try await harness.cluster.get(NodeClaim.self, name: name).metadata.isDeleting)
        #expect(harness.cloud.instances.count == 1)
        #expect(!harness.sink.messages.contains("deleted nodeclaim"))

        try await settle(harness, termination, claim: name)
        try await expectNothingLeft(harness)
        let messages = harness.sink.messages
        let nodeDeleted = try #require(messages.firstIndex(of: "deleted node"))
        let claimDeleted = try #require(messages.firstIndex(of: "deleted nodeclaim"))
        #expect(nodeDeleted < claimDeleted)
    }

    @Test func deletingTheNodeTerminatesEverything() async throws {
        let (harness, termination, name) = try await running()
        try await harness.cluster.delete(Node.self, name: Self.nodeName)
        try await settle(harness, termination, claim: name)
        try await expectNothingLeft(harness)
    }

    @Test func aNodeHeldUpByItsFinalizerDoesNotPinAClaimWhoseInstanceIsGone() async throws {
        let (harness, _, name) = try await running()
        let instance = try #require(harness.cloud.instances.first)
        var probe = try await harness.cluster.get(NodeClaim.self, name: name)
        probe.status?.providerID = instance.providerID
        try? await harness.cloud.delete(probe)
        try await harness.cluster.delete(NodeClaim.self, name: name)
        try await harness.sync()
        _ = try await harness.lifecycle.reconcile(name)
        // No node termination runs here: the Node stays with its finalizer, the claim is released.
        #expect(try await harness.nodeClaims().isEmpty)
        #expect(try await harness.cluster.get(Node.self, name: Self.nodeName).metadata.isDeleting)
    }
}
