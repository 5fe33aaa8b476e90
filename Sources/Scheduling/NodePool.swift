/// The parts of a NodePool the solver needs: its template (requirements, labels, taints) and limits.
package struct SchedulingNodePool: Sendable, Hashable {
    /// NodePool name; also the `karpenter.sh/nodepool` label value.
    package var name: String
    /// Higher weight is tried first; ties are ordered by name descending, as upstream does.
    package var weight: Int32
    /// Template requirements.
    package var requirements: [RequirementSpec]
    /// Template labels (become `In [value]` requirements).
    package var labels: [String: String]
    /// Template taints; pods must tolerate them.
    package var taints: [Taint]
    /// Startup taints; ignored for scheduling.
    package var startupTaints: [Taint]
    /// Resource limits over node capacity, by resource name (`cpu`, `memory`, `ephemeral-storage`,
    /// `pods` or an extended name) in milli-units; nil (or a missing name) means unlimited.
    package var limits: [String: Int64]?
    /// Limit on the number of nodes; nil when unlimited.
    package var nodeLimit: Int?
    /// Capacity already used by this pool's nodes (counted against `limits`).
    package var usage: Resources
    /// Nodes this pool already owns (counted against `nodeLimit`).
    package var nodeCount: Int
    /// Names of the instance types this pool may launch; nil means every type in the input.
    package var instanceTypeNames: [String]?

    /// Creates a NodePool.
    package init(name: String, weight: Int32 = 0, requirements: [RequirementSpec] = [], labels: [String: String] = [:],
                 taints: [Taint] = [], startupTaints: [Taint] = [], limits: [String: Int64]? = nil, nodeLimit: Int? = nil,
                 usage: Resources = .zero, nodeCount: Int = 0, instanceTypeNames: [String]? = nil) {
        self.name = name
        self.weight = weight
        self.requirements = requirements
        self.labels = labels
        self.taints = taints
        self.startupTaints = startupTaints
        self.limits = limits
        self.nodeLimit = nodeLimit
        self.usage = usage
        self.nodeCount = nodeCount
        self.instanceTypeNames = instanceTypeNames
    }
}

/// A live node or an in-flight NodeClaim the solver may place pods on.
package struct ExistingNode: Sendable, Hashable {
    /// Node (or NodeClaim) name.
    package var name: String
    /// Labels (in-flight claims: the labels they will have).
    package var labels: [String: String]
    /// Taints (startup taints excluded by the caller).
    package var taints: [Taint]
    /// Allocatable (in-flight claims: the estimate).
    package var allocatable: Resources
    /// Requests already bound or nominated, including daemonset pods expected but not yet running.
    package var requested: Resources
    /// Host ports in use.
    package var hostPortsUsed: [HostPort]
    /// Pods already on the node, for topology counting and inverse anti-affinity.
    package var pods: [ExistingPod]
    /// Initialized nodes are tried before uninitialized ones and in-flight claims.
    package var initialized: Bool

    /// Creates an existing node.
    package init(name: String, labels: [String: String] = [:], taints: [Taint] = [], allocatable: Resources,
                 requested: Resources = .zero, hostPortsUsed: [HostPort] = [], pods: [ExistingPod] = [],
                 initialized: Bool = true) {
        self.name = name
        self.labels = labels
        self.taints = taints
        self.allocatable = allocatable
        self.requested = requested
        self.hostPortsUsed = hostPortsUsed
        self.pods = pods
        self.initialized = initialized
    }
}

/// A pod already running on an existing node.
package struct ExistingPod: Sendable, Hashable {
    /// Namespace.
    package var namespace: String
    /// Labels.
    package var labels: [String: String]
    /// Its required anti-affinity terms (honoured in reverse against incoming pods).
    package var requiredPodAntiAffinity: [PodAffinityTerm]

    /// Creates an existing pod.
    package init(namespace: String = "default", labels: [String: String] = [:],
                 requiredPodAntiAffinity: [PodAffinityTerm] = []) {
        self.namespace = namespace
        self.labels = labels
        self.requiredPodAntiAffinity = requiredPodAntiAffinity
    }
}
