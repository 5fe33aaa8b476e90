/// A pod as the solver sees it: identity, resource requests per container, and every scheduling
/// constraint. This is Scheduling's own compact input type, independent of the Kubernetes API model
/// (an adapter from KubeModel objects builds it).
package struct SchedulingPod: Sendable, Hashable {
    /// Pod UID (unique; the last FFD tie-breaker).
    package var uid: String
    /// Pod name.
    package var name: String
    /// Namespace.
    package var namespace: String
    /// Creation time in any monotone unit (seconds since the epoch suffice); FFD tie-breaker.
    package var creationTime: Int64
    /// Priority (carried through; the solver does not preempt).
    package var priority: Int32
    /// Pod labels (topology selectors match them).
    package var labels: [String: String]
    /// Regular containers' requests.
    package var containers: [Resources]
    /// Init containers in order; `sidecar` marks `restartPolicy: Always`.
    package var initContainers: [InitContainer]
    /// `spec.overhead` (RuntimeClass).
    package var overhead: Resources
    /// `spec.nodeSelector`.
    package var nodeSelector: [String: String]
    /// Required node affinity terms (ORed); each term's requirements are ANDed.
    package var requiredNodeAffinity: [[RequirementSpec]]
    /// Preferred node affinity terms.
    package var preferredNodeAffinity: [WeightedNodeTerm]
    /// Required pod affinity terms.
    package var requiredPodAffinity: [PodAffinityTerm]
    /// Preferred pod affinity terms.
    package var preferredPodAffinity: [WeightedPodAffinityTerm]
    /// Required pod anti-affinity terms.
    package var requiredPodAntiAffinity: [PodAffinityTerm]
    /// Preferred pod anti-affinity terms.
    package var preferredPodAntiAffinity: [WeightedPodAffinityTerm]
    /// Tolerations.
    package var tolerations: [Toleration]
    /// Topology spread constraints.
    package var topologySpread: [TopologySpreadConstraint]
    /// Host ports of all containers.
    package var hostPorts: [HostPort]
    /// Volume topology (bound PV node affinity, StorageClass allowed topologies), ANDed; kept apart
    /// from node affinity so that topology-spread domain counting ignores it.
    package var volumeRequirements: [RequirementSpec]

    /// Creates a pod; everything but the identity has an empty default.
    package init(uid: String, name: String? = nil, namespace: String = "default", creationTime: Int64 = 0,
                 priority: Int32 = 0, labels: [String: String] = [:], containers: [Resources] = [],
                 initContainers: [InitContainer] = [], overhead: Resources = .zero,
                 nodeSelector: [String: String] = [:], requiredNodeAffinity: [[RequirementSpec]] = [],
                 preferredNodeAffinity: [WeightedNodeTerm] = [], requiredPodAffinity: [PodAffinityTerm] = [],
                 preferredPodAffinity: [WeightedPodAffinityTerm] = [],
                 requiredPodAntiAffinity: [PodAffinityTerm] = [],
                 preferredPodAntiAffinity: [WeightedPodAffinityTerm] = [], tolerations: [Toleration] = [],
                 topologySpread: [TopologySpreadConstraint] = [], hostPorts: [HostPort] = [],
                 volumeRequirements: [RequirementSpec] = []) {
        self.uid = uid
        self.name = name ?? uid
        self.namespace = namespace
        self.creationTime = creationTime
        self.priority = priority
        self.labels = labels
        self.containers = containers
        self.initContainers = initContainers
        self.overhead = overhead
        self.nodeSelector = nodeSelector
        self.requiredNodeAffinity = requiredNodeAffinity
        self.preferredNodeAffinity = preferredNodeAffinity
        self.requiredPodAffinity = requiredPodAffinity
        self.preferredPodAffinity = preferredPodAffinity
        self.requiredPodAntiAffinity = requiredPodAntiAffinity
        self.preferredPodAntiAffinity = preferredPodAntiAffinity
        self.tolerations = tolerations
        self.topologySpread = topologySpread
        self.hostPorts = hostPorts
        self.volumeRequirements = volumeRequirements
    }

    /// Requests as upstream computes them (Kubernetes `PodRequests`, sidecar-aware): the larger of
    /// (containers + sidecars) and the peak of any init container together with the sidecars started
    /// before it, plus overhead, plus one pod.
    package var requests: Resources {
        var total = Resources.zero
        for container in containers { total.add(container) }
        var sidecars = Resources.zero
        var initPeak = Resources.zero
        for initContainer in initContainers {
            if initContainer.sidecar {
                total.add(initContainer.requests)
                sidecars.add(initContainer.requests)
                initPeak = Resources.max(initPeak, sidecars)
            } else {
                initPeak = Resources.max(initPeak, initContainer.requests + sidecars)
            }
        }
        var requests = Resources.max(total, initPeak)
        requests.add(overhead)
        requests.pods += 1000
        return requests
    }

    /// This pod with identity fields blanked: pods with equal keys are interchangeable for the solver.
    var equivalenceKey: SchedulingPod {
        var key = self
        key.uid = ""
        key.name = ""
        key.creationTime = 0
        key.priority = 0
        return key
    }
}

/// An init container's requests and whether it is a sidecar (`restartPolicy: Always`).
package struct InitContainer: Sendable, Hashable {
    /// Requests.
    package var requests: Resources
    /// True for `restartPolicy: Always`.
    package var sidecar: Bool

    /// Creates an init container.
    package init(requests: Resources, sidecar: Bool = false) {
        self.requests = requests
        self.sidecar = sidecar
    }
}

/// A preferred node affinity term.
package struct WeightedNodeTerm: Sendable, Hashable {
    /// Weight 1..100.
    package var weight: Int32
    /// Requirements, ANDed.
    package var requirements: [RequirementSpec]

    /// Creates a term.
    package init(weight: Int32, requirements: [RequirementSpec]) {
        self.weight = weight
        self.requirements = requirements
    }
}

/// A pod (anti-)affinity term. Namespaces: the listed ones plus those whose labels match
/// `namespaceSelector` (labels come from `SchedulingInput.namespaceLabels`); both empty/nil means the
/// pod's own namespace.
package struct PodAffinityTerm: Sendable, Hashable {
    /// Selects the pods the term refers to.
    package var labelSelector: LabelSelector
    /// Topology key (e.g. zone or hostname).
    package var topologyKey: String
    /// Explicit namespaces.
    package var namespaces: [String]
    /// Namespace selector; an empty selector means all namespaces.
    package var namespaceSelector: LabelSelector?

    /// Creates a term.
    package init(labelSelector: LabelSelector, topologyKey: String, namespaces: [String] = [],
                 namespaceSelector: LabelSelector? = nil) {
        self.labelSelector = labelSelector
        self.topologyKey = topologyKey
        self.namespaces = namespaces
        self.namespaceSelector = namespaceSelector
    }
}

/// A preferred pod (anti-)affinity term.
package struct WeightedPodAffinityTerm: Sendable, Hashable {
    /// Weight 1..100.
    package var weight: Int32
    /// The term.
    package var term: PodAffinityTerm

    /// Creates a term.
    package init(weight: Int32, term: PodAffinityTerm) {
        self.weight = weight
        self.term = term
    }
}

/// A topology spread constraint.
package struct TopologySpreadConstraint: Sendable, Hashable {
    /// `DoNotSchedule` (hard) or `ScheduleAnyway` (a preference, relaxed last but one).
    package enum WhenUnsatisfiable: String, Sendable, Hashable {
        case doNotSchedule = "DoNotSchedule"
        case scheduleAnyway = "ScheduleAnyway"
    }

    /// Maximum allowed difference between a domain's count and the global minimum.
    package var maxSkew: Int
    /// Topology key.
    package var topologyKey: String
    /// Hard or soft.
    package var whenUnsatisfiable: WhenUnsatisfiable
    /// Pods counted.
    package var labelSelector: LabelSelector
    /// When fewer eligible domains exist, the global minimum is taken as 0.
    package var minDomains: Int?
    /// Keys whose values on the incoming pod are added to the selector.
    package var matchLabelKeys: [String]

    /// Creates a constraint.
    package init(maxSkew: Int = 1, topologyKey: String, whenUnsatisfiable: WhenUnsatisfiable = .doNotSchedule,
                 labelSelector: LabelSelector, minDomains: Int? = nil, matchLabelKeys: [String] = []) {
        self.maxSkew = maxSkew
        self.topologyKey = topologyKey
        self.whenUnsatisfiable = whenUnsatisfiable
        self.labelSelector = labelSelector
        self.minDomains = minDomains
        self.matchLabelKeys = matchLabelKeys
    }
}
