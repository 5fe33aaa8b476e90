import KubeModel

/// A compiled instance type: interned requirements and offerings, catalogue-ordered cheapest first.
struct CompiledInstanceType: Sendable {
    let input: InstanceType
    let requirements: Requirements
    let allocatable: Resources
    let offerings: [CompiledOffering]
    let cheapestPrice: Double
}

/// An offering with interned zone and capacity type.
struct CompiledOffering: Sendable {
    let zone: LabelValueID
    let capacityType: LabelValueID
    let price: Double
    let available: Bool
}

/// A NodePool with its template compiled and per-type daemonset overhead folded into allocatable.
struct CompiledNodePool: Sendable {
    let input: SchedulingNodePool
    let template: Requirements
    let types: InstanceTypeSet
    /// Allocatable minus compatible daemonset requests, per catalogue index.
    let effectiveAllocatable: [Resources]
    /// Compatible daemonset requests, per catalogue index.
    let daemonOverhead: [Resources]
    let daemonHostPorts: [HostPort]
    var remainingLimits: [String: Int64]?
    var remainingNodes: Int?
}

/// The mutable state of one solve. Built from a `SchedulingInput`, consumed by `Scheduler.solve`.
struct Solver {
    var table = LabelTable()
    let input: SchedulingInput
    let zoneKey: LabelKeyID
    let capacityTypeKey: LabelKeyID
    let hostnameKey: LabelKeyID
    var types: [CompiledInstanceType] = []
    var pools: [CompiledNodePool] = []
    var nodes: [ExistingNodeState] = []
    var classes: [PodClass] = []
    var podClass: [Int] = []
    var variants: [PodVariant] = []
    var groups: [TopologyGroup] = []
    var groupIndex: [TopologyGroup.Key: Int] = [:]
    var plans: [NodeClaimPlan] = []
    var universes: [LabelKeyID: [LabelValueID]] = [:]
    var eligibleDomains: [Int: [LabelValueID]] = [:]
    var anyPoolHasPreferNoSchedule = false
    /// Cost-aware joining (see `SchedulingInput.Packing`).
    var costAware = true
    /// Cap each new plan at the most cost-efficient type for the pending demand.
    var targetCapped = false
    /// Sum of the requests of pods not placed yet.
    var pendingDemand = Resources.zero
    var scratch: InstanceTypeSet

    /// The interned catalogue, shareable between solves of the same input (value types only).
    struct Catalogue {
        let table: LabelTable
        let types: [CompiledInstanceType]
    }

    init(_ input: SchedulingInput, catalogue: Catalogue? = nil) {
        self.input = input
        if let catalogue { table = catalogue.table }
        zoneKey = table.key(WellKnownLabels.zone)
        capacityTypeKey = table.key(WellKnownLabels.capacityType)
        hostnameKey = table.key(WellKnownLabels.hostname)
        scratch = InstanceTypeSet(capacity: input.instanceTypes.count)
        if let catalogue { types = catalogue.types } else { compileInstanceTypes() }
        compileNodePools()
        compileExistingNodes()
        compilePods()
    }

    private mutating func compileInstanceTypes() {
        var compiled: [CompiledInstanceType] = []
        for type in input.instanceTypes {
            let requirements = type.requirements(table: &table)
            let offerings = type.offerings.map {
                CompiledOffering(zone: table.value($0.zone), capacityType: table.value($0.capacityType),
                                 price: $0.price, available: $0.available)
            }
            let cheapest = type.offerings.filter(\.available).map(\.price).min() ?? .infinity
            compiled.append(CompiledInstanceType(input: type, requirements: requirements,
                                                 allocatable: type.allocatable, offerings: offerings,
                                                 cheapestPrice: cheapest))
        }
        types = compiled.sorted { ($0.cheapestPrice, $0.input.name) < ($1.cheapestPrice, $1.input.name) }
    }

    private mutating func compileNodePools() {
        let ordered = input.nodePools.sorted { ($0.weight, $0.name) > ($1.weight, $1.name) }
        let nodePoolKey = WellKnownLabels.nodePool
        var daemonRequirements: [(pod: SchedulingPod, terms: [Requirements], requests: Resources)] = []
        for daemon in input.daemonSetPods {
            let selector = Requirements(labels: daemon.nodeSelector, table: &table)
            var terms: [Requirements] = []
            for term in daemon.requiredNodeAffinity {
                terms.append(selector.intersection(Requirements(specs: term, table: &table), table: table))
            }
            if terms.isEmpty { terms = [selector] }
            daemonRequirements.append((daemon, terms, daemon.requests))
        }
        for pool in ordered {
            var labels = pool.labels
            labels[nodePoolKey] = pool.name
            let template = Requirements(labels: labels, table: &table)
                .intersection(Requirements(specs: pool.requirements, table: &table), table: table)
            var set = InstanceTypeSet(capacity: types.count)
            let allowed = pool.instanceTypeNames.map(Set.init)
            var overhead = Array(repeating: Resources.zero, count: types.count)
            var effective = Array(repeating: Resources.zero, count: types.count)
            var ports: [HostPort] = []
            let compatibleDaemons = daemonRequirements.filter { daemon in
                pool.taints.firstUntolerated(by: daemon.pod.tolerations) == nil && daemon.terms.contains {
                    template.compatibilityConflict(with: $0, allowUndefinedWellKnown: true, table: table) == nil
                }
            }
            for daemon in compatibleDaemons { ports.append(contentsOf: daemon.pod.hostPorts) }
            for (index, type) in types.enumerated() where allowed?.contains(type.input.name) ?? true {
                guard template.intersects(type.requirements, table: table) else { continue }
                set.insert(index)
                for daemon in compatibleDaemons where daemon.terms.contains(where: {
                    type.requirements.intersects(template.intersection($0, table: table), table: table)
                }) {
                    overhead[index].add(daemon.requests)
                }
                effective[index] = type.allocatable - overhead[index]
            }
            if pool.taints.contains(where: { $0.effect == .preferNoSchedule }) { anyPoolHasPreferNoSchedule = true }
            var remainingLimits: [String: Int64]?
            if let limits = pool.limits {
                remainingLimits = limits.mapValues { $0 }
                for (name, limit) in limits { remainingLimits?[name] = limit - Solver.amount(pool.usage, name) }
            }
            pools.append(CompiledNodePool(
                input: pool, template: template, types: set, effectiveAllocatable: effective,
                daemonOverhead: overhead, daemonHostPorts: ports, remainingLimits: remainingLimits,
                remainingNodes: pool.nodeLimit.map { $0 - pool.nodeCount }))
        }
    }

    /// Amount of a named resource (`cpu`, `memory`, `ephemeral-storage`, `pods` or an extended name).
    static func amount(_ resources: Resources, _ name: String) -> Int64 {
        switch name {
        case "cpu": return resources.cpu
        case "memory": return resources.memory
        case "ephemeral-storage": return resources.ephemeralStorage
        case "pods": return resources.pods
        default: return resources.extendedAmount(name)
        }
    }

    private mutating func compileExistingNodes() {
        let ordered = input.existingNodes.sorted { ($0.initialized ? 0 : 1, $0.name) < ($1.initialized ? 0 : 1, $1.name) }
        for node in ordered {
            let requirements = Requirements(labels: node.labels, table: &table)
            nodes.append(ExistingNodeState(input: node, requirements: requirements, requested: node.requested,
                                           hostPorts: node.hostPortsUsed))
        }
    }

    /// Resolves the namespaces an affinity term refers to.
    func namespaces(of term: PodAffinityTerm, podNamespace: String) -> (names: [String], all: Bool) {
        if term.namespaces.isEmpty && term.namespaceSelector == nil { return ([podNamespace], false) }
        var names = Set(term.namespaces)
        if let selector = term.namespaceSelector {
            if selector.matchLabels.isEmpty && selector.matchExpressions.isEmpty { return ([], true) }
            for (name, labels) in input.namespaceLabels where selector.matches(labels) { names.insert(name) }
        }
        return (names.sorted(), false)
    }

    /// The group for a key, creating it (and counting existing pods into it) when new.
    mutating func group(for key: TopologyGroup.Key) -> Int {
        if let index = groupIndex[key] { return index }
        var filter = Requirements()
        for term in key.nodeFilter { filter = filter.intersection(Requirements(specs: term, table: &table), table: table) }
        let group = TopologyGroup(key: key, table: &table, nodeFilter: filter)
        for (slot, node) in nodes.enumerated() {
            if key.kind == .spread,
               node.requirements.compatibilityConflict(with: filter, allowUndefinedWellKnown: false,
                                                       table: table) != nil { continue }
            for pod in node.input.pods where group.matches(namespace: pod.namespace, labels: pod.labels) {
                if group.isHostname { group.record(slot: slot) }
                else if let domain = node.requirements.get(group.topologyKey)?.values.first {
                    group.record(domain: domain)
                }
            }
        }
        let index = groups.count
        groups.append(group)
        groupIndex[key] = index
        return index
    }
}
