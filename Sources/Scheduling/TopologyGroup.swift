import KubeModel

/// One counted topology relation: a spread constraint, an affinity term or an anti-affinity term,
/// deduplicated across pods (many pods share one group). Counts are kept per domain value for most
/// keys and per node slot for `kubernetes.io/hostname` (every node and plan is its own domain).
final class TopologyGroup {
    enum Kind: String, Sendable, Hashable {
        case spread = "topology spread"
        case affinity = "pod affinity"
        case antiAffinity = "pod anti-affinity"
    }

    /// Identity used for deduplication.
    struct Key: Hashable, Sendable {
        var kind: Kind
        var topologyKey: String
        var selector: LabelSelector
        var namespaces: [String]
        var allNamespaces: Bool
        var maxSkew: Int
        var minDomains: Int?
        var nodeFilter: [[RequirementSpec]]
    }

    let key: Key
    let topologyKey: LabelKeyID
    let isHostname: Bool
    let namespaces: Set<String>
    /// Spread only: node requirements of the owning pods (nodeAffinityPolicy Honor).
    let nodeFilter: Requirements
    /// Pods matching the selector, per domain value / per node slot.
    var domainCounts: [LabelValueID: Int] = [:]
    /// Per node slot; grown on demand.
    var hostCounts: [Int] = []
    var totalMatches = 0
    /// Anti-affinity only: placed owners with a required term, per domain / slot (inverse direction).
    var ownerDomainCounts: [LabelValueID: Int] = [:]
    var ownerHostCounts: [Int] = []
    var totalOwners = 0

    init(key: Key, table: inout LabelTable, nodeFilter: Requirements) {
        self.key = key
        topologyKey = table.key(key.topologyKey)
        isHostname = WellKnownLabels.normalize(key.topologyKey) == WellKnownLabels.hostname
        namespaces = Set(key.namespaces)
        self.nodeFilter = nodeFilter
    }

    /// True when a pod with these labels in this namespace is counted by the group.
    func matches(namespace: String, labels: [String: String]) -> Bool {
        (key.allNamespaces || namespaces.contains(namespace)) && key.selector.matches(labels)
    }

    func count(domain: LabelValueID) -> Int { domainCounts[domain] ?? 0 }
    func count(slot: Int) -> Int { slot < hostCounts.count ? hostCounts[slot] : 0 }
    func owners(domain: LabelValueID) -> Int { ownerDomainCounts[domain] ?? 0 }
    func owners(slot: Int) -> Int { slot < ownerHostCounts.count ? ownerHostCounts[slot] : 0 }

    func record(domain: LabelValueID) {
        domainCounts[domain, default: 0] += 1
        totalMatches += 1
    }

    func record(slot: Int) {
        if slot >= hostCounts.count { hostCounts += Array(repeating: 0, count: slot + 1 - hostCounts.count) }
        hostCounts[slot] += 1
        totalMatches += 1
    }

    func recordOwner(domain: LabelValueID) {
        ownerDomainCounts[domain, default: 0] += 1
        totalOwners += 1
    }

    func recordOwner(slot: Int) {
        if slot >= ownerHostCounts.count {
            ownerHostCounts += Array(repeating: 0, count: slot + 1 - ownerHostCounts.count)
        }
        ownerHostCounts[slot] += 1
        totalOwners += 1
    }
}
