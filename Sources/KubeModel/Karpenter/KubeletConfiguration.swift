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
