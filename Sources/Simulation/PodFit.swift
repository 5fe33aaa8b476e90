import KubeModel

/// kube-scheduler's per-pod facts, simply: node selection, effective requests and host ports. The
/// filters that depend on what is already placed live in ``PlacementIndex``. Used by ``SimulatedScheduler``.
enum PodFit {
    /// nodeSelector and any required node-affinity term.
    static func matchesNodeSelection(_ pod: Pod, labels: [String: String], nodeName: String) -> Bool {
        for (key, value) in pod.spec.nodeSelector ?? [:] where labels[key] != value { return false }
        guard let terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms,
              !terms.isEmpty else { return true }
        return terms.contains { $0.matches(labels, nodeName: nodeName) }
    }

    /// Effective requests in milli-units: max(sum of containers, largest init container) + overhead,
    /// plus one pod (1000 milli-pods), sorted by resource name.
    static func requests(_ pod: Pod) -> [(name: String, amount: Int128)] {
        var sum: [String: Int128] = [:]
        for container in pod.spec.containers {
            for (name, quantity) in container.resources?.requests ?? [:] { sum[name, default: 0] += quantity.milli }
        }
        for container in pod.spec.initContainers ?? [] {
            for (name, quantity) in container.resources?.requests ?? [:] { sum[name] = max(sum[name] ?? 0, quantity.milli) }
        }
        for (name, quantity) in pod.spec.overhead ?? [:] { sum[name, default: 0] += quantity.milli }
        sum["pods"] = 1000
        return sum.sorted { $0.key < $1.key }.map { (name: $0.key, amount: $0.value) }
    }

    /// `protocol/hostIP/port` for every requested host port.
    static func hostPorts(_ pod: Pod) -> [String] {
        pod.spec.containers.flatMap { $0.ports ?? [] }.compactMap { port in
            guard let hostPort = port.hostPort, hostPort > 0 else { return nil }
            return "\(port.protocol ?? "TCP")/\(hostPort)"
        }
    }
}
