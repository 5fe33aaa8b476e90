import Foundation
import KubeClient
import KubeModel

extension SimulatedCluster {
    /// The pods/binding subresource as the in-memory cluster offers it: sets `spec.nodeName` of an
    /// unbound pod and marks it `PodScheduled=True` in one write (one MODIFIED event), as the API
    /// server does. Throws `conflict` when the pod is already bound (the API server's answer) and
    /// `notFound` when it does not exist. Only ``SimulatedScheduler`` binds; on a real control plane
    /// kube-scheduler does.
    package func bind(podName: String, namespace: String, nodeName: String) async throws {
        let scheduled = PodCondition(type: "PodScheduled", status: "True", lastTransitionTime: KubeTime(now()))
        try setPodScheduled(scheduled, podName: podName, namespace: namespace, binding: nodeName, expectedVersion: nil)
    }

    /// Replaces the pod's `PodScheduled` condition, and with `binding` sets `spec.nodeName` too (an
    /// unbound pod only), in one write on the stored JSON: the simulated scheduler's writes, which
    /// would otherwise encode the whole pod for one condition. `expectedVersion` guards like an update's.
    func setPodScheduled(_ condition: PodCondition, podName: String, namespace: String, binding nodeName: String?,
                         expectedVersion: String?) throws {
        let kind = Kind(Pod.resourceType)
        let encoded = try JSONValue(encoding: condition)
        try state.withLock { state throws(KubeError) in
            let key = Self.key(kind, namespace: namespace, name: podName)
            guard let old = state.objects[kind]?[key] else { throw KubeError.notFound("pods \"\(podName)\" not found") }
            if let expectedVersion, !expectedVersion.isEmpty, expectedVersion != old.value(atPath: "metadata.resourceVersion")?.selectorText {
                throw KubeError.conflict(Self.conflictMessage(Pod.resourceType, podName))
            }
            var pod = old
            if let nodeName {
                if let bound = old.value(atPath: "spec.nodeName")?.selectorText, !bound.isEmpty {
                    throw KubeError.conflict("pod \(namespace)/\(podName) is already assigned to node \"\(bound)\"")
                }
                pod["spec"]?["nodeName"] = .string(nodeName)
                let generation = old.value(atPath: "metadata.generation").flatMap { if case let .number(n) = $0 { n } else { nil } } ?? 1
                pod["metadata"]?["generation"] = .number(generation + 1)
            }
            var status = pod["status"] ?? .object(["phase": .string("Pending")])
            var conditions: [JSONValue] = if case let .array(list)? = status["conditions"] { list } else { [] }
            conditions.removeAll { $0["type"]?.selectorText == "PodScheduled" }
            conditions.append(encoded)
            status["conditions"] = .array(conditions)
            pod["status"] = status
            if pod == old { return }
            state.version += 1
            pod["metadata"]?["resourceVersion"] = .string(String(state.version))
            state.objects[kind]?[key] = pod
            publish(Change(kind: kind, type: "MODIFIED", old: old, object: pod, version: state.version), in: &state)
        }
    }
}
