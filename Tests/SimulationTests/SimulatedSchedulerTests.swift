import Foundation
import KubeClient
import KubeModel
import Simulation
import Testing

/// The in-memory kube-scheduler: what fits where, and kube-scheduler's Unschedulable messages.
@Suite struct SimulatedSchedulerTests {
    static let now: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_800_000_000) }

    static func quantities(cpu: String, memory: String, pods: String) throws -> [String: Quantity] {
        ["cpu": try Quantity(parsing: cpu), "memory": try Quantity(parsing: memory), "pods": try Quantity(parsing: pods)]
    }

    /// Builder: a Ready node (admission's not-ready taint replaced by `taints`).
    @discardableResult
    static func addNode(_ cluster: SimulatedCluster, _ name: String, zone: String = "us-east-1a", cpu: String = "1930m",
                        memory: String = "3246Mi", pods: String = "17", taints: [Taint] = []) async throws -> Node {
        let node = Node(metadata: ObjectMeta(name: name, labels: [WellKnownLabels.hostname: name, WellKnownLabels.zone: zone]),
                        status: NodeStatus(allocatable: try quantities(cpu: cpu, memory: memory, pods: pods),
                                           conditions: [NodeCondition(type: "Ready", status: "True")]))
        var created = try await cluster.create(node)
        created.spec.taints = taints
        return try await cluster.update(created)
    }

    /// Builder: a pending pod.
    static func pod(_ name: String, cpu: String = "100m", labels: [String: String] = ["app": "web"],
                    hostPort: Int32? = nil, configure: (inout PodSpec) -> Void = { _ in }) throws -> Pod {
        var spec = PodSpec(containers: [Container(
            name: "main", resources: ResourceRequirements(requests: ["cpu": try Quantity(parsing: cpu)]),
            ports: hostPort.map { [ContainerPort(containerPort: 80, hostPort: $0)] })])
        configure(&spec)
        return Pod(metadata: ObjectMeta(name: name, namespace: "default", labels: labels), spec: spec)
    }

    static func schedule(_ cluster: SimulatedCluster) async throws -> SimulatedScheduler.Pass {
        try await SimulatedScheduler(cluster: cluster, now: now).schedulePending()
    }

    static func nodeOf(_ cluster: SimulatedCluster, _ pod: String) async throws -> String? {
        try await cluster.get(Pod.self, name: pod, namespace: "default").spec.nodeName
    }

    @Test func bindsAFittingPodAndMarksItScheduled() async throws {
        let cluster = SimulatedCluster(now: Self.now)
        try await Self.addNode(cluster, "n1")
        _ = try await cluster.create(try Self.pod("a"))
        #expect(try await Self.schedule(cluster).bound == ["default/a"])
        let pod = try await cluster.get(Pod.self, name: "a", namespace: "default")
        #expect(pod.spec.nodeName == "n1")
        #expect(pod.status?.conditions?.first { $0.type == "PodScheduled" }?.status == "True")
    }

    @Test func insufficientResourcesLeaveThePodUnschedulable() async throws {
        let cluster = SimulatedCluster(now: Self.now)
        try await Self.addNode(cluster, "n1")
        _ = try await cluster.create(try Self.pod("big", cpu: "2"))
        let pass = try await Self.schedule(cluster)
        #expect(pass.unschedulable["default/big"] == "0/1 nodes are available: 1 Insufficient cpu.")
        let condition = try await cluster.get(Pod.self, name: "big", namespace: "default").status?.conditions?
            .first { $0.type == "PodScheduled" }
        #expect(condition?.status == "False")
        #expect(condition?.reason == "Unschedulable")
    }

    @Test func taintsMustBeTolerated() async throws {
        let cluster = SimulatedCluster(now: Self.now)
        try await Self.addNode(cluster, "n1", taints: [.unregistered])
        _ = try await cluster.create(try Self.pod("plain"))
        _ = try await cluster.create(try Self.pod("tolerant") { $0.tolerations = [Toleration(operator: .exists)] })
        let pass = try await Self.schedule(cluster)
        #expect(pass.bound == ["default/tolerant"])
        #expect(pass.unschedulable["default/plain"] == "0/1 nodes are available: 1 node(s) had untolerated taint {karpenter.sh/unregistered: }.")
    }

    @Test func nodeSelectorAndRequiredAffinity() async throws {
        let cluster = SimulatedCluster(now: Self.now)
        try await Self.addNode(cluster, "a1", zone: "us-east-1a")
        try await Self.addNode(cluster, "b1", zone: "us-east-1b")
        _ = try await cluster.create(try Self.pod("sel") { $0.nodeSelector = [WellKnownLabels.zone: "us-east-1b"] })
        _ = try await cluster.create(try Self.pod("aff") {
            $0.affinity = Affinity(nodeAffinity: NodeAffinity(required: NodeSelector(
                nodeSelectorTerms: [NodeSelectorTerm(matchExpressions: [
                    NodeSelectorRequirement(key: WellKnownLabels.zone, operator: .notIn, values: ["us-east-1b"]),
                ])])))
        })
        _ = try await cluster.create(try Self.pod("none") { $0.nodeSelector = ["gpu": "true"] })
        let pass = try await Self.schedule(cluster)
        #expect(try await Self.nodeOf(cluster, "sel") == "b1")
        #expect(try await Self.nodeOf(cluster, "aff") == "a1")
        #expect(pass.unschedulable["default/none"] == "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.")
    }

    @Test func hostnameAntiAffinityPutsOnePodPerNode() async throws {
        let cluster = SimulatedCluster(now: Self.now)
        try await Self.addNode(cluster, "n1")
        try await Self.addNode(cluster, "n2")
        for name in ["p1", "p2", "p3"] {
            _ = try await cluster.create(try Self.pod(name) {
                $0.affinity = Affinity(podAntiAffinity: PodAffinity(required: [
                    PodAffinityTerm(labelSelector: LabelSelector(matchLabels: ["app": "web"]), topologyKey: WellKnownLabels.hostname),
                ]))
            })
        }
        let pass = try await Self.schedule(cluster)
        #expect(pass.bound.count == 2)
        #expect(Set([try await Self.nodeOf(cluster, "p1"), try await Self.nodeOf(cluster, "p2")]) == ["n1", "n2"])
        #expect(pass.unschedulable["default/p3"] == "0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules.")
    }

    @Test func zoneSpreadHonoursMaxSkew() async throws {
        let cluster = SimulatedCluster(now: Self.now)
        try await Self.addNode(cluster, "a1", zone: "us-east-1a", cpu: "8")
        try await Self.addNode(cluster, "b1", zone: "us-east-1b", cpu: "8")
        try await Self.addNode(cluster, "c1", zone: "us-east-1c", cpu: "8")
        for index in 0..<6 {
            _ = try await cluster.create(try Self.pod("s\(index)") {
                $0.topologySpreadConstraints = [TopologySpreadConstraint(
                    maxSkew: 1, topologyKey: WellKnownLabels.zone, whenUnsatisfiable: "DoNotSchedule",
                    labelSelector: LabelSelector(matchLabels: ["app": "web"]))]
            })
        }
        #expect(try await Self.schedule(cluster).bound.count == 6)
        let pods = try await cluster.list(Pod.self, namespace: "default").items
        let perNode = Dictionary(grouping: pods, by: { $0.spec.nodeName ?? "" }).mapValues(\.count)
        #expect(perNode == ["a1": 2, "b1": 2, "c1": 2])
    }

    @Test func hostPortsConflict() async throws {
        let cluster = SimulatedCluster(now: Self.now)
        try await Self.addNode(cluster, "n1")
        _ = try await cluster.create(try Self.pod("h1", hostPort: 8080))
        _ = try await cluster.create(try Self.pod("h2", hostPort: 8080))
        let pass = try await Self.schedule(cluster)
        #expect(pass.bound == ["default/h1"])
        #expect(pass.unschedulable["default/h2"] == "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports.")
    }

    @Test func bindingABoundPodConflicts() async throws {
        let cluster = SimulatedCluster(now: Self.now)
        try await Self.addNode(cluster, "n1")
        _ = try await cluster.create(try Self.pod("a"))
        try await cluster.bind(podName: "a", namespace: "default", nodeName: "n1")
        await #expect(throws: KubeError.self) { try await cluster.bind(podName: "a", namespace: "default", nodeName: "n2") }
    }
}
