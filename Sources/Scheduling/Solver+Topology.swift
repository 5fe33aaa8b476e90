/// Where a pod would go, for topology checks.
enum TopologyTarget {
    /// An existing node: its slot and label requirements.
    case node(slot: Int)
    /// A plan (existing or about to be created): its slot and requirements so far.
    case plan(slot: Int, requirements: Requirements)

    var slot: Int {
        switch self {
        case let .node(slot), let .plan(slot, _): return slot
        }
    }
}

/// The domains a plan may still take for one key, most preferred first.
struct TopologyNarrowing: Sendable {
    var key: LabelKeyID
    var candidates: [LabelValueID]
}

/// Topology: spread constraints, pod affinity and anti-affinity (both directions), checked against
/// counts kept per domain. A plan placed in a zone-like domain is narrowed to one value so that
/// counts stay exact; hostname domains are plan and node slots.
extension Solver {
    /// Every value a key can take: existing nodes' labels and, per NodePool, the values its
    /// instance types (with their available offerings) allow under the template. Sorted by string.
    mutating func universe(_ key: LabelKeyID) -> [LabelValueID] {
        if let cached = universes[key] { return cached }
        var values = Set<LabelValueID>()
        let table = self.table
        for node in nodes { if let requirement = node.requirements.get(key) { values.formUnion(requirement.values) } }
        for pool in pools {
            let template = pool.template.get(key)
            pool.types.forEach { index in
                guard let typeRequirement = types[index].requirements.get(key) else {
                    if let template, !template.complement { values.formUnion(template.values) }
                    return
                }
                let allowed = template.map { typeRequirement.intersection($0, table: table) } ?? typeRequirement
                if !allowed.complement { values.formUnion(allowed.values) }
            }
        }
        let sorted = values.sorted { table.valueName($0) < table.valueName($1) }
        universes[key] = sorted
        return sorted
    }

    /// Domains a spread group counts toward its minimum (nodeAffinityPolicy Honor).
    mutating func eligible(_ groupIndex: Int) -> [LabelValueID] {
        if let cached = eligibleDomains[groupIndex] { return cached }
        let key = groups[groupIndex].topologyKey
        let filter = groups[groupIndex].nodeFilter.get(key)
        let table = self.table
        let domains = universe(key).filter { filter?.allows($0, table: table) ?? true }
        eligibleDomains[groupIndex] = domains
        return domains
    }

    /// The domains of a target for `key`, further limited by earlier narrowings in this check.
    private mutating func domains(_ target: TopologyTarget, key: LabelKeyID,
                                  narrowed: [TopologyNarrowing]) -> [LabelValueID] {
        if let previous = narrowed.first(where: { $0.key == key }) { return previous.candidates }
        switch target {
        case let .node(slot):
            guard let requirement = nodes[slot].requirements.get(key) else { return [] }
            return requirement.values
        case let .plan(_, requirements):
            let all = universe(key)
            guard let requirement = requirements.get(key) else { return all }
            let table = self.table
            return all.filter { requirement.allows($0, table: table) }
        }
    }

    /// Checks every owned group and every matching anti-affinity group with owners. On success returns
    /// the narrowings to apply to a plan (empty for existing nodes).
    mutating func checkTopology(variant variantIndex: Int, target: TopologyTarget)
        -> Result<[TopologyNarrowing], SchedulingFailure> {
        let variant = variants[variantIndex]
        let spec = classes[variant.classIndex]
        if variant.ownedGroups.isEmpty && spec.inverseGroups.isEmpty { return .success([]) }
        var narrowed: [TopologyNarrowing] = []
        let slot = target.slot
        for groupIndex in variant.ownedGroups {
            let group = groups[groupIndex]
            let selfMatch = spec.matchingGroups.contains(groupIndex)
            if group.isHostname {
                let count = group.count(slot: slot)
                let ok: Bool
                switch group.key.kind {
                case .spread: ok = count + 1 - hostnameMinimum(groupIndex) <= group.key.maxSkew
                case .affinity: ok = count > 0 || (group.totalMatches == 0 && selfMatch)
                case .antiAffinity: ok = count == 0
                }
                if !ok { return .failure(topologyFailure(group, detail: "count=\(count)")) }
                continue
            }
            let key = group.topologyKey
            let options = domains(target, key: key, narrowed: narrowed)
            var candidates: [LabelValueID]
            switch group.key.kind {
            case .spread:
                let eligible = eligible(groupIndex)
                var minimum = eligible.map { group.count(domain: $0) }.min() ?? 0
                if let minDomains = group.key.minDomains, eligible.count < minDomains { minimum = 0 }
                candidates = options.filter {
                    Requirement.sortedContainsUnsorted(eligible, $0)
                        && group.count(domain: $0) + 1 - minimum <= group.key.maxSkew
                }
                candidates = candidates.enumerated()
                    .sorted { (group.count(domain: $0.element), $0.offset) < (group.count(domain: $1.element), $1.offset) }
                    .map(\.element)
            case .affinity:
                if group.totalMatches == 0 && selfMatch { candidates = options }
                else { candidates = options.filter { group.count(domain: $0) > 0 } }
            case .antiAffinity:
                candidates = options.filter { group.count(domain: $0) == 0 }
                if case .node = target, options.isEmpty { continue }
            }
            if candidates.isEmpty {
                return .failure(topologyFailure(group, detail: "counts = \(renderCounts(group)), "
                    + "nodeDomains = [\(options.map { table.valueName($0) }.joined(separator: " "))]"))
            }
            Solver.setNarrowing(&narrowed, key: key, candidates: candidates)
        }
        for groupIndex in spec.inverseGroups where groups[groupIndex].totalOwners > 0 {
            let group = groups[groupIndex]
            if group.isHostname {
                if group.owners(slot: slot) > 0 {
                    return .failure(topologyFailure(group, detail: "an existing pod's anti-affinity matches"))
                }
                continue
            }
            let options = domains(target, key: group.topologyKey, narrowed: narrowed)
            if case .node = target, options.isEmpty { continue }
            let candidates = options.filter { group.owners(domain: $0) == 0 }
            if candidates.isEmpty {
                return .failure(topologyFailure(group, detail: "an existing pod's anti-affinity matches"))
            }
            if candidates.count != options.count || narrowed.contains(where: { $0.key == group.topologyKey }) {
                Solver.setNarrowing(&narrowed, key: group.topologyKey, candidates: candidates)
            } else if case .plan = target {
                Solver.setNarrowing(&narrowed, key: group.topologyKey, candidates: candidates)
            }
        }
        if case .node = target { return .success([]) }
        return .success(narrowed)
    }

    private static func setNarrowing(_ narrowed: inout [TopologyNarrowing], key: LabelKeyID,
                                     candidates: [LabelValueID]) {
        if let index = narrowed.firstIndex(where: { $0.key == key }) { narrowed[index].candidates = candidates }
        else { narrowed.append(TopologyNarrowing(key: key, candidates: candidates)) }
    }

    /// The global minimum for a hostname spread group: 0 when a new node can be created.
    private func hostnameMinimum(_ groupIndex: Int) -> Int {
        if !pools.isEmpty { return 0 }
        return nodes.indices.map { groups[groupIndex].count(slot: $0) }.min() ?? 0
    }

    private func topologyFailure(_ group: TopologyGroup, detail: String) -> SchedulingFailure {
        .unsatisfiableTopology(kind: group.key.kind.rawValue, key: group.key.topologyKey, detail: detail)
    }

    private func renderCounts(_ group: TopologyGroup) -> String {
        let parts = group.domainCounts.map { "\(table.valueName($0.key)):\($0.value)" }.sorted()
        return "map[" + parts.joined(separator: " ") + "]"
    }

    /// Records a placed pod into every group that counts it, and as an owner of its required
    /// anti-affinity groups. Domains come from the target after narrowing.
    mutating func recordTopology(variant variantIndex: Int, target: TopologyTarget) {
        let variant = variants[variantIndex]
        let spec = classes[variant.classIndex]
        for groupIndex in spec.matchingGroups {
            record(groupIndex, target: target, owner: false)
        }
        for groupIndex in variant.requiredAntiGroups { record(groupIndex, target: target, owner: true) }
    }

    private mutating func record(_ groupIndex: Int, target: TopologyTarget, owner: Bool) {
        if groups[groupIndex].isHostname {
            if owner { groups[groupIndex].recordOwner(slot: target.slot) } else { groups[groupIndex].record(slot: target.slot) }
            return
        }
        let options = domains(target, key: groups[groupIndex].topologyKey, narrowed: [])
        let kind = groups[groupIndex].key.kind
        if options.count == 1 || (kind == .antiAffinity && !options.isEmpty) {
            for domain in options {
                if owner { groups[groupIndex].recordOwner(domain: domain) } else { groups[groupIndex].record(domain: domain) }
            }
        }
    }
}

extension Requirement {
    /// Linear membership test for short unsorted lists.
    @inline(__always)
    static func sortedContainsUnsorted(_ values: [LabelValueID], _ value: LabelValueID) -> Bool {
        values.contains(value)
    }
}
