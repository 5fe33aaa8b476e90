import Foundation
import KubeModel

/// Builders with defaults for Karpenter objects, and access to the repository's example files.
enum KarpenterFixtures {
    /// The repository root (three levels above this file).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Text of a file under the repository root.
    static func file(_ relativePath: String) throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// A valid v1 NodePool like the seed's, with overridable requirements.
    static func nodePool(
        name: String = "default",
        requirements: [NodeSelectorRequirementWithMinValues] = [
            NodeSelectorRequirementWithMinValues(key: WellKnownLabels.arch, operator: .in, values: ["amd64"]),
            NodeSelectorRequirementWithMinValues(key: WellKnownLabels.capacityType, operator: .in, values: ["spot"]),
            NodeSelectorRequirementWithMinValues(key: WellKnownLabels.instanceType, operator: .in, values: ["t3.medium"]),
        ],
        disruption: Disruption? = nil,
        labels: [String: String]? = nil
    ) -> NodePool {
        NodePool(
            metadata: ObjectMeta(name: name),
            spec: NodePoolSpec(
                template: NodeClaimTemplate(
                    metadata: labels.map { TemplateMetadata(labels: $0) },
                    spec: NodeClaimTemplateSpec(requirements: requirements, nodeClassRef: NodeClassReference(name: "default"))),
                disruption: disruption,
                limits: ["cpu": "1000"]))
    }

    /// A valid v1 EC2NodeClass like the seed's.
    static func ec2NodeClass(
        amiSelectorTerms: [AMISelectorTerm] = [AMISelectorTerm(id: "ami-09c00c2e93ce7bd23")],
        amiFamily: AMIFamily? = .al2
    ) -> EC2NodeClass {
        EC2NodeClass(
            metadata: ObjectMeta(name: "default"),
            spec: EC2NodeClassSpec(
                subnetSelectorTerms: [SubnetSelectorTerm(tags: ["karpenter.sh/discovery": "weasel-eks"])],
                securityGroupSelectorTerms: [SecurityGroupSelectorTerm(tags: ["karpenter.sh/discovery": "weasel-eks"])],
                amiSelectorTerms: amiSelectorTerms, amiFamily: amiFamily, role: "KarpenterNodeRole-weasel-eks"))
    }

    /// A valid v1 NodeClaim as the provisioner would create it.
    static func nodeClaim() -> NodeClaim {
        NodeClaim(
            metadata: ObjectMeta(name: "default-gqq5d", labels: [WellKnownLabels.nodePool: "default"]),
            spec: NodeClaimSpec(
                requirements: [
                    NodeSelectorRequirementWithMinValues(key: WellKnownLabels.nodePool, operator: .in, values: ["default"]),
                    NodeSelectorRequirementWithMinValues(key: WellKnownLabels.instanceType, operator: .in, values: ["t3.medium"]),
                ],
                resources: ResourceRequests(requests: ["cpu": "430m", "memory": "870Mi", "pods": "8"]),
                nodeClassRef: NodeClassReference(name: "default")))
    }
}
