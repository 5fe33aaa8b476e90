/// Why a pod could not be placed, with upstream's message text (`message`), so that events and log
/// lines read like Karpenter's.
package indirect enum SchedulingFailure: Sendable, Hashable, Error {
    /// Pod requirements conflict with a NodePool template or node (`detail` from `RequirementConflict`).
    case incompatibleRequirements(detail: String)
    /// A taint the pod does not tolerate.
    case untoleratedTaint(Taint)
    /// A host port already taken on the node.
    case hostPortConflict(HostPort)
    /// No instance type satisfied both the requirements and the requests.
    case noInstanceTypeMet(requirements: String, resources: String)
    /// The instance types that fit would all breach the NodePool's resource limits.
    case allInstanceTypesExceedLimits(nodePool: String)
    /// The NodePool's node-count limit is used up.
    case nodeLimitExhausted(nodePool: String)
    /// A topology constraint cannot be met.
    case unsatisfiableTopology(kind: String, key: String, detail: String)
    /// Candidate instance types do not keep the required number of distinct values for a key.
    case minValuesNotMet(key: String, required: Int, found: Int)
    /// No existing node fit and no NodePool is configured.
    case noNodePools
    /// Every NodePool failed; one failure per pool in the order tried.
    case noNodePoolFits([NodePoolFailure])

    /// The failure of one NodePool.
    package struct NodePoolFailure: Sendable, Hashable {
        /// NodePool name.
        package var nodePool: String
        /// Why it could not take the pod.
        package var failure: SchedulingFailure
    }

    /// Upstream's message text.
    package var message: String {
        switch self {
        case let .incompatibleRequirements(detail): return "incompatible requirements, \(detail)"
        case let .untoleratedTaint(taint): return taint.untoleratedMessage
        case let .hostPortConflict(port):
            return "checking host port usage, \(port.description) conflicts with existing HostPort configuration"
        case let .noInstanceTypeMet(requirements, resources):
            return "no instance type met the scheduling requirements or had enough resources, "
                + "requirements=\(requirements), resources=\(resources)"
        case let .allInstanceTypesExceedLimits(pool):
            return "all available instance types exceed limits for nodepool: \"\(pool)\""
        case let .nodeLimitExhausted(pool): return "node limits have been exhausted for nodepool \"\(pool)\""
        case let .unsatisfiableTopology(kind, key, detail):
            return "unsatisfiable topology constraint for \(kind), key=\(key) (\(detail))"
        case let .minValuesNotMet(key, required, found):
            return "minValues requirement is not met for label(s) (label: \"\(key)\", requirement: \(required), "
                + "found: \(found))"
        case .noNodePools: return "no nodepools found"
        case let .noNodePoolFits(failures):
            return failures.map { "nodepool \"\($0.nodePool)\": \($0.failure.message)" }.joined(separator: "; ")
        }
    }
}
