import KubeModel

/// What ``SimulatedScheduler`` knows during one pass: the nodes (sorted by name), the pods bound to
/// each with their summed requests and host ports, the required anti-affinity terms of placed pods by
/// topology domain, and topology-spread counts cached per constraint. Placing a pod updates all of
/// them, so a filter costs about the same for the ten-thousandth pod as for the first.
///
/// Invariant: `nodes[i].used` is the sum of ``PodFit/requests(_:)`` over `nodes[i].pods`, and every
/// cached spread count equals a recount over all placed pods.
struct PlacementIndex {
    /// One node and what is bound to it.
    struct NodeView {
        var node: Node
        var name: String
        var labels: [String: String]
        /// Taints that filter (PreferNoSchedule only scores).
        var taints: [Taint]
        var allocatable: [String: Int128]
        var used: [String: Int128] = [:]
        var pods: [Pod] = []
        var ports: Set<String> = []
    }

    /// A placed pod's required anti-affinity term, filed under the domain it repels from.
    struct AntiAffinityEntry {
        var term: PodAffinityTerm
        var namespaces: Set<String>
    }

    /// Topology domain: a label key and its value.
    struct Domain: Hashable {
        var key: String
        var value: String
    }

    /// Identifies a spread count: pods matching `constraint` in `namespace`, over the domains of
    /// nodes passing this node selection.
    struct SpreadKey: Hashable {
        var namespace: String
        var constraint: TopologySpreadConstraint
        var nodeSelector: [String: String]?
        var nodeAffinity: NodeSelector?
    }

    /// Matching pods per domain, and the smallest count (recomputed lazily after a placement).
    struct SpreadCount {
        var counts: [String: Int]
        var minimum: Int?
    }

    private(set) var nodes: [NodeView]
    private var antiAffinity: [Domain: [AntiAffinityEntry]] = [:]
    private var antiAffinityKeys: Set<String> = []
    private var spreadCounts: [SpreadKey: SpreadCount] = [:]
    private var nodesByDomain: [String: [String: [Int]]] = [:]
    private var position: [String: Int] = [:]
    /// Placements so far; a result computed at the same count is still valid.
    private(set) var placements = 0

    /// Indexes `nodes` and the pods already bound to them.
    init(nodes: [Node], placed: [Pod]) {
        self.nodes = nodes.sorted { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }.map { node in
            var allocatable: [String: Int128] = [:]
            for (name, quantity) in node.status?.allocatable ?? [:] { allocatable[name] = quantity.milli }
            return NodeView(node: node, name: node.metadata.name ?? "", labels: node.metadata.labels ?? [:],
                            taints: (node.spec.taints ?? []).filter { $0.effect != .preferNoSchedule }, allocatable: allocatable)
        }
        for (index, view) in self.nodes.enumerated() where position[view.name] == nil { position[view.name] = index }
        for pod in placed { record(pod) }
        placements = 0
    }

    /// Records `pod` (bound to `pod.spec.nodeName`) as placed.
    mutating func place(_ pod: Pod) { record(pod) }

    private mutating func record(_ pod: Pod) {
        placements += 1
        let nodeName = pod.spec.nodeName ?? ""
        let labels = position[nodeName].map { nodes[$0].labels } ?? [:]
        if let index = position[nodeName] {
            for (name, amount) in PodFit.requests(pod) { nodes[index].used[name, default: 0] += amount }
            nodes[index].pods.append(pod)
            nodes[index].ports.formUnion(PodFit.hostPorts(pod))
        }
        let namespace = pod.metadata.namespace ?? "default"
        for term in pod.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [] {
            guard let value = labels[term.topologyKey] else { continue }
            antiAffinityKeys.insert(term.topologyKey)
            antiAffinity[Domain(key: term.topologyKey, value: value), default: []]
                .append(AntiAffinityEntry(term: term, namespaces: Set(term.namespaces ?? [namespace])))
        }
        let podLabels = pod.metadata.labels ?? [:]
        let affected = spreadCounts.keys.filter { key in
            key.namespace == namespace && (key.constraint.labelSelector?.matches(podLabels) ?? false)
        }
        for key in affected {
            guard let value = labels[key.constraint.topologyKey], spreadCounts[key]?.counts[value] != nil else { continue }
            spreadCounts[key]?.counts[value, default: 0] += 1
            spreadCounts[key]?.minimum = nil
        }
    }

    /// The first failing filter's reason in kube-scheduler's words, or nil when `pod` fits node `index`.
    /// Filters run in kube-scheduler's order: unschedulable, taints, node selection, resources, host
    /// ports, pod anti-affinity (both directions), topology spread.
    mutating func reject(_ pod: Pod, requests: [(name: String, amount: Int128)], ports: [String], on index: Int) -> String? {
        let view = nodes[index]
        if view.node.spec.unschedulable == true { return "node(s) were unschedulable" }
        if !view.taints.isEmpty {
            let tolerations = pod.spec.tolerations ?? []
            for taint in view.taints where !tolerations.contains(where: { $0.tolerates(taint) }) {
                return "node(s) had untolerated taint {\(taint.key): \(taint.value ?? "")}"
            }
        }
        if !PodFit.matchesNodeSelection(pod, labels: view.labels, nodeName: view.name) {
            return "node(s) didn't match Pod's node affinity/selector"
        }
        for (name, amount) in requests where amount > 0 && (view.used[name] ?? 0) + amount > (view.allocatable[name] ?? 0) {
            return name == "pods" ? "Too many pods" : "Insufficient \(name)"
        }
        if ports.contains(where: view.ports.contains) {
            return "node(s) didn't have free ports for the requested pod ports"
        }
        if violatesAntiAffinity(pod, on: view) { return "node(s) didn't match pod anti-affinity rules" }
        if violatesSpread(pod, on: view) { return "node(s) didn't match pod topology spread constraints" }
        return nil
    }

    /// cpu and memory requested (with the pod) over allocatable, averaged; lower is emptier.
    func allocatedFraction(on index: Int, adding requests: [(name: String, amount: Int128)]) -> Double {
        let view = nodes[index]
        let fractions = ["cpu", "memory"].map { name -> Double in
            let total = Double(view.allocatable[name] ?? 0)
            let adding = requests.first { $0.name == name }?.amount ?? 0
            return total > 0 ? Double((view.used[name] ?? 0) + adding) / total : 1
        }
        return fractions.reduce(0, +) / Double(fractions.count)
    }

    /// Required anti-affinity: the pod's own terms against pods in the node's domain, and placed
    /// pods' terms that match the pod (symmetry).
    private mutating func violatesAntiAffinity(_ pod: Pod, on view: NodeView) -> Bool {
        let namespace = pod.metadata.namespace ?? "default"
        for term in pod.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [] {
            guard let domain = view.labels[term.topologyKey] else { continue }
            let namespaces = Set(term.namespaces ?? [namespace])
            for index in nodes(in: Domain(key: term.topologyKey, value: domain)) {
                let clash = nodes[index].pods.contains { other in
                    namespaces.contains(other.metadata.namespace ?? "default")
                        && (term.labelSelector?.matches(other.metadata.labels ?? [:]) ?? false)
                }
                if clash { return true }
            }
        }
        let labels = pod.metadata.labels ?? [:]
        for key in antiAffinityKeys {
            guard let value = view.labels[key] else { continue }
            for entry in antiAffinity[Domain(key: key, value: value)] ?? []
            where entry.namespaces.contains(namespace) && (entry.term.labelSelector?.matches(labels) ?? false) {
                return true
            }
        }
        return false
    }

    /// DoNotSchedule constraints: placing here must keep `count(domain) + 1 − min ≤ maxSkew`, over the
    /// domains of nodes that pass the pod's node selection.
    private mutating func violatesSpread(_ pod: Pod, on view: NodeView) -> Bool {
        for constraint in pod.spec.topologySpreadConstraints ?? [] where constraint.whenUnsatisfiable == "DoNotSchedule" {
            guard let domain = view.labels[constraint.topologyKey] else { return true }
            let key = SpreadKey(namespace: pod.metadata.namespace ?? "default", constraint: constraint,
                                nodeSelector: pod.spec.nodeSelector,
                                nodeAffinity: pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution)
            var entry = spreadCounts[key] ?? count(key, pod: pod)
            let minimum = entry.minimum ?? entry.counts.values.min() ?? 0
            entry.minimum = minimum
            spreadCounts[key] = entry
            if (entry.counts[domain] ?? 0) + 1 - minimum > Int(constraint.maxSkew) { return true }
        }
        return false
    }

    /// Counts matching placed pods per domain from scratch (first use of a constraint in a pass).
    private func count(_ key: SpreadKey, pod: Pod) -> SpreadCount {
        let topologyKey = key.constraint.topologyKey
        var counts: [String: Int] = [:]
        for view in nodes where PodFit.matchesNodeSelection(pod, labels: view.labels, nodeName: view.name) {
            if let value = view.labels[topologyKey] { counts[value] = counts[value] ?? 0 }
        }
        for view in nodes {
            guard let value = view.labels[topologyKey], counts[value] != nil else { continue }
            counts[value, default: 0] += view.pods.count(where: { other in
                (other.metadata.namespace ?? "default") == key.namespace
                    && (key.constraint.labelSelector?.matches(other.metadata.labels ?? [:]) ?? false)
            })
        }
        return SpreadCount(counts: counts, minimum: nil)
    }

    /// Indices of the nodes whose `domain.key` label is `domain.value`.
    private mutating func nodes(in domain: Domain) -> [Int] {
        if nodesByDomain[domain.key] == nil {
            var byValue: [String: [Int]] = [:]
            for (index, view) in nodes.enumerated() {
                if let value = view.labels[domain.key] { byValue[value, default: []].append(index) }
            }
            nodesByDomain[domain.key] = byValue
        }
        return nodesByDomain[domain.key]?[domain.value] ?? []
    }
}
