import Controllers
import Foundation
import KubeModel
import Simulation

/// The simulator's informers: change feeds on the in-memory cluster for every kind the controllers
/// watch, drained between steps into ``ClusterState`` (as the handlers in `ProvisioningControllers`
/// do) and into the work the next steps have: NodeClaims and NodePools to reconcile, pods the
/// scheduler has not tried in their current shape, launched claims whose instances must boot.
/// Nothing is relisted, so a step costs what changed, not what exists.
struct SimulationPicture {
    private let podFeed: SimulatedChangeFeed<Pod>
    private let nodeFeed: SimulatedChangeFeed<Node>
    private let claimFeed: SimulatedChangeFeed<NodeClaim>
    private let poolFeed: SimulatedChangeFeed<NodePool>
    private let daemonSetFeed: SimulatedChangeFeed<DaemonSet>
    private let namespaceFeed: SimulatedChangeFeed<Namespace>

    /// Every pod by `namespace/name`.
    private(set) var pods: [String: Pod] = [:]
    /// Every node by name.
    private(set) var nodes: [String: Node] = [:]
    /// Every NodeClaim by name.
    private(set) var claims: [String: NodeClaim] = [:]
    private var claimByProviderID: [String: String] = [:]
    /// NodeClaims changed (or whose Node changed) since they were last reconciled.
    var dirtyClaims: Set<String> = []
    /// NodePools whose claims or spec changed since they were last counted.
    var dirtyPools: Set<String> = []
    /// Pending pods that are new or changed shape since the scheduler last tried them.
    var untriedPods: Set<String> = []
    /// Whether every pending pod must be tried again (a node or a bound pod changed).
    var retryAllPods = false
    /// NodeClaims that reported `Launched` since the last read, oldest first.
    var launched: [String] = []
    /// Whether a NodeClaim was deleted since this was last cleared: its pods are pending again
    /// without a change of their own, so the provisioner must look at them again.
    var claimDeleted = false

    /// Subscribes to `cluster`; create the scenario's objects afterwards so they arrive as ADDED.
    init(cluster: SimulatedCluster) {
        podFeed = cluster.changeFeed(Pod.self)
        nodeFeed = cluster.changeFeed(Node.self)
        claimFeed = cluster.changeFeed(NodeClaim.self)
        poolFeed = cluster.changeFeed(NodePool.self)
        daemonSetFeed = cluster.changeFeed(DaemonSet.self)
        namespaceFeed = cluster.changeFeed(Namespace.self)
    }

    /// Pods the scheduler should try now: all pending pods after a node change, else the untried ones.
    func podsToSchedule() -> [Pod] {
        if retryAllPods { return pods.values.filter(SimulatedScheduler.isPending) }
        return untriedPods.compactMap { pods[$0] }.filter(SimulatedScheduler.isPending)
    }

    /// Bound pods that still occupy their node.
    var placedPods: [Pod] { pods.values.filter { $0.isBound && !$0.isTerminal } }

    /// Reads every feed and applies the changes to `state` and to the pending work; `observe` gets
    /// every new version of a pod, as the provisioner's pod handler does.
    mutating func drain(into state: ClusterState, observe: (Pod) -> Void) throws {
        for event in try claimFeed.drain() { absorb(event, state: state) }
        for event in try nodeFeed.drain() { absorb(event, state: state) }
        for event in try podFeed.drain() { absorb(event, state: state, observe: observe) }
        for event in try poolFeed.drain() {
            switch event {
            case let .added(pool), let .modified(pool):
                state.apply(pool)
                dirtyPools.insert(pool.metadata.key)
            case let .deleted(pool): state.remove(pool)
            case .bookmark, .error: continue
            }
        }
        for event in try namespaceFeed.drain() {
            switch event {
            case let .added(namespace), let .modified(namespace): state.apply(namespace)
            case let .deleted(namespace): state.remove(namespace)
            case .bookmark, .error: continue
            }
        }
        for event in try daemonSetFeed.drain() {
            switch event {
            case let .added(daemonSet), let .modified(daemonSet): state.apply(daemonSet)
            case let .deleted(daemonSet): state.remove(daemonSet)
            case .bookmark, .error: continue
            }
        }
    }

    private mutating func absorb(_ event: WatchEvent<NodeClaim>, state: ClusterState) {
        switch event {
        case let .added(claim), let .modified(claim):
            state.apply(claim)
            let name = claim.metadata.key
            let wasLaunched = claims[name]?.status?.conditions?.isTrue(NodeClaimConditionType.launched) == true
            claims[name] = claim
            if let providerID = claim.status?.providerID { claimByProviderID[providerID] = name }
            if !wasLaunched, claim.status?.conditions?.isTrue(NodeClaimConditionType.launched) == true { launched.append(name) }
            dirtyClaims.insert(name)
            if let pool = claim.metadata.labels?[WellKnownLabels.nodePool] { dirtyPools.insert(pool) }
        case let .deleted(claim):
            state.remove(claim)
            claimDeleted = true
            claims[claim.metadata.key] = nil
            if let providerID = claim.status?.providerID { claimByProviderID[providerID] = nil }
            if let pool = claim.metadata.labels?[WellKnownLabels.nodePool] { dirtyPools.insert(pool) }
        case .bookmark, .error:
            return
        }
    }

    private mutating func absorb(_ event: WatchEvent<Node>, state: ClusterState) {
        switch event {
        case let .added(node), let .modified(node):
            state.apply(node)
            nodes[node.metadata.key] = node
            if let providerID = node.spec.providerID, let claim = claimByProviderID[providerID] { dirtyClaims.insert(claim) }
        case let .deleted(node):
            state.remove(node)
            nodes[node.metadata.key] = nil
        case .bookmark, .error:
            return
        }
        retryAllPods = true
    }

    private mutating func absorb(_ event: WatchEvent<Pod>, state: ClusterState, observe: (Pod) -> Void) {
        switch event {
        case let .added(pod), let .modified(pod):
            state.apply(pod)
            observe(pod)
            let key = pod.metadata.key
            let previous = pods.updateValue(pod, forKey: key)
            if previous?.spec != pod.spec || previous?.metadata.labels != pod.metadata.labels { untriedPods.insert(key) }
            if previous?.isBound == true, pod.isTerminal { retryAllPods = true }
        case let .deleted(pod):
            state.remove(pod)
            if pods.removeValue(forKey: pod.metadata.key)?.isBound == true { retryAllPods = true }
        case .bookmark, .error:
            return
        }
    }
}
