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
        let kind = Kind(Pod.resourceType)
        let scheduled = try JSONValue(encoding: PodCondition(type: "PodScheduled", status: "True", lastTransitionTime: KubeTime(now())))
        try state.withLock { state throws(KubeError) in
            let key = Self.key(kind, namespace: namespace, name: podName)
            guard let old = state.objects[kind]?[key] else { throw KubeError.notFound("pods \"\(podName)\" not found") }
            if let bound = old.value(atPath: "spec.nodeName")?.selectorText, !bound.isEmpty {
                throw KubeError.conflict("pod \(namespace)/\(podName) is already assigned to node \"\(bound)\"")
            }
            var pod = old
            pod["spec"]?["nodeName"] = .string(nodeName)
            var status = pod["status"] ?? .object([:])
            var conditions: [JSONValue] = if case let .array(list)? = status["conditions"] { list } else { [] }
            conditions.removeAll { $0["type"]?.selectorText == "PodScheduled" }
            conditions.append(scheduled)
            status["conditions"] = .array(conditions)
            pod["status"] = status
            let generation = old.value(atPath: "metadata.generation").flatMap { if case let .number(n) = $0 { n } else { nil } } ?? 1
            pod["metadata"]?["generation"] = .number(generation + 1)
            state.version += 1
            pod["metadata"]?["resourceVersion"] = .string(String(state.version))
            state.objects[kind]?[key] = pod
            publish(Change(kind: kind, type: "MODIFIED", old: old, object: pod, version: state.version), in: &state)
        }
    }

    /// An update (or status update) whose result the caller does not need: the same checks and
    /// events as ``update(_:subresource:)`` without decoding the stored object back. For the
    /// simulator's own components, which write often and never read their writes back.
    func store<Object: KubeResource>(_ object: Object, subresource: KubeSubresource?) throws {
        let kind = Kind(Object.resourceType)
        let value = try JSONValue(encoding: object)
        _ = try state.withLock { state throws(KubeError) in
            try write(value, kind: kind, namespace: object.metadata.namespace, name: object.metadata.name ?? "",
                      subresource: subresource, expectedVersion: object.metadata.resourceVersion, in: &state)
        }
    }
}
