import Foundation
import KubeModel

/// Builders with defaults for the objects the conformance checks write. Every name is unique per run,
/// so checks never collide on a shared API server.
enum Fixtures {
    /// A short random suffix (lowercase, DNS-safe).
    static func suffix() -> String {
        String(UUID().uuidString.lowercased().prefix(8))
    }

    /// A pod that no kubelet will run. By default it names a scheduler that does not exist, so the
    /// real kube-scheduler leaves it alone (it would otherwise write its status concurrently with the
    /// checks); pass `schedulerName: nil` for pods the scheduler should place.
    static func pod(
        name: String = "pod-\(suffix())", namespace: String, labels: [String: String]? = ["app": "conformance"],
        nodeName: String? = nil, finalizers: [String]? = nil, schedulerName: String? = "conformance-no-scheduler"
    ) -> Pod {
        Pod(
            metadata: ObjectMeta(name: name, namespace: namespace, labels: labels, finalizers: finalizers),
            spec: PodSpec(
                containers: [Container(name: "main", image: "registry.invalid/pause:3.9",
                                       resources: ResourceRequirements(requests: ["cpu": Quantity(milli: 100), "memory": Quantity(64 << 20, format: .binarySI)]))],
                nodeName: nodeName, schedulerName: schedulerName, terminationGracePeriodSeconds: 0))
    }

    /// A node object with capacity and (optionally) a Ready condition, as a kubelet would register it.
    static func node(name: String = "node-\(suffix())", ready: Bool = true, labels: [String: String]? = nil) -> Node {
        let capacity: [String: Quantity] = ["cpu": Quantity(milli: 4_000), "memory": Quantity(16 << 30, format: .binarySI), "pods": Quantity(110)]
        return Node(
            metadata: ObjectMeta(name: name, labels: (labels ?? [:]).merging(["kubernetes.io/hostname": name]) { first, _ in first }),
            spec: NodeSpec(providerID: "kwok://\(name)"),
            status: NodeStatus(
                capacity: capacity, allocatable: capacity,
                conditions: [NodeCondition(type: "Ready", status: ready ? "True" : "False", reason: ready ? "KubeletReady" : "KubeletNotReady")]))
    }

    /// A pod template (a kind nothing else in the cluster watches).
    static func podTemplate(name: String = "tpl-\(suffix())", namespace: String) -> PodTemplate {
        PodTemplate(
            metadata: ObjectMeta(name: name, namespace: namespace),
            template: PodTemplate.Template(metadata: ObjectMeta(labels: ["app": "tpl"]), spec: PodSpec(containers: [Container(name: "main", image: "registry.invalid/pause:3.9")])))
    }

    /// A namespace for one check.
    static func namespace(_ prefix: String) -> Namespace {
        Namespace(metadata: ObjectMeta(name: "\(prefix)-\(suffix())"))
    }
}
