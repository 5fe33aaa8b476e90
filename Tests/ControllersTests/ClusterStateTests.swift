import Controllers
import Foundation
import KubeClient
import KubeModel
import Scheduling
import Simulation
import Testing

/// ClusterState is fed by two racing sources: informer events and the controllers' own write
/// results. These tests replay the orderings that used to leave ghosts or regress objects, with the
/// versions and UIDs a real API server (here SimulatedCluster) assigns.
@Suite struct ClusterStateTests {
    /// A NodeClaim of the default pool with the given provider ID.
    static func claim(_ name: String, providerID: String? = nil, cpu: String = "2") -> NodeClaim {
        NodeClaim(metadata: ObjectMeta(name: name, labels: [WellKnownLabels.nodePool: "default"]),
                  spec: NodeClaimSpec(resources: ResourceRequests(requests: ["cpu": Quantity(stringLiteral: cpu)]),
                                      nodeClassRef: NodeClassReference(name: "default")),
                  status: providerID.map { NodeClaimStatus(providerID: $0) })
    }

    /// A Node with the given provider ID.
    static func node(_ name: String, providerID: String?) -> Node {
        Node(metadata: ObjectMeta(name: name), spec: NodeSpec(providerID: providerID))
    }

    @Test func aWriteResultAppliedAfterTheInformersDeletionLeavesNoGhost() async throws {
        let cluster = SimulatedCluster()
        let state = ClusterState()
        let created = try await cluster.create(Self.claim("default-abcde"))
        state.apply(created)
        var launched = created
        launched.status = NodeClaimStatus(providerID: "aws:///us-east-1a/i-1")
        let written = try await cluster.updateStatus(launched)
        try await cluster.delete(NodeClaim.self, name: "default-abcde")
        // The informer delivers the deletion before the controller applies its write result.
        state.remove(written)
        state.apply(written)
        #expect(state.nodeClaim(named: "default-abcde") == nil)
        #expect(state.usage(of: "default").count == 0)
        #expect(state.nodeClaim(providerID: "aws:///us-east-1a/i-1") == nil)
    }

    @Test func anOlderVersionDoesNotReplaceANewerOne() async throws {
        let cluster = SimulatedCluster()
        let state = ClusterState()
        let created = try await cluster.create(Self.claim("default-abcde"))
        var launched = created
        launched.status = NodeClaimStatus(providerID: "aws:///us-east-1a/i-1", capacity: ["cpu": Quantity(4)])
        let written = try await cluster.updateStatus(launched)
        state.apply(written)
        state.apply(created)
        let stored = try #require(state.nodeClaim(named: "default-abcde"))
        #expect(stored.metadata.resourceVersion == written.metadata.resourceVersion)
        #expect(state.usage(of: "default").resources == Resources(kube: ["cpu": Quantity(4)]))
        #expect(state.nodeClaim(providerID: "aws:///us-east-1a/i-1")?.metadata.name == "default-abcde")
    }

    @Test(arguments: [
        ("stored version not a number", "abc", "5"),
        ("incoming version not a number", "7", "xyz"),
        ("no stored version", "", "3"),
    ])
    func unparsableVersionsAreAccepted(_ name: String, _ storedVersion: String, _ incomingVersion: String) {
        let state = ClusterState()
        var stored = Self.claim("c", cpu: "1")
        stored.metadata.uid = "u1"
        stored.metadata.resourceVersion = storedVersion.isEmpty ? nil : storedVersion
        var incoming = Self.claim("c", cpu: "3")
        incoming.metadata.uid = "u1"
        incoming.metadata.resourceVersion = incomingVersion
        state.apply(stored)
        state.apply(incoming)
        #expect(state.nodeClaim(named: "c")?.metadata.resourceVersion == incomingVersion, "\(name)")
    }

    @Test func versionsCompareAsNumbersNotStrings() {
        let state = ClusterState()
        var nine = Self.node("n", providerID: "p-9")
        nine.metadata.uid = "u"
        nine.metadata.resourceVersion = "9"
        var ten = nine
        ten.metadata.resourceVersion = "10"
        ten.spec.providerID = "p-10"
        state.apply(ten)
        state.apply(nine)
        #expect(state.node(named: "n")?.metadata.resourceVersion == "10")
        #expect(state.node(providerID: "p-9") == nil)
    }

    @Test func aLateDeletionOfAnEarlierObjectKeepsItsSuccessorWithTheSameName() async throws {
        let cluster = SimulatedCluster()
        let state = ClusterState()
        let first = try await cluster.create(Self.node("ip-10-0-0-1", providerID: "aws:///a/i-1"))
        try await cluster.delete(Node.self, name: "ip-10-0-0-1")
        let second = try await cluster.create(Self.node("ip-10-0-0-1", providerID: "aws:///a/i-2"))
        state.apply(second)
        state.remove(first)
        #expect(state.node(named: "ip-10-0-0-1")?.metadata.uid == second.metadata.uid)
        #expect(state.node(providerID: "aws:///a/i-2") != nil)
        state.apply(first)
        #expect(state.node(named: "ip-10-0-0-1")?.metadata.uid == second.metadata.uid)
    }

    @Test func deletedPodsAndPoolsStayDeleted() async throws {
        let cluster = SimulatedCluster()
        let state = ClusterState()
        let pod = try await cluster.create(Pod(metadata: ObjectMeta(name: "web", namespace: "default"),
                                               spec: PodSpec(containers: [Container(name: "main", image: "example")])))
        let pool = try await cluster.create(NodePool(metadata: ObjectMeta(name: "default"), spec: NodePoolSpec(
            template: NodeClaimTemplate(spec: NodeClaimTemplateSpec(nodeClassRef: NodeClassReference(name: "default"))))))
        state.remove(pod)
        state.remove(pool)
        state.apply(pod)
        state.apply(pool)
        #expect(state.pods.isEmpty)
        #expect(state.nodePools.isEmpty)
    }

    @Test func tombstonesAreBounded() {
        let state = ClusterState(tombstoneLimit: 4)
        for index in 0..<10 {
            var node = Self.node("n\(index)", providerID: nil)
            node.metadata.uid = "u\(index)"
            state.remove(node)
        }
        #expect(state.tombstoneCount <= 4)
        var latest = Self.node("n9", providerID: nil)
        latest.metadata.uid = "u9"
        state.apply(latest)
        #expect(state.node(named: "n9") == nil)
        var oldest = Self.node("n0", providerID: nil)
        oldest.metadata.uid = "u0"
        state.apply(oldest)
        #expect(state.node(named: "n0") != nil)
    }

    @Test func resyncReplacesEverythingAndForgetsTombstonesOfLiveObjects() async throws {
        let cluster = SimulatedCluster()
        let state = ClusterState()
        let live = try await cluster.create(Self.node("live", providerID: "aws:///a/i-live"))
        var gone = Self.node("gone", providerID: "aws:///a/i-gone")
        gone.metadata.uid = "gone-uid"
        state.apply(gone)
        state.remove(live)
        state.remove(gone)
        try await state.resync(from: cluster)
        #expect(state.node(named: "live") != nil)
        #expect(state.node(providerID: "aws:///a/i-live")?.metadata.name == "live")
        #expect(state.tombstoneCount == 1)
        state.apply(gone)
        #expect(state.node(named: "gone") == nil)
    }

    @Test func providerIDIndexesFollowEveryChange() {
        let state = ClusterState()
        state.apply(Self.claim("c1"))
        #expect(state.nodeClaim(providerID: "aws:///a/i-1") == nil)
        state.apply(Self.claim("c1", providerID: "aws:///a/i-1"))
        state.apply(Self.node("n1", providerID: "aws:///a/i-1"))
        #expect(state.nodeClaim(providerID: "aws:///a/i-1")?.metadata.name == "c1")
        #expect(state.node(providerID: "aws:///a/i-1")?.metadata.name == "n1")
        state.apply(Self.node("n1", providerID: "aws:///a/i-2"))
        #expect(state.node(providerID: "aws:///a/i-1") == nil)
        #expect(state.node(providerID: "aws:///a/i-2")?.metadata.name == "n1")
        state.remove(Self.claim("c1", providerID: "aws:///a/i-1"))
        state.remove(Self.node("n1", providerID: "aws:///a/i-2"))
        #expect(state.nodeClaim(providerID: "aws:///a/i-1") == nil)
        #expect(state.node(providerID: "aws:///a/i-2") == nil)
    }

    @Test func deletingNodeClaimsStillCountTowardsLimits() {
        let state = ClusterState()
        var deleting = Self.claim("c1", cpu: "2")
        deleting.metadata.deletionTimestamp = KubeTime(Date(timeIntervalSince1970: 0))
        state.apply(deleting)
        state.apply(Self.claim("c2", cpu: "1"))
        let usage = state.usage(of: "default")
        #expect(usage.count == 2)
        #expect(usage.resources == Resources(kube: ["cpu": Quantity(3)]))
    }
}
