/// The outcome of one solve: new NodeClaims to create, pods placed on existing nodes, and a typed
/// failure per pod that could not be placed. Deterministic for a given input.
package struct SchedulingResult: Sendable, Hashable {
    /// New NodeClaims in creation order.
    package var newNodeClaims: [NewNodeClaim]
    /// Existing nodes that received pods, in the solver's node order.
    package var existingNodePlacements: [ExistingNodePlacement]
    /// Pods that could not be placed, in the order they were last tried.
    package var failures: [PodFailure]

    /// Creates a result.
    package init(newNodeClaims: [NewNodeClaim], existingNodePlacements: [ExistingNodePlacement], failures: [PodFailure]) {
        self.newNodeClaims = newNodeClaims
        self.existingNodePlacements = existingNodePlacements
        self.failures = failures
    }

    /// Total hourly price of the new NodeClaims (cheapest offering of their cheapest type).
    package var hourlyPrice: Double { newNodeClaims.reduce(0) { $0 + $1.price } }
}

/// A NodeClaim the solver wants created.
package struct NewNodeClaim: Sendable, Hashable {
    /// Owning NodePool.
    package var nodePool: String
    /// Requirements for the NodeClaim: template, pods' and topology narrowing, plus
    /// `node.kubernetes.io/instance-type In [...]` and `karpenter.sh/capacity-type In [...]`.
    package var requirements: [RequirementSpec]
    /// Candidate instance types, cheapest first, truncated.
    package var instanceTypeNames: [String]
    /// UIDs of the pods placed on it, in placement order.
    package var podUIDs: [String]
    /// Sum of pod requests plus the smallest daemonset overhead among the candidate types.
    package var requests: Resources
    /// Hourly price of the cheapest compatible available offering among the candidates.
    package var price: Double
    /// Allocatable of the cheapest candidate type (for utilisation reporting).
    package var cheapestAllocatable: Resources
}

/// Pods placed on one existing node.
package struct ExistingNodePlacement: Sendable, Hashable {
    /// Node name.
    package var nodeName: String
    /// UIDs in placement order.
    package var podUIDs: [String]
}

/// A pod that could not be placed.
package struct PodFailure: Sendable, Hashable {
    /// Pod UID.
    package var uid: String
    /// Why.
    package var failure: SchedulingFailure
}
