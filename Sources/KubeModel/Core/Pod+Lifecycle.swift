/// Questions about a pod's lifecycle that several controllers ask, answered in one place.
extension Pod {
    /// Bound to a node.
    package var isBound: Bool { !(spec.nodeName ?? "").isEmpty }

    /// `Succeeded` or `Failed`: the pod holds no resources any more.
    package var isTerminal: Bool {
        let phase = status?.phase
        return phase == "Succeeded" || phase == "Failed"
    }

    /// The scheduler tried and failed: `PodScheduled=False` with reason `Unschedulable`.
    package var isMarkedUnschedulable: Bool {
        guard let condition = status?.condition("PodScheduled") else { return false }
        return condition.status == "False" && condition.reason == "Unschedulable"
    }

    /// Whether an owner reference of `kind` marks the controller of this pod.
    package func isControlled(byKind kind: String) -> Bool {
        metadata.ownerReferences?.contains { $0.kind == kind && ($0.controller ?? false) } ?? false
    }

    /// Created by a DaemonSet: never a reason to provision, always part of node overhead.
    package var isDaemonSetPod: Bool { isControlled(byKind: "DaemonSet") }

    /// A static pod mirrored by the kubelet; cannot be evicted through the API.
    package var isMirror: Bool { metadata.annotations?["kubernetes.io/config.mirror"] != nil }

    /// A pod waiting for preemption to make room on a nominated node.
    package var isPreempting: Bool { !(status?.nominatedNodeName ?? "").isEmpty }

    /// Whether the pod opts out of voluntary disruption (`karpenter.sh/do-not-disrupt: "true"`).
    package var hasDoNotDisrupt: Bool { metadata.annotations?[WellKnownAnnotations.doNotDisrupt] == "true" }
}
