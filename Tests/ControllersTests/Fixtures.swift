import ControllerRuntime
import Controllers
import Foundation
import KubeModel
import Logging
import Operator
import Scheduling
import Simulation
import TestSupport

/// Builders with defaults for the controllers' tests: a small EC2-like catalogue, the seed's
/// NodePool, pods and daemonsets with requests, and a harness wiring the real controllers to a
/// SimulatedCluster, a FakeCloudProvider, a VirtualClock and the production JSON log handler.
enum Fixtures {
    static let zones = FakeCloudProvider.zones
    static let catalogue = FakeCloudProvider.defaultCatalogue

    /// The seed's NodePool (v1 form of deploy/examples/v1beta1/nodepool.yaml).
    static func nodePool(name: String = "default", instanceTypes: [String]? = ["t3.medium"], capacityTypes: [String] = ["spot"],
                         limits: [String: Quantity]? = ["cpu": Quantity(1000)], startupTaints: [KubeModel.Taint]? = nil) -> NodePool {
        var requirements = [
            NodeSelectorRequirementWithMinValues(key: WellKnownLabels.arch, operator: .in, values: ["amd64"]),
            NodeSelectorRequirementWithMinValues(key: WellKnownLabels.os, operator: .in, values: ["linux"]),
            NodeSelectorRequirementWithMinValues(key: WellKnownLabels.capacityType, operator: .in, values: capacityTypes),
        ]
        if let instanceTypes {
            requirements.append(.init(key: WellKnownLabels.instanceType, operator: .in, values: instanceTypes))
        }
        let spec = NodeClaimTemplateSpec(startupTaints: startupTaints, requirements: requirements,
                                         nodeClassRef: NodeClassReference(name: "default"),
                                         expireAfter: NillableDuration("720h"))
        return NodePool(metadata: ObjectMeta(name: name), spec: NodePoolSpec(template: NodeClaimTemplate(spec: spec), limits: limits))
    }

    /// The seed's EC2NodeClass (v1 form), which the seed NodePool references.
    static func nodeClass(name: String = "default", conditions: [Condition]? = nil) -> EC2NodeClass {
        EC2NodeClass(metadata: ObjectMeta(name: name),
                     spec: EC2NodeClassSpec(subnetSelectorTerms: [SubnetSelectorTerm(tags: ["karpenter.sh/discovery": "weasel-eks"])],
                                            securityGroupSelectorTerms: [SecurityGroupSelectorTerm(tags: ["karpenter.sh/discovery": "weasel-eks"])],
                                            amiSelectorTerms: [AMISelectorTerm(alias: "al2@latest")],
                                            role: "KarpenterNodeRole-weasel-eks"),
                     status: conditions.map { EC2NodeClassStatus(conditions: $0) })
    }

    /// A pending pod the scheduler marked unschedulable.
    static func pod(_ name: String, namespace: String = "monitoring", cpu: String = "100m", memory: String = "128Mi",
                    labels: [String: String] = [:], affinity: Affinity? = nil,
                    spread: [KubeModel.TopologySpreadConstraint]? = nil) -> Pod {
        let container = Container(name: "main", image: "example", resources: ResourceRequirements(
            requests: ["cpu": Quantity(stringLiteral: cpu), "memory": Quantity(stringLiteral: memory)]))
        return Pod(metadata: ObjectMeta(name: name, namespace: namespace, labels: labels),
                   spec: PodSpec(containers: [container], affinity: affinity, topologySpreadConstraints: spread),
                   status: PodStatus(phase: "Pending", conditions: [
                       PodCondition(type: "PodScheduled", status: "False", reason: "Unschedulable",
                                    message: "0/0 nodes are available"),
                   ]))
    }

    /// A DaemonSet whose pod template requests `cpu` and `memory`.
    static func daemonSet(_ name: String, cpu: String, memory: String? = nil) -> DaemonSet {
        var requests: [String: Quantity] = ["cpu": Quantity(stringLiteral: cpu)]
        if let memory { requests["memory"] = Quantity(stringLiteral: memory) }
        let container = Container(name: name, image: "example", resources: ResourceRequirements(requests: requests))
        return DaemonSet(metadata: ObjectMeta(name: name, namespace: "kube-system"),
                         spec: DaemonSetSpec(selector: KubeModel.LabelSelector(matchLabels: ["app": name]),
                                             template: PodTemplateSpec(metadata: ObjectMeta(labels: ["app": name]),
                                                                       spec: PodSpec(containers: [container]))))
    }

    /// The seed's three monitoring pods (210m / 690Mi).
    static let seedPods = [
        pod("grafana-867556d6f5-2lpdh", cpu: "100m", memory: "128Mi"),
        pod("prometheus-server-5d8d4b9d9b-kmhld", cpu: "100m", memory: "512Mi"),
        pod("prometheus-alertmanager-0", cpu: "10m", memory: "50Mi"),
    ]

    /// The seed's five node daemons (220m / 180Mi, five pods).
    static let seedDaemonSets = [
        daemonSet("aws-node", cpu: "25m"),
        daemonSet("kube-proxy", cpu: "100m"),
        daemonSet("ebs-csi-node", cpu: "30m", memory: "120Mi"),
        daemonSet("eks-pod-identity-agent", cpu: "25m"),
        daemonSet("prometheus-node-exporter", cpu: "40m", memory: "60Mi"),
    ]
}
