import Foundation
import KubeClient
import KubeModel

extension SimulatedCluster {
    private static let podKind = Kind(Pod.resourceType)
    private static let budgetKind = Kind(PodDisruptionBudget.resourceType)

    /// Evicts a pod as the eviction subresource does: refused with 429 when a matching
    /// PodDisruptionBudget allows no disruption right now, 500 when more than one budget matches,
    /// otherwise the pod is deleted with `options`.
    package func evict(podName: String, namespace: String, options: DeleteOptions) async throws {
        try state.withLock { state throws(KubeError) in
            let key = Self.key(Self.podKind, namespace: namespace, name: podName)
            guard let pod = state.objects[Self.podKind]?[key] else { throw KubeError.notFound("pods \"\(podName)\" not found") }
            // Like the API server: pods that are deleting, pending or finished disrupt nothing, so budgets
            // are not consulted for them.
            let phase = pod.value(atPath: "status.phase")?.selectorText ?? "Pending"
            let ignoresBudgets = pod.value(atPath: "metadata.deletionTimestamp") != nil || ["Pending", "Succeeded", "Failed"].contains(phase)
            if !ignoresBudgets {
                let budgets = try matchingBudgets(for: pod, namespace: namespace, in: state)
                if budgets.count > 1 {
                    throw KubeError.server(code: 500, message: "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.")
                }
                if let budget = budgets.first, disruptionsAllowed(budget, namespace: namespace, in: state) < 1 {
                    throw KubeError.tooManyRequests("Cannot evict pod as it would violate the pod's disruption budget.", retryAfterSeconds: nil)
                }
            }
            try remove(kind: Self.podKind, type: Pod.resourceType, namespace: namespace, name: podName, options: options, in: &state)
        }
    }

    private func matchingBudgets(for pod: JSONValue, namespace: String, in state: State) throws(KubeError) -> [PodDisruptionBudget] {
        let labels = Self.labels(of: pod)
        return (state.objects[Self.budgetKind] ?? [:]).values.compactMap { value -> PodDisruptionBudget? in
            guard value.value(atPath: "metadata.namespace")?.selectorText == namespace,
                  let budget = try? value.decode(PodDisruptionBudget.self),
                  let selector = budget.spec.selector, selector.matches(labels) else { return nil }
            return budget
        }
    }

    /// Healthy matching pods minus what the budget requires, as the disruption controller computes it.
    private func disruptionsAllowed(_ budget: PodDisruptionBudget, namespace: String, in state: State) -> Int {
        guard let selector = budget.spec.selector else { return 0 }
        let pods = (state.objects[Self.podKind] ?? [:]).values.filter {
            $0.value(atPath: "metadata.namespace")?.selectorText == namespace && selector.matches(Self.labels(of: $0))
        }
        let healthy = pods.filter(Self.isHealthy).count
        let expected = pods.count
        if let minAvailable = budget.spec.minAvailable {
            return healthy - Self.resolve(minAvailable, total: expected, roundUp: true)
        }
        if let maxUnavailable = budget.spec.maxUnavailable {
            return healthy - (expected - Self.resolve(maxUnavailable, total: expected, roundUp: true))
        }
        return healthy
    }

    private static func isHealthy(_ pod: JSONValue) -> Bool {
        guard pod.value(atPath: "metadata.deletionTimestamp") == nil, pod.value(atPath: "status.phase")?.selectorText == "Running",
              case let .array(conditions)? = pod.value(atPath: "status.conditions") else { return false }
        return conditions.contains { $0["type"]?.selectorText == "Ready" && $0["status"]?.selectorText == "True" }
    }

    private static func resolve(_ value: IntOrString, total: Int, roundUp: Bool) -> Int {
        switch value {
        case let .int(count): return count
        case let .string(text):
            guard text.hasSuffix("%"), let percent = Double(text.dropLast()) else { return Int(text) ?? 0 }
            let exact = Double(total) * percent / 100
            return Int(roundUp ? exact.rounded(.up) : exact.rounded(.down))
        }
    }

    private static func labels(of object: JSONValue) -> [String: String] {
        guard case let .object(members)? = object.value(atPath: "metadata.labels") else { return [:] }
        return members.mapValues(\.selectorText)
    }
}
