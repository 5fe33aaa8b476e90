/// A NodePool or NodeClaim requirement: a node-selector requirement plus `minValues`, the number
/// of distinct values (e.g. instance types) a launch must stay flexible across. Same shape in
/// `karpenter.sh/v1` and `v1beta1`.
package struct NodeSelectorRequirementWithMinValues: Codable, Sendable, Hashable {
    /// Label key, e.g. `node.kubernetes.io/instance-type`.
    package var key: String
    /// Operator.
    package var `operator`: NodeSelectorOperator
    /// Values; one non-negative integer for Gt/Lt, at least one for In.
    package var values: [String]?
    /// Minimum number of distinct values the scheduler must keep (1...50, at most `values.count` for In).
    package var minValues: Int?

    /// Creates a requirement.
    package init(key: String, operator: NodeSelectorOperator, values: [String]? = nil, minValues: Int? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
        self.minValues = minValues
    }

    /// The core node-selector requirement without `minValues`.
    package var nodeSelectorRequirement: NodeSelectorRequirement {
        NodeSelectorRequirement(key: key, operator: self.operator, values: values)
    }
}

/// `karpenter.sh/v1` reference from a NodePool or NodeClaim to its cloud-specific NodeClass.
package struct NodeClassReference: Codable, Sendable, Hashable {
    /// API group, e.g. `karpenter.k8s.aws` (no version).
    package var group: String
    /// Kind, e.g. `EC2NodeClass`.
    package var kind: String
    /// Object name.
    package var name: String

    /// Creates a reference.
    package init(group: String = EC2NodeClass.resourceType.group, kind: String = EC2NodeClass.resourceType.kind, name: String) {
        self.group = group
        self.kind = kind
        self.name = name
    }

    private enum CodingKeys: String, CodingKey { case group, kind, name }

    /// Missing fields decode as empty strings so that validation, not decoding, reports them with
    /// their field path.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        group = try container.decodeIfPresent(String.self, forKey: .group) ?? ""
        kind = try container.decodeIfPresent(String.self, forKey: .kind) ?? ""
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
    }
}

/// Labels and annotations of a NodeClaim template (the only metadata a template may carry).
package struct TemplateMetadata: Codable, Sendable, Hashable {
    /// Labels copied to NodeClaims and Nodes.
    package var labels: [String: String]?
    /// Annotations copied to NodeClaims and Nodes.
    package var annotations: [String: String]?

    /// Creates template metadata.
    package init(labels: [String: String]? = nil, annotations: [String: String]? = nil) {
        self.labels = labels
        self.annotations = annotations
    }
}

/// Kubelet settings (`karpenter.k8s.aws/v1` EC2NodeClass `spec.kubelet`, formerly the v1beta1
/// NodePool's `spec.template.spec.kubelet`). Duration maps keep the user's text.
package struct KubeletConfiguration: Codable, Sendable, Hashable {
    /// DNS server IPs written into pods' resolv.conf.
    package var clusterDNS: [String]?
    /// Maximum pods per node.
    package var maxPods: Int32?
    /// Pods per vCPU; the smaller of this and maxPods wins.
    package var podsPerCore: Int32?
    /// Resources reserved for the OS (keys cpu, memory, ephemeral-storage, pid).
    package var systemReserved: [String: String]?
    /// Resources reserved for Kubernetes daemons (keys cpu, memory, ephemeral-storage, pid).
    package var kubeReserved: [String: String]?
    /// Hard eviction thresholds by signal, e.g. `memory.available: 100Mi`.
    package var evictionHard: [String: String]?
    /// Soft eviction thresholds by signal.
    package var evictionSoft: [String: String]?
    /// Grace period per soft eviction signal, e.g. `memory.available: 1m30s`.
    package var evictionSoftGracePeriod: [String: String]?
    /// Maximum pod termination grace period (seconds) for soft evictions.
    package var evictionMaxPodGracePeriod: Int32?
    /// Disk usage percent that triggers image garbage collection.
    package var imageGCHighThresholdPercent: Int32?
    /// Disk usage percent image garbage collection frees down to.
    package var imageGCLowThresholdPercent: Int32?
    /// Whether CPU CFS quota is enforced for containers with CPU limits.
    package var cpuCFSQuota: Bool?

    /// Creates a kubelet configuration; every field defaults to absent.
    package init(
        clusterDNS: [String]? = nil, maxPods: Int32? = nil, podsPerCore: Int32? = nil,
        systemReserved: [String: String]? = nil, kubeReserved: [String: String]? = nil,
        evictionHard: [String: String]? = nil, evictionSoft: [String: String]? = nil,
        evictionSoftGracePeriod: [String: String]? = nil, evictionMaxPodGracePeriod: Int32? = nil,
        imageGCHighThresholdPercent: Int32? = nil, imageGCLowThresholdPercent: Int32? = nil, cpuCFSQuota: Bool? = nil
    ) {
        self.clusterDNS = clusterDNS
        self.maxPods = maxPods
        self.podsPerCore = podsPerCore
        self.systemReserved = systemReserved
        self.kubeReserved = kubeReserved
        self.evictionHard = evictionHard
        self.evictionSoft = evictionSoft
        self.evictionSoftGracePeriod = evictionSoftGracePeriod
        self.evictionMaxPodGracePeriod = evictionMaxPodGracePeriod
        self.imageGCHighThresholdPercent = imageGCHighThresholdPercent
        self.imageGCLowThresholdPercent = imageGCLowThresholdPercent
        self.cpuCFSQuota = cpuCFSQuota
    }
}
