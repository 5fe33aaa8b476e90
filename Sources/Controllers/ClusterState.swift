import Foundation
import KubeModel
import Scheduling
import Synchronization

/// The controllers' shared picture of the cluster: Nodes, NodeClaims (including in-flight ones
/// without a Node yet), Pods with their bindings, DaemonSets, NodePools and the provisioner's
/// nominations. Fed by informers and by controllers applying their own write results (or a full
/// resync); read synchronously under one lock.
///
/// Both feeds race, so an update can arrive after a newer one, or after the object's deletion.
/// `apply` therefore keeps the stored version when the incoming one of the same UID is older
/// (resourceVersions are etcd revisions, compared as unsigned integers; a version that does not
/// parse is accepted), and ignores objects whose UID was seen deleted (tombstones, at most
/// ``tombstoneLimit`` kept, the most recent half always).
///
/// Invariant: every map is keyed by the object's `metadata.key`; the provider-ID indexes hold exactly
/// the keys of the stored objects with that provider ID; nothing slow runs under the lock.
package final class ClusterState: Sendable {
    struct State {
        var nodes: [String: Node] = [:]
        var nodeClaims: [String: NodeClaim] = [:]
        var pods: [String: Pod] = [:]
        /// Namespaces, for affinity terms that select namespaces by label.
        var namespaces: [String: Namespace] = [:]
        var daemonSets: [String: DaemonSet] = [:]
        var nodePools: [String: NodePool] = [:]
        /// Pod key → NodeClaim name the provisioner expects the pod to land on.
        var nominations: [String: String] = [:]
        /// `spec.providerID` → keys of the Nodes carrying it (normally one).
        var nodesByProviderID: [String: Set<String>] = [:]
        /// `status.providerID` → keys of the NodeClaims carrying it (normally one).
        var nodeClaimsByProviderID: [String: Set<String>] = [:]
        /// UIDs of objects seen deleted, oldest first.
        var tombstones = Tombstones()
    }

    /// A bounded set of deleted UIDs in two generations: when the newer one holds half the limit it
    /// becomes the older one and the previous older generation is forgotten. At most `limit` UIDs are
    /// kept, and the most recent `limit / 2` deletions are always remembered.
    struct Tombstones {
        private var recent: Set<String> = []
        private var older: Set<String> = []

        /// Records `uid` as deleted.
        mutating func insert(_ uid: String?, limit: Int) {
            guard let uid, !uid.isEmpty, !contains(uid) else { return }
            if recent.count >= max(limit / 2, 1) {
                older = recent
                recent = []
            }
            recent.insert(uid)
        }

        /// Whether `uid` was seen deleted.
        func contains(_ uid: String?) -> Bool {
            guard let uid else { return false }
            return recent.contains(uid) || older.contains(uid)
        }

        /// Forgets the tombstones of `uids` (objects a fresh list shows alive).
        mutating func remove(_ uids: Set<String>) {
            recent.subtract(uids)
            older.subtract(uids)
        }

        /// How many UIDs are remembered.
        var count: Int { recent.count + older.count }
    }

    let state = Mutex(State())

    /// How many deleted UIDs are remembered; older deletions can no longer block a late apply.
    package let tombstoneLimit: Int

    /// An empty state; fill it with `apply` / `remove` or `ClusterState.resync(from:)`.
    /// `tombstoneLimit` bounds the memory spent on deleted UIDs.
    package init(tombstoneLimit: Int = 10_000) { self.tombstoneLimit = max(tombstoneLimit, 1) }

    /// Whether `incoming` may replace `stored`: not a deleted UID, and not older than the stored
    /// version of the same UID. Versions compare as unsigned integers; when either does not parse
    /// the incoming object is accepted (the server's versions are opaque to clients in principle).
    static func admits(_ incoming: ObjectMeta, over stored: ObjectMeta?, tombstones: Tombstones) -> Bool {
        if tombstones.contains(incoming.uid) { return false }
        guard let stored, stored.uid == incoming.uid,
              let old = stored.resourceVersion.flatMap(UInt64.init), let new = incoming.resourceVersion.flatMap(UInt64.init)
        else { return true }
        return new >= old
    }

    /// Records `node` unless it is older than the stored version or was deleted.
    package func apply(_ node: Node) {
        state.withLock { state in
            let key = node.metadata.key
            let stored = state.nodes[key]
            guard Self.admits(node.metadata, over: stored?.metadata, tombstones: state.tombstones) else { return }
            Self.reindex(&state.nodesByProviderID, key: key, from: stored?.spec.providerID, to: node.spec.providerID)
            state.nodes[key] = node
        }
    }

    /// Records `nodeClaim` unless it is older than the stored version or was deleted.
    package func apply(_ nodeClaim: NodeClaim) {
        state.withLock { state in
            let key = nodeClaim.metadata.key
            let stored = state.nodeClaims[key]
            guard Self.admits(nodeClaim.metadata, over: stored?.metadata, tombstones: state.tombstones) else { return }
            Self.reindex(&state.nodeClaimsByProviderID, key: key, from: stored?.status?.providerID, to: nodeClaim.status?.providerID)
            state.nodeClaims[key] = nodeClaim
        }
    }

    /// Records `pod` unless it is older than the stored version or was deleted; a bound pod loses
    /// its nomination.
    package func apply(_ pod: Pod) {
        state.withLock { state in
            let key = pod.metadata.key
            guard Self.admits(pod.metadata, over: state.pods[key]?.metadata, tombstones: state.tombstones) else { return }
            state.pods[key] = pod
            if pod.isBound { state.nominations[key] = nil }
        }
    }

    /// Records `daemonSet` unless it is older than the stored version or was deleted.
    package func apply(_ daemonSet: DaemonSet) { applyObject(daemonSet, to: \.daemonSets) }

    /// Records `nodePool` unless it is older than the stored version or was deleted.
    package func apply(_ nodePool: NodePool) { applyObject(nodePool, to: \.nodePools) }

    /// Whether a deletion of `deleted` removes `stored`: a stale deletion of an older object with the
    /// same name (a different UID) must not remove its successor.
    private static func removes(_ deleted: ObjectMeta, stored: ObjectMeta?) -> Bool {
        guard let stored else { return false }
        guard let storedUID = stored.uid, let deletedUID = deleted.uid else { return true }
        return storedUID == deletedUID
    }

    /// Forgets a deleted Node and remembers its UID.
    package func remove(_ node: Node) {
        state.withLock { state in
            state.tombstones.insert(node.metadata.uid, limit: tombstoneLimit)
            let key = node.metadata.key
            guard let stored = state.nodes[key], Self.removes(node.metadata, stored: stored.metadata) else { return }
            Self.reindex(&state.nodesByProviderID, key: key, from: stored.spec.providerID, to: nil)
            state.nodes[key] = nil
        }
    }

    /// Forgets a deleted NodeClaim and the nominations pointing at it, and remembers its UID.
    package func remove(_ nodeClaim: NodeClaim) {
        state.withLock { state in
            state.tombstones.insert(nodeClaim.metadata.uid, limit: tombstoneLimit)
            let key = nodeClaim.metadata.key
            guard let stored = state.nodeClaims[key], Self.removes(nodeClaim.metadata, stored: stored.metadata) else { return }
            Self.reindex(&state.nodeClaimsByProviderID, key: key, from: stored.status?.providerID, to: nil)
            state.nodeClaims[key] = nil
            let name = nodeClaim.metadata.name
            state.nominations = state.nominations.filter { $0.value != name }
        }
    }

    /// Forgets a deleted Pod and its nomination, and remembers its UID.
    package func remove(_ pod: Pod) {
        state.withLock { state in
            state.tombstones.insert(pod.metadata.uid, limit: tombstoneLimit)
            let key = pod.metadata.key
            guard Self.removes(pod.metadata, stored: state.pods[key]?.metadata) else { return }
            state.pods[key] = nil
            state.nominations[key] = nil
        }
    }

    /// Forgets a deleted DaemonSet and remembers its UID.
    package func remove(_ daemonSet: DaemonSet) { removeObject(daemonSet, from: \.daemonSets) }

    /// Forgets a deleted NodePool and remembers its UID.
    package func remove(_ nodePool: NodePool) { removeObject(nodePool, from: \.nodePools) }

    /// Records `namespace` (its labels feed `namespaceSelector` terms) unless it is stale or deleted.
    package func apply(_ namespace: Namespace) { applyObject(namespace, to: \.namespaces) }

    /// Forgets a deleted Namespace and remembers its UID.
    package func remove(_ namespace: Namespace) { removeObject(namespace, from: \.namespaces) }

    /// Stores `object` under its key unless ``admits(_:over:tombstones:)`` refuses it.
    private func applyObject<Object: KubeResource>(_ object: Object, to map: WritableKeyPath<State, [String: Object]>) {
        state.withLock { state in
            let key = object.metadata.key
            guard Self.admits(object.metadata, over: state[keyPath: map][key]?.metadata, tombstones: state.tombstones) else { return }
            state[keyPath: map][key] = object
        }
    }

    /// Tombstones `object`'s UID and drops the stored object of its key if it is the same object.
    private func removeObject<Object: KubeResource>(_ object: Object, from map: WritableKeyPath<State, [String: Object]>) {
        state.withLock { state in
            state.tombstones.insert(object.metadata.uid, limit: tombstoneLimit)
            let key = object.metadata.key
            guard Self.removes(object.metadata, stored: state[keyPath: map][key]?.metadata) else { return }
            state[keyPath: map][key] = nil
        }
    }

    /// Moves `key` from the index entry of `old` to that of `new` (nil: not indexed).
    static func reindex(_ index: inout [String: Set<String>], key: String, from old: String?, to new: String?) {
        guard old != new else { return }
        if let old, !old.isEmpty {
            index[old]?.remove(key)
            if index[old]?.isEmpty == true { index[old] = nil }
        }
        if let new, !new.isEmpty { index[new, default: []].insert(key) }
    }

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

    /// The Node whose `spec.providerID` is `providerID`, from an index (O(1)). Should two Nodes carry
    /// the same provider ID (a reused ID on a long-lived API server), the one with the smallest key wins.
    package func node(providerID: String) -> Node? {
        state.withLock { state in state.nodesByProviderID[providerID]?.min().flatMap { state.nodes[$0] } }
    }

    /// The NodeClaim whose `status.providerID` is `providerID` (set once its instance launched), from
    /// an index (O(1)): how a Node event finds its NodeClaim. Ties resolve to the smallest key.
    package func nodeClaim(providerID: String) -> NodeClaim? {
        state.withLock { state in state.nodeClaimsByProviderID[providerID]?.min().flatMap { state.nodeClaims[$0] } }
    }

    /// Resources and count of the NodeClaims of `nodePool`: capacity once launched, else the requests
    /// they were created with. This is what NodePool limits are checked against. NodeClaims being
    /// deleted are counted too: their instance exists (and is billed) until it is terminated, so
    /// leaving them out would let a replacement exceed the limit.
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
