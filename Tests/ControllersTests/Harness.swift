import ControllerRuntime
import Controllers
import Foundation
import KubeClient
import KubeModel
import Logging
import Operator
import Simulation
import TestSupport

/// The real controllers on a SimulatedCluster with a FakeCloudProvider, a VirtualClock and the
/// production JSON log handler writing into memory. Tests play kubelet and kube-scheduler by hand.
struct Harness {
    let clock: VirtualClock
    let cluster: SimulatedCluster
    let cloud: FakeCloudProvider
    let state = ClusterState()
    let sink: CapturingLogSink
    let events: EventRecorder
    let provisioner: Provisioner
    let lifecycle: NodeClaimLifecycle
    let logger: Logger

    init(cloud: FakeCloudProvider = FakeCloudProvider()) {
        let clock = VirtualClock()
        self.init(cloud: cloud, clock: clock, cluster: SimulatedCluster(now: { clock.now }), sink: CapturingLogSink())
    }

    /// A harness whose cluster stamps objects with the wall clock, for controllers that run on
    /// ``SystemControllerClock`` (creation times and the controllers' clock must agree).
    static func wallClock(cloud: FakeCloudProvider = FakeCloudProvider()) -> Harness {
        Harness(cloud: cloud, clock: VirtualClock(), cluster: SimulatedCluster(now: { Date() }), sink: CapturingLogSink())
    }

    /// A second controller process against `other`'s cluster, cloud, clock and log.
    init(sharing other: Harness) {
        self.init(cloud: other.cloud, clock: other.clock, cluster: other.cluster, sink: other.sink)
    }

    private init(cloud: FakeCloudProvider, clock: VirtualClock, cluster: SimulatedCluster, sink: CapturingLogSink) {
        self.clock = clock
        self.cluster = cluster
        self.sink = sink
        self.cloud = cloud
        let logger = Logger(label: "controller") { _ in
            JSONLogHandler(label: "controller", commit: "490ef94", level: .info, sink: sink, clock: { clock.now })
        }
        self.logger = logger
        events = EventRecorder(api: cluster, now: { clock.now })
        provisioner = Provisioner(api: cluster, cloudProvider: cloud, state: state, events: events, clock: clock, logger: logger)
        lifecycle = NodeClaimLifecycle(api: cluster, cloudProvider: cloud, state: state, events: events, clock: clock, logger: logger)
    }

    /// Creates objects in the cluster and refreshes the controllers' state.
    func seed(pools: [NodePool] = [Fixtures.nodePool()], pods: [Pod] = [], daemonSets: [DaemonSet] = []) async throws {
        let namespaces = Set((pods.map(\.metadata) + daemonSets.map(\.metadata)).compactMap(\.namespace))
        for namespace in namespaces.sorted() where (try? await cluster.get(Namespace.self, name: namespace)) == nil {
            _ = try await cluster.create(Namespace(metadata: ObjectMeta(name: namespace)))
        }
        for pool in pools { _ = try await cluster.create(pool) }
        for daemonSet in daemonSets { _ = try await cluster.create(daemonSet) }
        for pod in pods {
            // Status is a subresource: the scheduler's Unschedulable verdict is written separately.
            var created = try await cluster.create(pod)
            created.status = pod.status
            _ = try await cluster.updateStatus(created)
        }
        try await sync()
    }

    /// Creates a pod (and its namespace) and refreshes the state.
    func add(_ pod: Pod) async throws { try await seed(pools: [], pods: [pod]) }

    /// Refreshes the state from the cluster (what informers do continuously in production).
    func sync() async throws { try await state.resync(from: cluster) }

    /// Every NodeClaim in the cluster.
    func nodeClaims() async throws -> [NodeClaim] { try await cluster.list(NodeClaim.self).items }

    /// Events with `reason`.
    func events(reason: String) async throws -> [Event] {
        try await cluster.list(Event.self).items.filter { $0.reason == reason }
    }

    /// Registers a Node for a launched NodeClaim as the kubelet would: provider ID, the
    /// unregistered taint plus `extraTaints`, capacity and allocatable, Ready; a Ready Node then
    /// loses the API server's `not-ready` taint as the node lifecycle controller would remove it.
    @discardableResult
    func registerNode(for claim: NodeClaim, name: String = "ip-10-10-210-178.ec2.internal",
                      extraTaints: [KubeModel.Taint] = [], ready: Bool = true) async throws -> Node {
        let node = Node(
            metadata: ObjectMeta(name: name, labels: [WellKnownLabels.hostname: name]),
            spec: NodeSpec(providerID: claim.status?.providerID, taints: [Taint.unregistered] + extraTaints),
            status: NodeStatus(
                capacity: claim.status?.capacity,
                allocatable: ["cpu": "1930m", "ephemeral-storage": "18242267924", "hugepages-1Gi": "0",
                              "hugepages-2Mi": "0", "memory": "3388300Ki", "pods": "17"],
                conditions: [NodeCondition(type: "Ready", status: ready ? "True" : "False")]))
        var created = try await cluster.create(node)
        created.status = node.status
        created = try await cluster.updateStatus(created)
        if ready {
            // What kube-controller-manager's node lifecycle controller does for a Ready node.
            created.spec.taints?.removeAll { $0.matches(.notReady) }
            created = try await cluster.update(created)
        }
        try await sync()
        return created
    }
}
