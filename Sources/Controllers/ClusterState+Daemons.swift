import KubeModel
import Scheduling

/// One DaemonSet as the pod it will place on every node it is compatible with.
struct DaemonPod {
    /// The DaemonSet.
    let daemonSet: DaemonSet
    /// Its pod template as a pod.
    let pod: Pod
    /// The same pod as the solver sees it (requests, host ports, selectors).
    let solverPod: SchedulingPod

    init(_ daemonSet: DaemonSet) {
        var pod = Pod(metadata: ObjectMeta(name: daemonSet.metadata.name, namespace: daemonSet.metadata.namespace,
                                           uid: "daemonset/" + daemonSet.metadata.key,
                                           labels: daemonSet.spec.template.metadata?.labels),
                      spec: daemonSet.spec.template.spec)
        pod.status = nil
        self.daemonSet = daemonSet
        self.pod = pod
        solverPod = SchedulingPod(kube: pod)
    }

    /// Taints the DaemonSet controller tolerates on every pod it creates (node conditions and
    /// cordoning), whatever the template says.
    static let implicitlyTolerated = [
        "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable", "node.kubernetes.io/disk-pressure",
        "node.kubernetes.io/memory-pressure", "node.kubernetes.io/pid-pressure", "node.kubernetes.io/unschedulable",
        "node.kubernetes.io/network-unavailable",
    ]

    /// Whether the DaemonSet runs a pod on a node with `labels` and (solver) `taints`: its node
    /// selector and required node affinity match, and it tolerates every NoSchedule/NoExecute taint.
    func runs(onLabels labels: [String: String], taints: [Scheduling.Taint]) -> Bool {
        let spec = pod.spec
        guard (spec.nodeSelector ?? [:]).allSatisfy({ labels[$0.key] == $0.value }) else { return false }
        if let terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms,
           !terms.isEmpty, !terms.contains(where: { $0.matches(labels) }) {
            return false
        }
        let tolerations = spec.tolerations ?? []
        return taints.allSatisfy { taint in
            guard taint.effect != .preferNoSchedule, !Self.implicitlyTolerated.contains(taint.key) else { return true }
            let kube = KubeModel.Taint(key: taint.key, value: taint.value.isEmpty ? nil : taint.value,
                                       effect: KubeModel.TaintEffect(rawValue: taint.effect.rawValue) ?? .noSchedule)
            return tolerations.contains { $0.tolerates(kube) }
        }
    }

    /// Whether `pod` is this DaemonSet's pod.
    func owns(_ pod: Pod) -> Bool {
        guard pod.metadata.namespace == daemonSet.metadata.namespace else { return false }
        return pod.metadata.ownerReferences?.contains { owner in
            owner.kind == DaemonSet.resourceType.kind && (owner.controller ?? false)
                && (owner.uid == daemonSet.metadata.uid || owner.name == daemonSet.metadata.name)
        } ?? false
    }
}

extension ClusterState {
    /// Reserves on `node` the requests and host ports of every compatible DaemonSet that has no pod
    /// among `bound` yet: the DaemonSet controller will place one there, so pods the provisioner
    /// counts on fitting must leave room for it (upstream's remaining daemon resources).
    static func reserveDaemons(_ daemons: [DaemonPod], on node: inout ExistingNode, bound: [Pod]) {
        for daemon in daemons where daemon.runs(onLabels: node.labels, taints: node.taints) {
            guard !bound.contains(where: daemon.owns) else { continue }
            node.requested.add(daemon.solverPod.requests)
            node.hostPortsUsed += daemon.solverPod.hostPorts
        }
    }
}
