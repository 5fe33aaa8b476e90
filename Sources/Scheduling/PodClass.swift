/// Pods that are identical for the solver (same requests, labels, namespace and constraints) share
/// one class: requirements, instance-type filters and topology group membership are compiled once
/// per class and per relaxation level, not once per pod.
final class PodClass {
    let pod: SchedulingPod
    let requests: Resources
    /// Host ports of the pod, kept apart so the hot path does not touch the whole pod.
    let hostPorts: [HostPort]

    init(pod: SchedulingPod, requests: Resources) {
        self.pod = pod
        self.requests = requests
        hostPorts = pod.hostPorts
    }

    /// Groups whose selector counts this pod (recorded on placement).
    var matchingGroups: [Int] = []
    /// Anti-affinity groups that match this pod: the inverse direction is checked against their owners.
    var inverseGroups: [Int] = []
    /// Relaxation steps in upstream's order.
    var steps: [RelaxationStep] = []
    /// Group per term, in the pod's term order.
    var requiredAffinityGroups: [Int] = []
    var requiredAntiAffinityGroups: [Int] = []
    /// Preferred terms' groups sorted by weight descending (stable).
    var preferredAffinityGroups: [Int] = []
    var preferredAntiAffinityGroups: [Int] = []
    var hardSpreadGroups: [Int] = []
    var softSpreadGroups: [Int] = []
    /// Variant index per relaxation level.
    var variantByLevel: [Int: Int] = [:]
}

/// One relaxation step (reference §4.4), applied one per failed attempt.
enum RelaxationStep: String, Sendable, Hashable {
    case dropRequiredNodeAffinityTerm = "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
    case dropPreferredPodAffinityTerm = "spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution"
    case dropPreferredPodAntiAffinityTerm =
        "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution"
    case dropPreferredNodeAffinityTerm = "spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution"
    case dropScheduleAnywaySpread = "spec.topologySpreadConstraints"
    case toleratePreferNoSchedule = "spec.tolerations"
}

/// A pod class at one relaxation level: what the placement loop actually checks.
final class PodVariant {
    let classIndex: Int
    let requests: Resources
    /// Node requirements: nodeSelector ∧ current required term ∧ heaviest preferred term ∧ volumes.
    let requirements: Requirements
    let tolerations: [Toleration]
    /// Topology groups this variant must satisfy.
    let ownedGroups: [Int]
    /// Required anti-affinity groups (recorded as owners for the inverse direction).
    let requiredAntiGroups: [Int]
    /// True when any rejection by a plan is permanent (no zone-like topology, no hostname affinity),
    /// so a per-variant cursor can skip plans that rejected it before.
    let monotone: Bool
    /// cpu, memory and pods of `requests`, for the allocation-free first test.
    let core: (cpu: Int64, memory: Int64, pods: Int64)
    /// Lazily computed per pool: tolerated template taints, and instance types compatible on their own.
    var tolerated: [Bool?]
    var compatibleTypes: [InstanceTypeSet?]
    /// Per pool: price of the cheapest node that holds one pod of this variant alone.
    var alonePrice: [Double?]
    var planCursor = 0

    init(classIndex: Int, requests: Resources, requirements: Requirements, tolerations: [Toleration],
         ownedGroups: [Int], requiredAntiGroups: [Int], monotone: Bool, pools: Int) {
        self.classIndex = classIndex
        self.requests = requests
        self.requirements = requirements
        self.tolerations = tolerations
        self.ownedGroups = ownedGroups
        self.requiredAntiGroups = requiredAntiGroups
        self.monotone = monotone
        core = (requests.cpu, requests.memory, requests.pods)
        tolerated = Array(repeating: nil, count: pools)
        compatibleTypes = Array(repeating: nil, count: pools)
        alonePrice = Array(repeating: nil, count: pools)
    }
}
