import Foundation
import KubeClient
import KubeModel

extension SimulatedCluster {
    /// The pods/binding subresource as the in-memory cluster offers it: sets `spec.nodeName` of an
    /// unbound pod and marks it `PodScheduled=True`. Throws `conflict` when the pod is already bound
    /// (the API server's answer) and `notFound` when it does not exist. Only ``SimulatedScheduler``
    /// binds; on a real control plane kube-scheduler does.
    package func bind(podName: String, namespace: String, nodeName: String) async throws {
        var pod = try await get(Pod.self, name: podName, namespace: namespace)
        if let bound = pod.spec.nodeName, !bound.isEmpty {
            throw KubeError.conflict("pod \(namespace)/\(podName) is already assigned to node \"\(bound)\"")
        }
        pod.spec.nodeName = nodeName
        var updated = try await update(pod)
        var status = updated.status ?? PodStatus()
        var conditions = (status.conditions ?? []).filter { $0.type != "PodScheduled" }
        conditions.append(PodCondition(type: "PodScheduled", status: "True", lastTransitionTime: KubeTime(Date())))
        status.conditions = conditions
        updated.status = status
        _ = try await updateStatus(updated)
    }
}
