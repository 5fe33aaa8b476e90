import KubeModel

/// A pending pod prepared once per scheduling attempt: its effective requests, host ports,
/// tolerations, anti-affinity terms and spread-count keys, so ``PlacementIndex`` can test it against
/// hundreds of nodes without recomputing them.
struct PodFacts {
    /// One requested resource and its amount in milli-units.
    struct Request {
        var resource: ResourceAmounts.Resource
        var amount: Int128
    }

    let pod: Pod
    let namespace: String
    let labels: [String: String]
    /// Effective requests, sorted by resource name (kube-scheduler reports the first short one).
    let requests: [Request]
    let cpu: Int128
    let memory: Int128
    let ports: [String]
    let tolerations: [Toleration]
    /// Whether the pod has a nodeSelector or required node affinity at all.
    let selectsNodes: Bool
    let antiAffinity: [PlacementIndex.AntiAffinityTerm]
    /// One key per DoNotSchedule topology spread constraint.
    let spread: [PlacementIndex.SpreadKey]

    init(_ pod: Pod) {
        self.pod = pod
        namespace = pod.metadata.namespace ?? "default"
        labels = pod.metadata.labels ?? [:]
        let amounts = PodFit.requests(pod)
        requests = amounts.map { Request(resource: ResourceAmounts.Resource($0.name), amount: $0.amount) }
        cpu = amounts.first { $0.name == "cpu" }?.amount ?? 0
        memory = amounts.first { $0.name == "memory" }?.amount ?? 0
        ports = PodFit.hostPorts(pod)
        tolerations = pod.spec.tolerations ?? []
        selectsNodes = !(pod.spec.nodeSelector ?? [:]).isEmpty
            || !(pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []).isEmpty
        let namespace = namespace
        antiAffinity = (pod.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map {
            PlacementIndex.AntiAffinityTerm(term: $0, namespaces: Set($0.namespaces ?? [namespace]))
        }
        spread = (pod.spec.topologySpreadConstraints ?? []).filter { $0.whenUnsatisfiable == "DoNotSchedule" }.map {
            PlacementIndex.SpreadKey(namespace: namespace, constraint: $0, nodeSelector: pod.spec.nodeSelector,
                                     nodeAffinity: pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution)
        }
    }
}

/// Resource amounts in milli-units with cpu, memory and pods in fields (the filters' hot path) and
/// any other resource in a dictionary. Absent resources read as zero.
struct ResourceAmounts {
    /// A resource name, resolved once to a field or the dictionary.
    enum Resource {
        case cpu, memory, pods
        case other(String)

        init(_ name: String) {
            switch name {
            case "cpu": self = .cpu
            case "memory": self = .memory
            case "pods": self = .pods
            default: self = .other(name)
            }
        }

        var name: String {
            switch self {
            case .cpu: "cpu"
            case .memory: "memory"
            case .pods: "pods"
            case let .other(name): name
            }
        }
    }

    var cpu: Int128 = 0
    var memory: Int128 = 0
    var pods: Int128 = 0
    var others: [String: Int128] = [:]

    subscript(resource: Resource) -> Int128 {
        get {
            switch resource {
            case .cpu: cpu
            case .memory: memory
            case .pods: pods
            case let .other(name): others[name] ?? 0
            }
        }
        set {
            switch resource {
            case .cpu: cpu = newValue
            case .memory: memory = newValue
            case .pods: pods = newValue
            case let .other(name): others[name] = newValue
            }
        }
    }

    subscript(name: String) -> Int128 {
        get { self[Resource(name)] }
        set { self[Resource(name)] = newValue }
    }
}
