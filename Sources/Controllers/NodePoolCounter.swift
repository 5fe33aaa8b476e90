import ControllerRuntime
import Foundation
import KubeClient
import KubeModel

/// Keeps a NodePool's status current: `status.resources` is the summed capacity of its NodeClaims
/// plus a `nodes` count, and the conditions are upstream's: `ValidationSucceeded` (the pool passes
/// ``NodePool/validate()``), `NodeClassReady` (the referenced EC2NodeClass exists, is not being
/// deleted and, when it reports `Ready`, is Ready) and the root `Ready` = both True. The
/// provisioner skips pools whose `Ready` is False, so a pool without its node class launches nothing.
///
/// There is no EC2NodeClass status controller yet, so a node class without a `Ready` condition
/// counts as ready. Nothing watches EC2NodeClasses either: while `NodeClassReady` is not True the
/// pool is rechecked every ``nodeClassRecheck``.
package struct NodePoolCounter: Reconciler {
    let api: any KubeAPI
    let state: ClusterState
    let clock: any ControllerClock
    /// How soon a pool whose node class is missing or not ready is looked at again.
    package var nodeClassRecheck: Duration = .seconds(10)

    /// Creates the controller.
    package init(api: any KubeAPI, state: ClusterState, clock: any ControllerClock) {
        self.api = api
        self.state = state
        self.clock = clock
    }

    /// Writes the NodePool's status when the counted values or a condition changed.
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
        var conditionsChanged = false
        var nodeClassReady = true
        if !pool.metadata.isDeleting {
            let now = KubeTime(clock.now)
            let generation = pool.metadata.generation
            let dependents = [Self.validation(of: pool), try await nodeClassReadiness(of: pool)]
            for condition in dependents {
                conditionsChanged = conditions.set(condition.type, status: condition.status, reason: condition.reason,
                                                   message: condition.message, observedGeneration: generation, now: now)
                    || conditionsChanged
            }
            nodeClassReady = dependents[1].status == .true
            let root = Self.root(of: dependents)
            conditionsChanged = conditions.set(NodePoolConditionType.ready, status: root.status, reason: root.reason,
                                               message: root.message, observedGeneration: generation, now: now)
                || conditionsChanged
        }
        let result = nodeClassReady ? ReconcileResult.done : ReconcileResult(requeueAfter: nodeClassRecheck)
        guard conditionsChanged || status.resources != resources else { return result }
        status.resources = resources
        status.conditions = conditions
        pool.status = status
        state.apply(try await api.updateStatus(pool))
        return result
    }

    /// `ValidationSucceeded`: True, or False with every field error.
    static func validation(of pool: NodePool) -> Condition {
        let errors = pool.validate()
        guard errors.isEmpty else {
            return Condition(type: NodePoolConditionType.validationSucceeded, status: .false, reason: "NodePoolValidationFailed",
                             message: errors.map(\.description).joined(separator: "; "))
        }
        return Condition(type: NodePoolConditionType.validationSucceeded, status: .true,
                         reason: NodePoolConditionType.validationSucceeded)
    }

    /// `NodeClassReady` from the referenced EC2NodeClass.
    func nodeClassReadiness(of pool: NodePool) async throws -> Condition {
        let type = NodePoolConditionType.nodeClassReady
        let reference = pool.spec.template.spec.nodeClassRef
        guard [EC2NodeClass.resourceType.group, ""].contains(reference.group),
              [EC2NodeClass.resourceType.kind, ""].contains(reference.kind) else {
            return Condition(type: type, status: .false, reason: "NodeClassNotFound",
                             message: "NodeClass kind \(reference.kind) in group \(reference.group) is not supported; use EC2NodeClass")
        }
        let nodeClass: EC2NodeClass
        do {
            nodeClass = try await api.get(EC2NodeClass.self, name: reference.name)
        } catch KubeError.notFound {
            return Condition(type: type, status: .false, reason: "NodeClassNotFound",
                             message: "EC2NodeClass \(reference.name) not found on cluster")
        }
        if nodeClass.metadata.isDeleting {
            return Condition(type: type, status: .false, reason: "NodeClassTerminating",
                             message: "EC2NodeClass \(reference.name) is terminating")
        }
        switch nodeClass.status?.conditions?.condition(NodePoolConditionType.ready)?.status {
        case .false?:
            let ready = nodeClass.status?.conditions?.condition(NodePoolConditionType.ready)
            return Condition(type: type, status: .false, reason: ready?.reason ?? "NodeClassNotReady", message: ready?.message)
        case .unknown?:
            return Condition(type: type, status: .false, reason: "NodeClassReadinessUnknown",
                             message: "EC2NodeClass \(reference.name) readiness unknown")
        case .true?, nil:
            return Condition(type: type, status: .true, reason: type)
        }
    }

    /// The root `Ready`: True when every dependent is True; otherwise False when one is False
    /// (Unknown when none is), reason `UnhealthyDependents`, listing the unhealthy ones.
    static func root(of dependents: [Condition]) -> Condition {
        let unhealthy = dependents.filter { $0.status != .true }
        guard !unhealthy.isEmpty else {
            return Condition(type: NodePoolConditionType.ready, status: .true, reason: NodePoolConditionType.ready)
        }
        return Condition(type: NodePoolConditionType.ready, status: unhealthy.contains { $0.status == .false } ? .false : .unknown,
                         reason: "UnhealthyDependents",
                         message: unhealthy.map { "\($0.type)=\($0.status.rawValue)" }.joined(separator: ", "))
    }
}
