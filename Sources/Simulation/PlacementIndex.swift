import KubeModel

/// What ``SimulatedScheduler`` knows during one pass: the nodes (sorted by name), the pods bound to
/// each with their summed requests and host ports, the required anti-affinity terms of placed pods by
/// topology domain, and topology-spread counts cached per constraint. Placing a pod updates all of
/// them, so a filter costs about the same for the ten-thousandth pod as for the first.
///
/// Invariant: `nodes[i].used` is the sum of ``PodFacts/requests`` over `nodes[i].pods`, and every
/// cached spread count equals a recount over all placed pods.
struct PlacementIndex {
    /// One node and what is bound to it.
    struct NodeView {
        var name: String
        var labels: [String: String]
        var unschedulable: Bool
        /// Taints that filter (PreferNoSchedule only scores).
        var taints: [Taint]
        var allocatable: ResourceAmounts
        var used = ResourceAmounts()
        var pods: [Pod] = []
        var ports: Set<String> = []
    }

    /// A required anti-affinity term with its namespaces resolved.
    struct AntiAffinityTerm: Hashable {
        var term: PodAffinityTerm
        var namespaces: Set<String>

        /// Whether the term selects a pod with `labels` in `namespace`.
        func selects(_ labels: [String: String], in namespace: String) -> Bool {
            namespaces.contains(namespace) && (term.labelSelector?.matches(labels) ?? false)
        }
    }

    /// What one pod's DoNotSchedule spread constraints see during its attempt: per constraint the
    /// topology key, the counts per domain, the smallest count and the allowed skew.
    struct SpreadState {
        var topologyKey: String
        var counts: [String: Int]
        var minimum: Int
        var maxSkew: Int
    }

    /// Per-attempt context for ``reject(_:on:context:)``, computed once per pod by ``context(for:)``.
    struct AttemptContext {
        /// Whether any placed pod's anti-affinity term selects the pod.
        var repelled: Bool
        var spread: [SpreadState]
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
    private var antiAffinity: [Domain: [AntiAffinityTerm]] = [:]
    private var antiAffinityKeys: Set<String> = []
    /// Distinct required anti-affinity terms of placed pods, to tell cheaply whether a pod can be repelled at all.
    private var antiAffinityTerms: Set<AntiAffinityTerm> = []
    private var spreadCounts: [SpreadKey: SpreadCount] = [:]
    private var nodesByDomain: [String: [String: [Int]]] = [:]
    private var position: [String: Int] = [:]
    /// Placements so far; a result computed at the same count is still valid.
    private(set) var placements = 0

    /// Indexes `nodes` and the pods already bound to them.
    init(nodes: [Node], placed: [Pod]) {
        self.nodes = nodes.sorted { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }.map { node in
            var allocatable = ResourceAmounts()
            for (name, quantity) in node.status?.allocatable ?? [:] { allocatable[name] = quantity.milli }
            return NodeView(name: node.metadata.name ?? "", labels: node.metadata.labels ?? [:],
                            unschedulable: node.spec.unschedulable == true,
                            taints: (node.spec.taints ?? []).filter { $0.effect != .preferNoSchedule }, allocatable: allocatable)
        }
        for (index, view) in self.nodes.enumerated() where position[view.name] == nil { position[view.name] = index }
        for pod in placed { place(PodFacts(pod)) }
        placements = 0
    }

    /// Records the pod (bound to `pod.spec.nodeName`) as placed.
    mutating func place(_ facts: PodFacts) {
        placements += 1
        let pod = facts.pod
        let nodeName = pod.spec.nodeName ?? ""
        let index = position[nodeName]
        let labels = index.map { nodes[$0].labels } ?? [:]
        if let index {
            for request in facts.requests { nodes[index].used[request.resource] += request.amount }
            nodes[index].pods.append(pod)
            nodes[index].ports.formUnion(facts.ports)
        }
        for term in pod.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [] {
            guard let value = labels[term.topologyKey] else { continue }
            antiAffinityKeys.insert(term.topologyKey)
            let resolved = AntiAffinityTerm(term: term, namespaces: Set(term.namespaces ?? [facts.namespace]))
            antiAffinityTerms.insert(resolved)
            antiAffinity[Domain(key: term.topologyKey, value: value), default: []].append(resolved)
        }
        let affected = spreadCounts.keys.filter { key in
            key.namespace == facts.namespace && (key.constraint.labelSelector?.matches(facts.labels) ?? false)
        }
        for key in affected {
            guard let value = labels[key.constraint.topologyKey], spreadCounts[key]?.counts[value] != nil else { continue }
            spreadCounts[key]?.counts[value, default: 0] += 1
            spreadCounts[key]?.minimum = nil
        }
    }

    /// What the pod's attempt needs from the placed pods; valid until the next ``place(_:)``.
    mutating func context(for facts: PodFacts) -> AttemptContext {
        let repelled = antiAffinityTerms.contains { $0.selects(facts.labels, in: facts.namespace) }
        let spread = facts.spread.map { key in
            var entry = spreadCounts[key] ?? count(key, pod: facts.pod)
            let minimum = entry.minimum ?? entry.counts.values.min() ?? 0
            entry.minimum = minimum
            spreadCounts[key] = entry
            return SpreadState(topologyKey: key.constraint.topologyKey, counts: entry.counts, minimum: minimum,
                               maxSkew: Int(key.constraint.maxSkew))
        }
        return AttemptContext(repelled: repelled, spread: spread)
    }

    /// The first failing filter's reason in kube-scheduler's words, or nil when the pod fits node
    /// `index`. Filters run in kube-scheduler's order: unschedulable, taints, node selection,
    /// resources, host ports, pod anti-affinity (both directions), topology spread.
    mutating func reject(_ facts: PodFacts, on index: Int, context: AttemptContext) -> String? {
        if nodes[index].unschedulable { return "node(s) were unschedulable" }
        for taint in nodes[index].taints where !facts.tolerations.contains(where: { $0.tolerates(taint) }) {
            return "node(s) had untolerated taint {\(taint.key): \(taint.value ?? "")}"
        }
        if facts.selectsNodes, !PodFit.matchesNodeSelection(facts.pod, labels: nodes[index].labels, nodeName: nodes[index].name) {
            return "node(s) didn't match Pod's node affinity/selector"
        }
        for request in facts.requests
        where request.amount > 0 && nodes[index].used[request.resource] + request.amount > nodes[index].allocatable[request.resource] {
            return request.resource.name == "pods" ? "Too many pods" : "Insufficient \(request.resource.name)"
        }
        if !facts.ports.isEmpty, facts.ports.contains(where: nodes[index].ports.contains) {
            return "node(s) didn't have free ports for the requested pod ports"
        }
        if violatesAntiAffinity(facts, on: index, repelled: context.repelled) { return "node(s) didn't match pod anti-affinity rules" }
        if violatesSpread(context.spread, on: index) { return "node(s) didn't match pod topology spread constraints" }
        return nil
    }

    /// cpu and memory requested (with the pod) over allocatable, averaged; lower is emptier.
    func allocatedFraction(on index: Int, adding facts: PodFacts) -> Double {
        // Through Int64: converting Int128 to Double directly takes a slow generic path.
        func fraction(_ used: Int128, _ adding: Int128, _ total: Int128) -> Double {
            total > 0 ? Double(Int64(clamping: used + adding)) / Double(Int64(clamping: total)) : 1
        }
        let cpu = fraction(nodes[index].used.cpu, facts.cpu, nodes[index].allocatable.cpu)
        let memory = fraction(nodes[index].used.memory, facts.memory, nodes[index].allocatable.memory)
        return (cpu + memory) / 2
    }

    /// Required anti-affinity: the pod's own terms against pods in the node's domain, and (when
    /// `repelled`) placed pods' terms that select the pod (symmetry).
    private mutating func violatesAntiAffinity(_ facts: PodFacts, on index: Int, repelled: Bool) -> Bool {
        for term in facts.antiAffinity {
            guard let domain = nodes[index].labels[term.term.topologyKey] else { continue }
            for other in nodes(in: Domain(key: term.term.topologyKey, value: domain)) {
                let clash = nodes[other].pods.contains { placed in
                    term.selects(placed.metadata.labels ?? [:], in: placed.metadata.namespace ?? "default")
                }
                if clash { return true }
            }
        }
        guard repelled else { return false }
        for key in antiAffinityKeys {
            guard let value = nodes[index].labels[key] else { continue }
            for entry in antiAffinity[Domain(key: key, value: value)] ?? [] where entry.selects(facts.labels, in: facts.namespace) {
                return true
            }
        }
        return false
    }

    /// DoNotSchedule constraints: placing here must keep `count(domain) + 1 − min ≤ maxSkew`, over the
    /// domains of nodes that pass the pod's node selection.
    private func violatesSpread(_ spread: [SpreadState], on index: Int) -> Bool {
        for state in spread {
            guard let domain = nodes[index].labels[state.topologyKey] else { return true }
            if (state.counts[domain] ?? 0) + 1 - state.minimum > state.maxSkew { return true }
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
