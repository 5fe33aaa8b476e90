import Foundation
import KubeModel
import Scheduling
import Synchronization

/// The controllers' shared picture of the cluster: Nodes, NodeClaims (including in-flight ones
/// without a Node yet), Pods with their bindings, DaemonSets, NodePools and the provisioner's
/// nominations. Fed by informers (or a full resync); read synchronously under one lock.
///
/// Invariant: every map is keyed by the object's `metadata.key`; nothing slow runs under the lock.
package final class ClusterState: Sendable {
    struct State {
        var nodes: [String: Node] = [:]
        var nodeClaims: [String: NodeClaim] = [:]
        var pods: [String: Pod] = [:]
        var daemonSets: [String: DaemonSet] = [:]
        var nodePools: [String: NodePool] = [:]
        /// Pod key → NodeClaim name the provisioner expects the pod to land on.
        var nominations: [String: String] = [:]
    }

    let state = Mutex(State())

    /// An empty state; fill it with `apply` / `remove` or `ClusterState.resync(from:)`.
    package init() {}

    /// Records the latest version of `node`.
    package func apply(_ node: Node) { state.withLock { $0.nodes[node.metadata.key] = node } }
    /// Records the latest version of `nodeClaim`.
    package func apply(_ nodeClaim: NodeClaim) { state.withLock { $0.nodeClaims[nodeClaim.metadata.key] = nodeClaim } }
    /// Records the latest version of `pod`; a bound pod loses its nomination.
    package func apply(_ pod: Pod) {
        state.withLock {
            $0.pods[pod.metadata.key] = pod
            if pod.isBound { $0.nominations[pod.metadata.key] = nil }
        }
    }
    /// Records the latest version of `daemonSet`.
    package func apply(_ daemonSet: DaemonSet) { state.withLock { $0.daemonSets[daemonSet.metadata.key] = daemonSet } }
    /// Records the latest version of `nodePool`.
    package func apply(_ nodePool: NodePool) { state.withLock { $0.nodePools[nodePool.metadata.key] = nodePool } }

    /// Forgets a deleted Node.
    package func remove(_ node: Node) { state.withLock { $0.nodes[node.metadata.key] = nil } }
    /// Forgets a deleted NodeClaim and the nominations pointing at it.
    package func remove(_ nodeClaim: NodeClaim) {
        state.withLock { state in
            state.nodeClaims[nodeClaim.metadata.key] = nil
            let name = nodeClaim.metadata.name
            state.nominations = state.nominations.filter { $0.value != name }
        }
    }
    /// Forgets a deleted Pod.
    package func remove(_ pod: Pod) {
        state.withLock {
            $0.pods[pod.metadata.key] = nil
            $0.nominations[pod.metadata.key] = nil
        }
    }
    /// Forgets a deleted DaemonSet.
    package func remove(_ daemonSet: DaemonSet) { state.withLock { $0.daemonSets[daemonSet.metadata.key] = nil } }
    /// Forgets a deleted NodePool.
    package func remove(_ nodePool: NodePool) { state.withLock { $0.nodePools[nodePool.metadata.key] = nil } }

    /// Remembers that the pods with `podKeys` are expected to land on `nodeClaim`.
    package func nominate(_ podKeys: [String], to nodeClaim: String) {
        state.withLock { state in for key in podKeys { state.nominations[key] = nodeClaim } }
    }

    /// The NodeClaim a pod is nominated to, if any.
    package func nomination(forPod key: String) -> String? { state.withLock { $0.nominations[key] } }

    /// Pods the provisioner must act on: unbound, marked `PodScheduled=False/Unschedulable` by the
    /// scheduler, not terminal or deleting, not DaemonSet-owned, not preempting.
    package var provisionablePods: [Pod] {
        state.withLock { Array($0.pods.values) }.filter(Self.isProvisionable)
            .sorted { $0.metadata.key < $1.metadata.key }
    }

    /// Whether any pod is provisionable (see ``provisionablePods``); no copy is made.
    package var hasProvisionablePods: Bool { state.withLock { $0.pods.values.contains(where: Self.isProvisionable) } }

    /// Whether `pod` should trigger provisioning (see ``provisionablePods``).
    package static func isProvisionable(_ pod: Pod) -> Bool {
        !pod.isBound && pod.isMarkedUnschedulable && !pod.isTerminal && !pod.metadata.isDeleting
            && !pod.isDaemonSetPod && !pod.isPreempting
    }

    /// A NodeClaim by name.
    package func nodeClaim(named name: String) -> NodeClaim? { state.withLock { $0.nodeClaims[name] } }
    /// A Node by name.
    package func node(named name: String) -> Node? { state.withLock { $0.nodes[name] } }
    /// A NodePool by name.
    package func nodePool(named name: String) -> NodePool? { state.withLock { $0.nodePools[name] } }
    /// Every NodeClaim.
    package var nodeClaims: [NodeClaim] { state.withLock { Array($0.nodeClaims.values) } }
    /// Every Node.
    package var nodes: [Node] { state.withLock { Array($0.nodes.values) } }
    /// Every NodePool.
    package var nodePools: [NodePool] { state.withLock { Array($0.nodePools.values) } }
    /// Every Pod.
    package var pods: [Pod] { state.withLock { Array($0.pods.values) } }

    /// The Node whose `spec.providerID` is `providerID`.
    package func node(providerID: String) -> Node? {
        state.withLock { $0.nodes.values.first { $0.spec.providerID == providerID } }
    }

    /// Resources and count of the NodeClaims of `nodePool` that are not being deleted: capacity once
    /// launched, else the requests they were created with. This is what NodePool limits are checked against.
    package func usage(of nodePool: String) -> (resources: Resources, count: Int) {
        state.withLock { state in
            var total = Resources.zero
            var count = 0
            for claim in state.nodeClaims.values where claim.metadata.labels?[WellKnownLabels.nodePool] == nodePool {
                count += 1
                if let capacity = claim.status?.capacity, !capacity.isEmpty {
                    total.add(Resources(kube: capacity))
                } else {
                    total.add(Resources(kube: claim.spec.resources?.requests))
                }
            }
            return (total, count)
        }
    }
}
