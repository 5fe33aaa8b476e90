import CloudProvider
import Controllers
import Foundation
import KubeClient
import KubeModel
import Synchronization
import TestSupport
import Testing

/// Launch as a sequence of a cloud call and API writes that can fail in between: the instance is
/// never lost nor launched twice.
@Suite struct NodeClaimLaunchTests {
    @Test func deletionDuringLaunchTerminatesTheInstanceBeforeReleasingTheClaim() async throws {
        let (harness, claim) = try await Harness.provisioned()
        let name = claim.metadata.name ?? ""
        let cluster = harness.cluster
        // The claim is deleted while the launch response is in flight: the write of the launch
        // result conflicts, so the claim never learns its provider ID.
        harness.cloud.afterLaunch { _ in try await cluster.delete(NodeClaim.self, name: name) }
        await #expect(throws: KubeError.self) { try await harness.lifecycle.reconcile(name) }
        harness.cloud.afterLaunch(nil)
        #expect(harness.cloud.instances.count == 1)
        let deleting = try await harness.cluster.get(NodeClaim.self, name: name)
        #expect(deleting.metadata.isDeleting && deleting.status?.providerID == nil)

        try await harness.sync()
        _ = try await harness.lifecycle.reconcile(name)
        _ = try await harness.lifecycle.reconcile(name)
        #expect(harness.cloud.instances.isEmpty)
        #expect(try await harness.nodeClaims().isEmpty)
    }

    @Test func aWriteConflictAfterLaunchGetsTheSameInstanceOnTheNextPass() async throws {
        let (harness, claim) = try await Harness.provisioned()
        let name = claim.metadata.name ?? ""
        let cluster = harness.cluster
        let once = Mutex(true)
        // Another writer updates the claim while the launch response is in flight.
        harness.cloud.afterLaunch { _ in
            guard once.withLock({ first in defer { first = false }; return first }) else { return }
            var current = try await cluster.get(NodeClaim.self, name: name)
            current.metadata.annotations = ["example.com/touched": "true"]
            _ = try await cluster.update(current)
        }
        await #expect(throws: KubeError.self) { try await harness.lifecycle.reconcile(name) }
        let instance = try #require(harness.cloud.instances.first)

        _ = try await harness.lifecycle.reconcile(name)
        #expect(harness.cloud.createCalls == 2)
        #expect(harness.cloud.instances.count == 1)
        let launched = try await harness.cluster.get(NodeClaim.self, name: name)
        #expect(launched.status?.providerID == instance.providerID)
        #expect(launched.status?.conditions?.isTrue(NodeClaimConditionType.launched) == true)
        #expect(launched.metadata.annotations?["example.com/touched"] == "true")
    }
}
