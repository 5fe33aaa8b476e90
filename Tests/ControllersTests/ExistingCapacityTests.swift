import Controllers
import Foundation
import KubeModel
import Testing

/// What the provisioner counts as room on capacity that already exists: host ports in use,
/// DaemonSet pods still to come, taints of nodes that went bad, and the `nodes` limit.
@Suite struct ExistingCapacityTests {
    /// An unmanaged, Ready node with room for anything the tests ask.
    private func worker(_ name: String, taints: [KubeModel.Taint]? = nil) -> Node {
        Node(metadata: ObjectMeta(name: name, labels: [WellKnownLabels.hostname: name, WellKnownLabels.arch: "amd64",
                                                       WellKnownLabels.os: "linux"]),
             spec: NodeSpec(taints: taints),
             status: NodeStatus(capacity: ["cpu": "8", "memory": "32Gi", "pods": "110"],
                                allocatable: ["cpu": "8", "memory": "32Gi", "pods": "110"],
                                conditions: [NodeCondition(type: "Ready", status: "True")]))
    }

    /// Creates `node` as it ends up once the node lifecycle controller is done with it.
    private func add(_ node: Node, to harness: Harness) async throws {
        var created = try await harness.cluster.create(node)
        created.status = node.status
        created = try await harness.cluster.updateStatus(created)
        created.spec.taints = node.spec.taints
        _ = try await harness.cluster.update(created)
    }

    /// A pod that asks for host port `port`, pending or bound to `node`.
    private func exporter(_ name: String, port: Int32, boundTo node: String? = nil) -> Pod {
        var pod = Fixtures.pod(name)
        pod.spec.containers[0].ports = [ContainerPort(containerPort: port, hostPort: port)]
        if let node {
            pod.spec.nodeName = node
            pod.status = PodStatus(phase: "Running", conditions: [PodCondition(type: "PodScheduled", status: "True")])
        }
        return pod
    }

    @Test func hostPortInUseOnAnExistingNodeNeedsNewCapacity() async throws {
        let harness = Harness()
        try await add(worker("worker-1"), to: harness)
        try await harness.seed(pods: [exporter("exporter-1", port: 9100, boundTo: "worker-1"), exporter("exporter-2", port: 9100)])
        let round = try await harness.provisioner.schedule()
        #expect(round.created.count == 1)
        #expect(try await harness.events(reason: "Nominated").allSatisfy { $0.message?.contains("node/worker-1") == false })
    }

    @Test func freeRoomOnAnExistingNodeIsUsed() async throws {
        let harness = Harness()
        try await add(worker("worker-1"), to: harness)
        try await harness.seed(pods: [exporter("exporter-1", port: 9100, boundTo: "worker-1"), exporter("web", port: 8080)])
        #expect(try await harness.provisioner.schedule().created.isEmpty)
    }

    @Test func unreachableNodeIsNotCapacity() async throws {
        let harness = Harness()
        try await add(worker("dead-1", taints: [Taint(key: "node.kubernetes.io/unreachable", effect: .noSchedule)]), to: harness)
        try await harness.seed(pods: [Fixtures.pod("web")])
        #expect(try await harness.provisioner.schedule().created.count == 1)
    }

    @Test func inFlightNodeClaimKeepsRoomForItsDaemonSets() async throws {
        let harness = Harness()
        try await harness.seed(pods: Fixtures.seedPods, daemonSets: Fixtures.seedDaemonSets)
        #expect(try await harness.provisioner.schedule().created.count == 1)
        // 210m of seed pods + 1600m fits the t3.medium's 1930m only if its 220m of daemons are forgotten.
        try await harness.add(Fixtures.pod("batch", cpu: "1600m"))
        let round = try await harness.provisioner.schedule()
        #expect(round.created.count == 1)
        #expect(try await harness.nodeClaims().count == 2)
    }

    @Test func inFlightNodeClaimTakesWhatFitsBesideItsDaemonSets() async throws {
        let harness = Harness()
        try await harness.seed(pods: Fixtures.seedPods, daemonSets: Fixtures.seedDaemonSets)
        #expect(try await harness.provisioner.schedule().created.count == 1)
        try await harness.add(Fixtures.pod("small", cpu: "1400m"))
        #expect(try await harness.provisioner.schedule().created.isEmpty)
    }

    @Test func antiAffinityToPodsOfNamespacesSelectedByLabelIsHonoured() async throws {
        let harness = Harness()
        _ = try await harness.cluster.create(Namespace(metadata: ObjectMeta(name: "team-a", labels: ["team": "a"])))
        try await add(worker("worker-1"), to: harness)
        var database = exporter("db-0", port: 5432, boundTo: "worker-1")
        database.metadata.namespace = "team-a"
        database.metadata.labels = ["app": "db"]
        let apart = Affinity(podAntiAffinity: PodAffinity(required: [
            PodAffinityTerm(labelSelector: LabelSelector(matchLabels: ["app": "db"]), topologyKey: WellKnownLabels.hostname,
                            namespaceSelector: LabelSelector(matchLabels: ["team": "a"])),
        ]))
        try await harness.seed(pods: [database, Fixtures.pod("report", namespace: "team-b", affinity: apart)])
        #expect(try await harness.provisioner.schedule().created.count == 1)
    }

    @Test func nodesLimitCapsTheNumberOfNodeClaims() async throws {
        let harness = Harness()
        let apart = Affinity(podAntiAffinity: PodAffinity(required: [
            PodAffinityTerm(labelSelector: LabelSelector(matchLabels: ["app": "apart"]), topologyKey: WellKnownLabels.hostname),
        ]))
        try await harness.seed(pools: [Fixtures.nodePool(limits: ["nodes": Quantity(1)])], pods: [
            Fixtures.pod("a", labels: ["app": "apart"], affinity: apart), Fixtures.pod("b", labels: ["app": "apart"], affinity: apart),
        ])
        let round = try await harness.provisioner.schedule()
        #expect(round.created.count == 1)
        #expect(round.failed.count == 1)
        #expect(try await harness.nodeClaims().count == 1)
    }

    @Test func limitReachedExactlyStillAllowsWhatTheSolverPlanned() async throws {
        let harness = Harness()
        // A GPU limit of 1, already used by a GPU NodeClaim, must not block CPU-only nodes.
        try await harness.seed(pools: [Fixtures.nodePool(limits: ["cpu": Quantity(1000), "nvidia.com/gpu": Quantity(1)])],
                               pods: [Fixtures.pod("first")])
        let first = try #require(try await harness.provisioner.schedule().created.first)
        var launched = try await harness.cluster.get(NodeClaim.self, name: first.metadata.name ?? "")
        launched.status = NodeClaimStatus(capacity: ["cpu": "2", "memory": "4Gi", "pods": "17", "nvidia.com/gpu": "1"])
        _ = try await harness.cluster.updateStatus(launched)
        try await harness.sync()
        try await harness.add(Fixtures.pod("second", cpu: "1900m"))
        #expect(try await harness.provisioner.schedule().created.count == 1)
    }
}
