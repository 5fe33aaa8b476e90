import KubeModel

/// kube-scheduler's filters, simply: whether a pod fits a node given the pods already placed, and
/// if not, the reason in kube-scheduler's words. Used by ``SimulatedScheduler``.
enum PodFit {
    /// The first failing filter's reason, or nil when `pod` fits `node`.
    static func reject(_ pod: Pod, on node: Node, nodes: [Node], placed: [Pod]) -> String? {
        let labels = node.metadata.labels ?? [:]
        let nodeName = node.metadata.name ?? ""
        if node.spec.unschedulable == true { return "node(s) were unschedulable" }
        let tolerations = pod.spec.tolerations ?? []
        for taint in node.spec.taints ?? [] where taint.effect != .preferNoSchedule {
            if !tolerations.contains(where: { $0.tolerates(taint) }) {
                return "node(s) had untolerated taint {\(taint.key): \(taint.value ?? "")}"
            }
        }
        if !matchesNodeSelection(pod, labels: labels, nodeName: nodeName) {
            return "node(s) didn't match Pod's node affinity/selector"
        }
        let onNode = placed.filter { $0.spec.nodeName == nodeName }
        if let resource = insufficient(pod, node: node, onNode: onNode) {
            return resource == "pods" ? "Too many pods" : "Insufficient \(resource)"
        }
        let used = Set(onNode.flatMap(hostPorts))
        if hostPorts(pod).contains(where: used.contains) {
            return "node(s) didn't have free ports for the requested pod ports"
        }
        if violatesAntiAffinity(pod, node: node, nodes: nodes, placed: placed) {
            return "node(s) didn't match pod anti-affinity rules"
        }
        if violatesSpread(pod, node: node, nodes: nodes, placed: placed) {
            return "node(s) didn't match pod topology spread constraints"
        }
        return nil
    }

    /// nodeSelector and any required node-affinity term.
    static func matchesNodeSelection(_ pod: Pod, labels: [String: String], nodeName: String) -> Bool {
        for (key, value) in pod.spec.nodeSelector ?? [:] where labels[key] != value { return false }
        guard let terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms,
              !terms.isEmpty else { return true }
        return terms.contains { $0.matches(labels, nodeName: nodeName) }
    }

    /// Effective requests in milli-units: max(sum of containers, largest init container) + overhead.
    static func requests(_ pod: Pod) -> [String: Int128] {
        var sum: [String: Int128] = [:]
        for container in pod.spec.containers {
            for (name, quantity) in container.resources?.requests ?? [:] { sum[name, default: 0] += quantity.milli }
        }
        for container in pod.spec.initContainers ?? [] {
            for (name, quantity) in container.resources?.requests ?? [:] { sum[name] = max(sum[name] ?? 0, quantity.milli) }
        }
        for (name, quantity) in pod.spec.overhead ?? [:] { sum[name, default: 0] += quantity.milli }
        sum["pods"] = 1000
        return sum
    }

    /// The first resource whose allocatable the pod would exceed.
    static func insufficient(_ pod: Pod, node: Node, onNode: [Pod]) -> String? {
        let allocatable = node.status?.allocatable ?? [:]
        var used: [String: Int128] = [:]
        for other in onNode { for (name, amount) in requests(other) { used[name, default: 0] += amount } }
        for (name, amount) in requests(pod).sorted(by: { $0.key < $1.key }) where amount > 0 {
            let available = allocatable[name]?.milli ?? 0
            if (used[name] ?? 0) + amount > available { return name }
        }
        return nil
    }

    /// `protocol/hostIP/port` for every requested host port.
    static func hostPorts(_ pod: Pod) -> [String] {
        pod.spec.containers.flatMap { $0.ports ?? [] }.compactMap { port in
            guard let hostPort = port.hostPort, hostPort > 0 else { return nil }
            return "\(port.protocol ?? "TCP")/\(hostPort)"
        }
    }

    /// Required anti-affinity (either direction) on the node's domain of each term's topology key.
    static func violatesAntiAffinity(_ pod: Pod, node: Node, nodes: [Node], placed: [Pod]) -> Bool {
        let nodeLabels = labelsByNode(nodes)
        let labels = node.metadata.labels ?? [:]
        let namespace = pod.metadata.namespace ?? "default"
        for term in pod.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [] {
            guard let domain = labels[term.topologyKey] else { continue }
            let namespaces = Set(term.namespaces ?? [namespace])
            let clash = placed.contains { other in
                namespaces.contains(other.metadata.namespace ?? "default")
                    && (term.labelSelector?.matches(other.metadata.labels ?? [:]) ?? false)
                    && nodeLabels[other.spec.nodeName ?? ""]?[term.topologyKey] == domain
            }
            if clash { return true }
        }
        // Symmetry: an existing pod's anti-affinity that matches the incoming pod.
        for other in placed {
            for term in other.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [] {
                guard let domain = labels[term.topologyKey],
                      nodeLabels[other.spec.nodeName ?? ""]?[term.topologyKey] == domain,
                      Set(term.namespaces ?? [other.metadata.namespace ?? "default"]).contains(namespace),
                      term.labelSelector?.matches(pod.metadata.labels ?? [:]) ?? false else { continue }
                return true
            }
        }
        return false
    }

    /// DoNotSchedule constraints: placing here must keep `count(domain) + 1 − min ≤ maxSkew`, over the
    /// domains of nodes that pass the pod's node selection.
    static func violatesSpread(_ pod: Pod, node: Node, nodes: [Node], placed: [Pod]) -> Bool {
        let nodeLabels = labelsByNode(nodes)
        let namespace = pod.metadata.namespace ?? "default"
        for constraint in pod.spec.topologySpreadConstraints ?? [] where constraint.whenUnsatisfiable == "DoNotSchedule" {
            guard let domain = node.metadata.labels?[constraint.topologyKey] else { return true }
            var counts: [String: Int] = [:]
            for candidate in nodes where matchesNodeSelection(pod, labels: candidate.metadata.labels ?? [:], nodeName: candidate.metadata.name ?? "") {
                if let value = candidate.metadata.labels?[constraint.topologyKey] { counts[value] = counts[value] ?? 0 }
            }
            for other in placed where (other.metadata.namespace ?? "default") == namespace
                && (constraint.labelSelector?.matches(other.metadata.labels ?? [:]) ?? false) {
                if let value = nodeLabels[other.spec.nodeName ?? ""]?[constraint.topologyKey], counts[value] != nil {
                    counts[value, default: 0] += 1
                }
            }
            let minimum = counts.values.min() ?? 0
            if (counts[domain] ?? 0) + 1 - minimum > Int(constraint.maxSkew) { return true }
        }
        return false
    }

    /// cpu and memory requested (with the pod) over allocatable, averaged; lower is emptier.
    static func allocatedFraction(on node: Node, placed: [Pod], adding pod: Pod) -> Double {
        let allocatable = node.status?.allocatable ?? [:]
        var used = requests(pod)
        for other in placed where other.spec.nodeName == node.metadata.name {
            for (name, amount) in requests(other) { used[name, default: 0] += amount }
        }
        let fractions = ["cpu", "memory"].map { name -> Double in
            let total = Double(allocatable[name]?.milli ?? 0)
            return total > 0 ? Double(used[name] ?? 0) / total : 1
        }
        return fractions.reduce(0, +) / Double(fractions.count)
    }

    private static func labelsByNode(_ nodes: [Node]) -> [String: [String: String]] {
        Dictionary(nodes.map { ($0.metadata.name ?? "", $0.metadata.labels ?? [:]) }, uniquingKeysWith: { first, _ in first })
    }
}
