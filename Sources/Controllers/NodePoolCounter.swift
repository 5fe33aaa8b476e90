import ControllerRuntime
import Foundation
import KubeClient
import KubeModel

/// Keeps a NodePool's `status.resources` equal to the summed capacity of its NodeClaims plus a
/// `nodes` count, and sets `Ready` to True when the NodePool is not being deleted (validation
/// and NodeClass readiness are checked elsewhere; this keeps the provisioner's gate simple).
package struct NodePoolCounter: Reconciler {
    let api: any KubeAPI
    let state: ClusterState
    let clock: any ControllerClock

    /// Creates the controller.
    package init(api: any KubeAPI, state: ClusterState, clock: any ControllerClock) {
        self.api = api
        self.state = state
        self.clock = clock
    }

    /// Writes the NodePool's status when the counted values or the Ready condition changed.
    package func reconcile(_ key: String) async throws -> ReconcileResult {
        var pool: NodePool
        do {
            pool = try await api.get(NodePool.self, name: key)
        } catch KubeError.notFound {
            return .done
        }
        let usage = state.usage(of: key)
        var resources = usage.resources.kubeList()
        resources["nodes"] = Quantity(Int64(usage.count))
        for name in ["cpu", "memory", "pods", "ephemeral-storage"] where resources[name] == nil {
            resources[name] = .zero
        }
        var status = pool.status ?? NodePoolStatus()
        var conditions = status.conditions ?? []
        let readyChanged = !pool.metadata.isDeleting && conditions.set(
            NodePoolConditionType.ready, status: .true, reason: "Ready", observedGeneration: pool.metadata.generation,
            now: KubeTime(clock.now))
        guard readyChanged || status.resources != resources else { return .done }
        status.resources = resources
        status.conditions = conditions
        pool.status = status
        state.apply(try await api.updateStatus(pool))
        return .done
    }
}
