import KubeClient
import KubeModel

extension ClusterState {
    /// Replaces the whole picture with a fresh list of every object kind the controllers track.
    /// Used at start-up (and by tests); informers keep it current afterwards. Tombstones of UIDs the
    /// list shows alive are dropped (the list is the server's word); the others are kept so a late
    /// apply of an object deleted before the list still cannot resurrect it.
    package func resync(from api: any KubeAPI) async throws {
        let nodes = try await api.listAll(Node.self).items
        let claims = try await api.listAll(NodeClaim.self).items
        let pods = try await api.listAll(Pod.self).items
        let daemonSets = try await api.listAll(DaemonSet.self).items
        let pools = try await api.listAll(NodePool.self).items
        let namespaces = try await api.listAll(Namespace.self).items
        var alive = Set<String>()
        func note(_ metadata: ObjectMeta) { if let uid = metadata.uid { alive.insert(uid) } }
        nodes.forEach { note($0.metadata) }
        claims.forEach { note($0.metadata) }
        pods.forEach { note($0.metadata) }
        daemonSets.forEach { note($0.metadata) }
        pools.forEach { note($0.metadata) }
        namespaces.forEach { note($0.metadata) }
        state.withLock { state in
            let nominations = state.nominations
            var tombstones = state.tombstones
            tombstones.remove(alive)
            state = State()
            state.tombstones = tombstones
            for node in nodes {
                state.nodes[node.metadata.key] = node
                Self.reindex(&state.nodesByProviderID, key: node.metadata.key, from: nil, to: node.spec.providerID)
            }
            for claim in claims {
                state.nodeClaims[claim.metadata.key] = claim
                Self.reindex(&state.nodeClaimsByProviderID, key: claim.metadata.key, from: nil, to: claim.status?.providerID)
            }
            for pod in pods { state.pods[pod.metadata.key] = pod }
            for daemonSet in daemonSets { state.daemonSets[daemonSet.metadata.key] = daemonSet }
            for pool in pools { state.nodePools[pool.metadata.key] = pool }
            for namespace in namespaces { state.namespaces[namespace.metadata.key] = namespace }
            state.nominations = nominations.filter { key, claim in
                state.nodeClaims[claim] != nil && state.pods[key].map { !$0.isBound } == true
            }
        }
    }

    /// How many deleted UIDs are currently remembered (for tests and health reporting).
    package var tombstoneCount: Int { state.withLock { $0.tombstones.count } }
}
