import KubeModel
import Scheduling

/// The one KubeModel → Scheduling adapter: converts API objects into the solver's input values.
/// Everything the solver sees from the cluster goes through these conversions.
extension Resources {
    /// A resource vector from a Kubernetes resource list (`cpu`, `memory`, `ephemeral-storage`,
    /// `pods`, anything else as an extended resource), in milli-units.
    package init(kube list: [String: Quantity]?) {
        var cpu: Int64 = 0, memory: Int64 = 0, storage: Int64 = 0, pods: Int64 = 0
        var extended: [String: Int64] = [:]
        for (name, quantity) in list ?? [:] {
            let milli = quantity.milliInt64 ?? Int64.max
            switch name {
            case "cpu": cpu = milli
            case "memory": memory = milli
            case "ephemeral-storage": storage = milli
            case "pods": pods = milli
            default:
                if name.hasPrefix("hugepages-") { continue }
                extended[name] = milli
            }
        }
        self.init(cpu: cpu, memory: memory, ephemeralStorage: storage, pods: pods, extended: extended)
    }

    /// The Kubernetes resource list of this vector; zero entries are left out except `pods` is kept
    /// when `keepPods` is set. Memory and storage use binary suffixes, as upstream prints them.
    package func kubeList() -> [String: Quantity] {
        var list: [String: Quantity] = [:]
        if cpu != 0 { list["cpu"] = Quantity(milli: Int128(cpu)) }
        if memory != 0 { list["memory"] = Quantity(milli: Int128(memory), format: .binarySI) }
        if ephemeralStorage != 0 { list["ephemeral-storage"] = Quantity(milli: Int128(ephemeralStorage), format: .binarySI) }
        if pods != 0 { list["pods"] = Quantity(milli: Int128(pods)) }
        for resource in extended where resource.amount != 0 {
            list[resource.name] = Quantity(milli: Int128(resource.amount))
        }
        return list
    }
}

extension Scheduling.Taint {
    /// The solver's taint for an API taint.
    package init(kube taint: KubeModel.Taint) {
        self.init(key: taint.key, value: taint.value ?? "",
                  effect: Scheduling.TaintEffect(rawValue: taint.effect.rawValue) ?? .noSchedule)
    }
}

extension Scheduling.Toleration {
    /// The solver's toleration for an API toleration (`Exists` or `Equal`, empty key = all keys).
    init(kube toleration: KubeModel.Toleration) {
        self.init(key: toleration.key ?? "",
                  operator: toleration.operator == .exists ? .exists : .equal,
                  value: toleration.value ?? "",
                  effect: toleration.effect.flatMap { Scheduling.TaintEffect(rawValue: $0.rawValue) })
    }
}

extension Scheduling.LabelSelector {
    /// The solver's selector for an API selector; `nil` selects nothing, as in Kubernetes.
    init(kube selector: KubeModel.LabelSelector?) {
        guard let selector else {
            self.init(matchLabels: [:], matchExpressions: [Expression("", .in, [])])
            return
        }
        self.init(matchLabels: selector.matchLabels ?? [:], matchExpressions: (selector.matchExpressions ?? []).map {
            Expression($0.key, Expression.Operator(rawValue: $0.operator.rawValue) ?? .exists, $0.values ?? [])
        })
    }
}

extension RequirementSpec {
    /// The solver's requirement for a node selector requirement.
    init(kube requirement: NodeSelectorRequirement) {
        self.init(requirement.key, LabelOperator(rawValue: requirement.operator.rawValue) ?? .exists,
                  requirement.values ?? [])
    }

    /// The solver's requirement for a NodePool requirement with `minValues`.
    init(kube requirement: NodeSelectorRequirementWithMinValues) {
        self.init(requirement.key, LabelOperator(rawValue: requirement.operator.rawValue) ?? .exists,
                  requirement.values ?? [], minValues: requirement.minValues)
    }
}

extension Scheduling.PodAffinityTerm {
    /// The solver's pod affinity term; an empty namespace list means the pod's own namespace.
    init(kube term: KubeModel.PodAffinityTerm, namespace: String) {
        let namespaces = term.namespaces ?? []
        self.init(labelSelector: Scheduling.LabelSelector(kube: term.labelSelector), topologyKey: term.topologyKey,
                  namespaces: namespaces.isEmpty && term.namespaceSelector == nil ? [namespace] : namespaces,
                  namespaceSelector: term.namespaceSelector.map { Scheduling.LabelSelector(kube: $0) })
    }
}

extension SchedulingPod {
    /// The solver's view of `pod`: requests, selectors, affinities, tolerations, spread and host ports.
    package init(kube pod: Pod) {
        let namespace = pod.metadata.namespace ?? "default"
        let spec = pod.spec
        let nodeAffinity = spec.affinity?.nodeAffinity
        let required = nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms.map {
            ($0.matchExpressions ?? []).map { RequirementSpec(kube: $0) }
        } ?? []
        let preferred = (nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map {
            WeightedNodeTerm(weight: $0.weight, requirements: ($0.preference.matchExpressions ?? []).map { RequirementSpec(kube: $0) })
        }
        let affinity = spec.affinity?.podAffinity
        let antiAffinity = spec.affinity?.podAntiAffinity
        func weighted(_ terms: [KubeModel.WeightedPodAffinityTerm]?) -> [Scheduling.WeightedPodAffinityTerm] {
            (terms ?? []).map { .init(weight: $0.weight, term: .init(kube: $0.podAffinityTerm, namespace: namespace)) }
        }
        let spread = (spec.topologySpreadConstraints ?? []).map { constraint in
            Scheduling.TopologySpreadConstraint(
                maxSkew: Int(constraint.maxSkew), topologyKey: constraint.topologyKey,
                whenUnsatisfiable: constraint.isHard ? .doNotSchedule : .scheduleAnyway,
                labelSelector: Scheduling.LabelSelector(kube: constraint.labelSelector),
                minDomains: constraint.minDomains.map(Int.init), matchLabelKeys: constraint.matchLabelKeys ?? [])
        }
        let ports = (spec.containers + (spec.initContainers ?? [])).flatMap { $0.ports ?? [] }.compactMap { port in
            port.hostPort.map { HostPort(ip: port.hostIP ?? "", port: $0, proto: port.protocol ?? "TCP") }
        }
        self.init(
            uid: pod.metadata.uid ?? pod.metadata.key, name: pod.metadata.name, namespace: namespace,
            creationTime: Int64((pod.metadata.creationTimestamp?.date.timeIntervalSince1970 ?? 0) * 1000),
            priority: spec.priority ?? 0, labels: pod.metadata.labels ?? [:],
            containers: spec.containers.map { Resources(kube: $0.resources?.requests) },
            initContainers: (spec.initContainers ?? []).map {
                InitContainer(requests: Resources(kube: $0.resources?.requests), sidecar: $0.isSidecar)
            },
            overhead: Resources(kube: spec.overhead), nodeSelector: spec.nodeSelector ?? [:],
            requiredNodeAffinity: required, preferredNodeAffinity: preferred,
            requiredPodAffinity: (affinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map { .init(kube: $0, namespace: namespace) },
            preferredPodAffinity: weighted(affinity?.preferredDuringSchedulingIgnoredDuringExecution),
            requiredPodAntiAffinity: (antiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map { .init(kube: $0, namespace: namespace) },
            preferredPodAntiAffinity: weighted(antiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
            tolerations: (spec.tolerations ?? []).map { Scheduling.Toleration(kube: $0) },
            topologySpread: spread, hostPorts: ports)
    }
}

extension SchedulingNodePool {
    /// The solver's view of `nodePool` with its current usage (for limits) and node count. The
    /// `nodes` limit caps the number of NodeClaims; every other limit caps a resource.
    package init(kube nodePool: NodePool, usage: Resources, nodeCount: Int) {
        let template = nodePool.spec.template
        var labels = template.metadata?.labels ?? [:]
        labels[WellKnownLabels.nodePool] = nodePool.metadata.name ?? ""
        var limits: [String: Int64]?
        var nodeLimit: Int?
        if var declared = nodePool.spec.limits {
            if let nodes = declared.removeValue(forKey: NodePool.nodesLimit) {
                nodeLimit = nodes.milliInt64.map { Int(clamping: $0 / 1000) } ?? Int.max
            }
            limits = declared.compactMapValues { $0.milliInt64 }
        }
        self.init(name: nodePool.metadata.name ?? "", weight: nodePool.spec.weight ?? 0,
                  requirements: template.spec.requirements.map { RequirementSpec(kube: $0) }, labels: labels,
                  taints: (template.spec.taints ?? []).map { Scheduling.Taint(kube: $0) },
                  startupTaints: (template.spec.startupTaints ?? []).map { Scheduling.Taint(kube: $0) },
                  limits: limits, nodeLimit: nodeLimit, usage: usage, nodeCount: nodeCount)
    }
}

extension ExistingPod {
    /// What the solver needs of a pod already placed on a node (for anti-affinity and spread).
    init(kube pod: Pod) {
        let namespace = pod.metadata.namespace ?? "default"
        self.init(namespace: namespace, labels: pod.metadata.labels ?? [:],
                  requiredPodAntiAffinity: (pod.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [])
                      .map { .init(kube: $0, namespace: namespace) })
    }
}
