import Controllers
import Foundation
import KubeClient
import KubeModel
import Logging
import Operator
import Simulation
import Testing

/// The wired controllers running concurrently on a SimulatedCluster: the test plays kubelet by
/// watching NodeClaims and registering a Node for each launched one, and waits on watch events
/// (never on time) for the claim to become Initialized.
@Suite struct ProvisioningControllersTests {
    @Test func pendingPodsBecomeAnInitializedNodeClaim() async throws {
        let harness = Harness.wallClock()
        try await harness.seed(pods: Fixtures.seedPods, daemonSets: Fixtures.seedDaemonSets)
        let controllers = ProvisioningControllers(
            api: harness.cluster, cloudProvider: harness.cloud, clock: SystemControllerClock(),
            logger: harness.logger, batchIdle: .milliseconds(20), batchMax: .milliseconds(200))
        let running = Task { await controllers.run() }

        let watch = try await harness.cluster.watch(NodeClaim.self, namespace: nil, options: WatchOptions())
        var registered = Set<String>()
        var initialized: NodeClaim?
        for try await event in watch {
            let claim: NodeClaim
            switch event {
            case let .added(object), let .modified(object): claim = object
            default: continue
            }
            if let done = try await handle(claim, harness, &registered) {
                initialized = done
                break
            }
        }
        // Stop the controllers; in-flight reconciles (and their log lines) finish first.
        running.cancel()
        await running.value
        #expect(initialized?.metadata.labels?[WellKnownLabels.instanceType] == "t3.medium")
        #expect(try await harness.nodeClaims().count == 1)
        #expect(harness.cloud.instances.count == 1)
        #expect(Array(harness.sink.messages.filter { $0.hasSuffix("nodeclaim") || $0.contains("pod(s)") }.prefix(6)) == [
            "found provisionable pod(s)", "computed new nodeclaim(s) to fit pod(s)", "created nodeclaim",
            "launched nodeclaim", "registered nodeclaim", "initialized nodeclaim",
        ])
    }

    /// Registers a Node for a newly launched claim; returns the claim once it is Initialized.
    private func handle(_ claim: NodeClaim, _ harness: Harness, _ registered: inout Set<String>) async throws -> NodeClaim? {
        let conditions = claim.status?.conditions ?? []
        if conditions.isTrue(NodeClaimConditionType.initialized) { return claim }
        if conditions.isTrue(NodeClaimConditionType.launched), let name = claim.metadata.name, registered.insert(name).inserted {
            try await harness.registerNode(for: claim)
        }
        return nil
    }
}
