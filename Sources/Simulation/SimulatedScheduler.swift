import Foundation
import KubeClient
import KubeModel

/// A small kube-scheduler for the in-memory cluster: binds each pending pod to a node it fits
/// (resources, taints, nodeSelector, required node affinity, host ports, required pod anti-affinity,
/// DoNotSchedule topology spread), else marks it `PodScheduled=False` / `Unschedulable` with a
/// kube-scheduler-style message. It is written independently of the `Scheduling` solver on purpose:
/// it judges the solver's plans. Among fitting nodes it picks the least allocated (kube-scheduler's
/// default score), ties by name, so runs are deterministic.
package struct SimulatedScheduler: Sendable {
    /// Outcome of one pass.
    package struct Pass: Sendable, Equatable {
        /// Pods bound in this pass (`namespace/name`).
        package var bound: [String] = []
        /// Pods left pending, with the message written to them.
        package var unschedulable: [String: String] = [:]
    }

    let cluster: SimulatedCluster
    let now: @Sendable () -> Date

    /// Creates a scheduler for `cluster`; `now` stamps conditions.
    package init(cluster: SimulatedCluster, now: @escaping @Sendable () -> Date = { Date() }) {
        self.cluster = cluster
        self.now = now
    }

    /// Tries every pending pod once, oldest first (higher priority first).
    package func schedulePending() async throws -> Pass {
        let nodes = try await cluster.listAll(Node.self).items.sorted { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }
        let pods = try await cluster.listAll(Pod.self).items
        var placed = pods.filter { $0.isBound && !$0.isTerminal }
        let pending = pods.filter { !$0.isBound && !$0.isTerminal && $0.metadata.deletionTimestamp == nil
            && ($0.spec.schedulerName ?? "default-scheduler") == "default-scheduler" }
            .sorted { lhs, rhs in
                let (lp, rp) = (lhs.spec.priority ?? 0, rhs.spec.priority ?? 0)
                if lp != rp { return lp > rp }
                let (lt, rt) = (lhs.metadata.creationTimestamp?.date ?? .distantPast, rhs.metadata.creationTimestamp?.date ?? .distantPast)
                return lt != rt ? lt < rt : lhs.metadata.key < rhs.metadata.key
            }
        var pass = Pass()
        for pod in pending {
            var reasons: [String: Int] = [:]
            var best: (node: Node, score: Double)?
            for node in nodes {
                if let reason = PodFit.reject(pod, on: node, nodes: nodes, placed: placed) {
                    reasons[reason, default: 0] += 1
                    continue
                }
                let score = PodFit.allocatedFraction(on: node, placed: placed, adding: pod)
                if best == nil || score < (best?.score ?? 0) { best = (node, score) }
            }
            let namespace = pod.metadata.namespace ?? "default"
            let name = pod.metadata.name ?? ""
            if let chosen = best?.node, let nodeName = chosen.metadata.name {
                try await cluster.bind(podName: name, namespace: namespace, nodeName: nodeName)
                var bound = pod
                bound.spec.nodeName = nodeName
                placed.append(bound)
                pass.bound.append("\(namespace)/\(name)")
            } else {
                let message = Self.message(nodes: nodes.count, reasons: reasons)
                pass.unschedulable["\(namespace)/\(name)"] = message
                try await markUnschedulable(pod, message: message)
            }
        }
        return pass
    }

    /// `0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {…}.`
    static func message(nodes: Int, reasons: [String: Int]) -> String {
        if nodes == 0 { return "no nodes available to schedule pods" }
        let parts = reasons.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
        return "0/\(nodes) nodes are available: \(parts.joined(separator: ", "))."
    }

    private func markUnschedulable(_ pod: Pod, message: String) async throws {
        let current = pod.status?.conditions?.first { $0.type == "PodScheduled" }
        if current?.status == "False", current?.reason == "Unschedulable", current?.message == message { return }
        var updated = pod
        var status = updated.status ?? PodStatus(phase: "Pending")
        var conditions = (status.conditions ?? []).filter { $0.type != "PodScheduled" }
        conditions.append(PodCondition(type: "PodScheduled", status: "False", reason: "Unschedulable", message: message,
                                       lastTransitionTime: KubeTime(now())))
        status.conditions = conditions
        updated.status = status
        _ = try await cluster.updateStatus(updated)
    }
}
