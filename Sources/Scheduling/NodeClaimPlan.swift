/// A NodeClaim being built during one solve: the requirements narrowed so far, the candidate
/// instance types still able to hold every pod, and the pods. Requirements only narrow and the
/// candidate set only shrinks as pods are added; the solver relies on that monotonicity.
struct NodeClaimPlan: Sendable {
    /// Index of the NodePool in the solver's pool order.
    let pool: Int
    /// Hostname domain slot (existing nodes come first).
    let slot: Int
    /// Template ∧ pods' requirements ∧ topology narrowing.
    var requirements: Requirements
    /// Candidate instance types (catalogue indices).
    var types: InstanceTypeSet
    /// Types allowed when the plan was opened (pool, first pod, limits), before any packing cap; the
    /// final candidate list is drawn from these.
    var allowedTypes: InstanceTypeSet
    /// Sum of the placed pods' requests (daemon overhead is folded into per-type allocatable).
    var requests: Resources = .zero {
        didSet { updateHeadroom() }
    }
    /// Element-wise maximum allocatable over `types`, for a cheap first rejection test.
    var maxAllocatable: Resources {
        didSet { updateHeadroom() }
    }
    /// `maxAllocatable - requests` for cpu, memory and pods: the allocation-free first test.
    var headroom: (cpu: Int64, memory: Int64, pods: Int64) = (0, 0, 0)

    mutating func updateHeadroom() {
        headroom = (maxAllocatable.cpu - requests.cpu, maxAllocatable.memory - requests.memory,
                    maxAllocatable.pods - requests.pods)
    }
    /// Hourly price of the cheapest candidate under `requirements`.
    var price: Double = 0
    /// Host ports bound by placed pods and compatible daemonsets.
    var hostPorts: [HostPort]
    /// Placed pods (indices into the input).
    var pods: [Int] = []
    /// Variants known to leave `requirements` unchanged (cleared whenever they change).
    var neutralVariants: [Int] = []
}

/// An existing node as the solver tracks it during one solve.
struct ExistingNodeState: Sendable {
    let input: ExistingNode
    let requirements: Requirements
    var requested: Resources
    var hostPorts: [HostPort]
    var pods: [Int] = []
}
