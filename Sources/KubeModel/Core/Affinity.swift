/// `core/v1 Affinity`: node affinity, pod affinity and pod anti-affinity.
package struct Affinity: Codable, Sendable, Hashable {
    /// Constraints on node labels.
    package var nodeAffinity: NodeAffinity?
    /// Co-location with matching pods.
    package var podAffinity: PodAffinity?
    /// Separation from matching pods.
    package var podAntiAffinity: PodAffinity?

    /// Creates an affinity.
    package init(nodeAffinity: NodeAffinity? = nil, podAffinity: PodAffinity? = nil, podAntiAffinity: PodAffinity? = nil) {
        self.nodeAffinity = nodeAffinity
        self.podAffinity = podAffinity
        self.podAntiAffinity = podAntiAffinity
    }
}

/// `core/v1 NodeAffinity`.
package struct NodeAffinity: Codable, Sendable, Hashable {
    /// Hard constraint: terms ORed.
    package var requiredDuringSchedulingIgnoredDuringExecution: NodeSelector?
    /// Soft constraints with weights.
    package var preferredDuringSchedulingIgnoredDuringExecution: [PreferredSchedulingTerm]?

    /// Creates node affinity.
    package init(required: NodeSelector? = nil, preferred: [PreferredSchedulingTerm]? = nil) {
        requiredDuringSchedulingIgnoredDuringExecution = required
        preferredDuringSchedulingIgnoredDuringExecution = preferred
    }
}

/// `core/v1 PreferredSchedulingTerm`.
package struct PreferredSchedulingTerm: Codable, Sendable, Hashable {
    /// 1..100.
    package var weight: Int32
    /// The preferred term.
    package var preference: NodeSelectorTerm

    /// Creates a preferred term.
    package init(weight: Int32, preference: NodeSelectorTerm) {
        self.weight = weight
        self.preference = preference
    }
}

/// `core/v1 PodAffinity` / `PodAntiAffinity` (same shape).
package struct PodAffinity: Codable, Sendable, Hashable {
    /// Hard terms, all of which must hold.
    package var requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm]?
    /// Soft terms with weights.
    package var preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm]?

    /// Creates pod (anti-)affinity.
    package init(required: [PodAffinityTerm]? = nil, preferred: [WeightedPodAffinityTerm]? = nil) {
        requiredDuringSchedulingIgnoredDuringExecution = required
        preferredDuringSchedulingIgnoredDuringExecution = preferred
    }
}

/// `core/v1 PodAffinityTerm`.
package struct PodAffinityTerm: Codable, Sendable, Hashable {
    /// Which pods the term is about.
    package var labelSelector: LabelSelector?
    /// Namespaces searched; empty with no selector means the pod's own namespace.
    package var namespaces: [String]?
    /// Node label defining the topology domain, e.g. `kubernetes.io/hostname`.
    package var topologyKey: String
    /// Namespaces searched, by label.
    package var namespaceSelector: LabelSelector?
    /// Pod label keys whose values are added to the selector (1.29+).
    package var matchLabelKeys: [String]?
    /// Pod label keys whose values are excluded by the selector (1.29+).
    package var mismatchLabelKeys: [String]?

    /// Creates a term.
    package init(labelSelector: LabelSelector? = nil, namespaces: [String]? = nil, topologyKey: String, namespaceSelector: LabelSelector? = nil, matchLabelKeys: [String]? = nil, mismatchLabelKeys: [String]? = nil) {
        self.labelSelector = labelSelector
        self.namespaces = namespaces
        self.topologyKey = topologyKey
        self.namespaceSelector = namespaceSelector
        self.matchLabelKeys = matchLabelKeys
        self.mismatchLabelKeys = mismatchLabelKeys
    }
}

/// `core/v1 WeightedPodAffinityTerm`.
package struct WeightedPodAffinityTerm: Codable, Sendable, Hashable {
    /// 1..100.
    package var weight: Int32
    /// The term.
    package var podAffinityTerm: PodAffinityTerm

    /// Creates a weighted term.
    package init(weight: Int32, podAffinityTerm: PodAffinityTerm) {
        self.weight = weight
        self.podAffinityTerm = podAffinityTerm
    }
}
