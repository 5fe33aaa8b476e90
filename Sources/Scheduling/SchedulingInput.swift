/// Everything one solve needs: a snapshot value, so that solving is pure and deterministic.
package struct SchedulingInput: Sendable {
    /// Pending pods to place.
    package var pods: [SchedulingPod]
    /// Live nodes and in-flight NodeClaims.
    package var existingNodes: [ExistingNode]
    /// NodePools (any order; the solver orders them by weight, then name descending).
    package var nodePools: [SchedulingNodePool]
    /// The instance type catalogue NodePools draw from.
    package var instanceTypes: [InstanceType]
    /// One representative pod per DaemonSet; compatible ones add overhead to every new node.
    package var daemonSetPods: [SchedulingPod]
    /// Namespace labels, for namespace selectors in affinity terms.
    package var namespaceLabels: [String: [String: String]]
    /// Instance types kept per new NodeClaim after cheapest-first ordering (upstream 1.0: 60).
    package var maxInstanceTypes: Int
    /// How pods join open plans.
    package var packing: Packing = .cheapest(maxPods: 200)

    /// How a pod chooses between an open plan and a plan of its own.
    package enum Packing: Sendable, Hashable {
        /// Upstream's rule: the first open plan with any candidate type that still fits.
        case firstFit
        /// Join an open plan only when its price grows by no more than a node of the pod's own.
        case costAware
        /// Each new plan is capped at the most cost-efficient type for the pending demand.
        case targetCapped
        /// Solve with every rule and keep the cheaper result (ties: first fit) when the batch has at
        /// most `maxPods` pods; larger batches use target-capped packing.
        case cheapest(maxPods: Int)
    }

    /// Creates an input.
    package init(pods: [SchedulingPod], existingNodes: [ExistingNode] = [], nodePools: [SchedulingNodePool],
                 instanceTypes: [InstanceType], daemonSetPods: [SchedulingPod] = [],
                 namespaceLabels: [String: [String: String]] = [:], maxInstanceTypes: Int = 60) {
        self.pods = pods
        self.existingNodes = existingNodes
        self.nodePools = nodePools
        self.instanceTypes = instanceTypes
        self.daemonSetPods = daemonSetPods
        self.namespaceLabels = namespaceLabels
        self.maxInstanceTypes = maxInstanceTypes
    }
}
