import KubeClient
import KubeModel

extension ClusterState {
    /// Replaces the whole picture with a fresh list of every object kind the controllers track.
    /// Used at start-up (and by tests); informers keep it current afterwards.
    package func resync(from api: any KubeAPI) async throws {
        let nodes = try await api.listAll(Node.self).items
        let claims = try await api.listAll(NodeClaim.self).items
        let pods = try await api.listAll(Pod.self).items
        let daemonSets = try await api.listAll(DaemonSet.self).items
        let pools = try await api.listAll(NodePool.self).items
        state.withLock { state in
            let nominations = state.nominations
            state = State()
            for node in nodes { state.nodes[node.metadata.key] = node }
            for claim in claims { state.nodeClaims[claim.metadata.key] = claim }
            for pod in pods { state.pods[pod.metadata.key] = pod }
            for daemonSet in daemonSets { state.daemonSets[daemonSet.metadata.key] = daemonSet }
            for pool in pools { state.nodePools[pool.metadata.key] = pool }
            state.nominations = nominations.filter { key, claim in
                state.nodeClaims[claim] != nil && state.pods[key].map { !$0.isBound } == true
            }
        }
    }
}
