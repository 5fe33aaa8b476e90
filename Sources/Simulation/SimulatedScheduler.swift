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
        let nodes = try await cluster.listAll(Node.self).items
        let pods = try await cluster.listAll(Pod.self).items
        return try await schedule(pods.filter(Self.isPending), nodes: nodes, placed: pods.filter { $0.isBound && !$0.isTerminal })
    }

    /// Whether the scheduler should try to place `pod`: unbound, not terminal or deleting, and
    /// addressed to the default scheduler.
    package static func isPending(_ pod: Pod) -> Bool {
        !pod.isBound && !pod.isTerminal && pod.metadata.deletionTimestamp == nil
            && (pod.spec.schedulerName ?? "default-scheduler") == "default-scheduler"
    }

    /// Tries each of `pending` once against `nodes` and the already `placed` (bound, running) pods,
    /// for a caller that keeps its own picture of the cluster instead of listing it. Pods are tried
    /// in ``schedulePending()``'s order; identical pods (same namespace, labels and spec) that follow
    /// a failure with nothing placed in between reuse its message instead of trying every node again.
    package func schedule(_ pending: [Pod], nodes: [Node], placed: [Pod]) async throws -> Pass {
        var index = PlacementIndex(nodes: nodes, placed: placed)
        let ordered = pending.sorted { lhs, rhs in
            let (lp, rp) = (lhs.spec.priority ?? 0, rhs.spec.priority ?? 0)
            if lp != rp { return lp > rp }
            let (lt, rt) = (lhs.metadata.creationTimestamp?.date ?? .distantPast, rhs.metadata.creationTimestamp?.date ?? .distantPast)
            return lt != rt ? lt < rt : lhs.metadata.key < rhs.metadata.key
        }
        var failures: [PodShape: (placements: Int, message: String)] = [:]
        var pass = Pass()
        for pod in ordered {
            let namespace = pod.metadata.namespace ?? "default"
            let name = pod.metadata.name ?? ""
            let shape = PodShape(pod)
            if let failure = failures[shape], failure.placements == index.placements {
                pass.unschedulable["\(namespace)/\(name)"] = failure.message
                try await markUnschedulable(pod, message: failure.message)
                continue
            }
            let facts = PodFacts(pod)
            let context = index.context(for: facts)
            var reasons: [String: Int] = [:]
            var best: (index: Int, score: Double)?
            for candidate in index.nodes.indices {
                if let reason = index.reject(facts, on: candidate, context: context) {
                    reasons[reason, default: 0] += 1
                    continue
                }
                let score = index.allocatedFraction(on: candidate, adding: facts)
                if best == nil || score < (best?.score ?? 0) { best = (candidate, score) }
            }
            if let chosen = best?.index {
                let nodeName = index.nodes[chosen].name
                try await cluster.bind(podName: name, namespace: namespace, nodeName: nodeName)
                var bound = pod
                bound.spec.nodeName = nodeName
                index.place(PodFacts(bound))
                pass.bound.append("\(namespace)/\(name)")
            } else {
                let message = Self.message(nodes: index.nodes.count, reasons: reasons)
                failures[shape] = (index.placements, message)
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

    /// What the filters look at: two pods with the same shape get the same verdict on the same nodes.
    struct PodShape: Hashable {
        var namespace: String
        var labels: [String: String]
        var spec: PodSpec

        init(_ pod: Pod) {
            namespace = pod.metadata.namespace ?? "default"
            labels = pod.metadata.labels ?? [:]
            spec = pod.spec
        }
    }

    private func markUnschedulable(_ pod: Pod, message: String) async throws {
        let current = pod.status?.conditions?.first { $0.type == "PodScheduled" }
        if current?.status == "False", current?.reason == "Unschedulable", current?.message == message { return }
        let condition = PodCondition(type: "PodScheduled", status: "False", reason: "Unschedulable", message: message,
                                     lastTransitionTime: KubeTime(now()))
        try cluster.setPodScheduled(condition, podName: pod.metadata.name ?? "", namespace: pod.metadata.namespace ?? "default",
                                    binding: nil, expectedVersion: pod.metadata.resourceVersion)
    }
}
