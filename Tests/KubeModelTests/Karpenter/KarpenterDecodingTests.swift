import Foundation
import KubeModel
import Testing

@Suite struct KarpenterDecodingTests {
    /// A NodePool as kube-apiserver returns it: managedFields, server-set metadata, defaulted
    /// fields, a field from a newer version (`replicas`) and status.
    static let nodePoolJSON = """
    {"apiVersion":"karpenter.sh/v1","kind":"NodePool","metadata":{"annotations":{"karpenter.sh/nodepool-hash":"6821555240594823858",
    "karpenter.sh/nodepool-hash-version":"v3"},"creationTimestamp":"2024-08-07T19:20:01Z","generation":3,
    "managedFields":[{"apiVersion":"karpenter.sh/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{}},"manager":"kubectl",
    "operation":"Apply","time":"2024-08-07T19:20:01Z"}],"name":"default","resourceVersion":"12345","uid":"4b3c5e0e-1111-2222-3333-444455556666"},
    "spec":{"disruption":{"budgets":[{"nodes":"10%"},{"nodes":"0","schedule":"0 9 * * mon-fri","duration":"8h","reasons":["Drifted"]}],
    "consolidateAfter":"0s","consolidationPolicy":"WhenEmptyOrUnderutilized"},"limits":{"cpu":1000,"memory":"1000Gi"},"replicas":3,
    "template":{"metadata":{"labels":{"team":"payments"}},"spec":{"expireAfter":"720h","nodeClassRef":{"group":"karpenter.k8s.aws",
    "kind":"EC2NodeClass","name":"default"},"requirements":[{"key":"kubernetes.io/arch","operator":"In","values":["amd64"]},
    {"key":"karpenter.k8s.aws/instance-generation","operator":"Gt","values":["2"]},{"key":"node.kubernetes.io/instance-type",
    "operator":"In","values":["t3.medium","t3.large"],"minValues":2}],"taints":[{"key":"example.com/gpu","effect":"NoSchedule"}]}},"weight":10},
    "status":{"conditions":[{"lastTransitionTime":"2024-08-07T19:20:02Z","message":"","observedGeneration":3,"reason":"Ready",
    "status":"True","type":"Ready"}],"resources":{"cpu":"2","ephemeral-storage":"20959212Ki","memory":"3943372Ki","nodes":"1","pods":"17"}}}
    """

    static let nodeClaimJSON = """
    {"apiVersion":"karpenter.sh/v1","kind":"NodeClaim","metadata":{"name":"default-gqq5d","generateName":"default-",
    "finalizers":["karpenter.sh/termination"],"labels":{"karpenter.sh/nodepool":"default","node.kubernetes.io/instance-type":"t3.medium"},
    "ownerReferences":[{"apiVersion":"karpenter.sh/v1","kind":"NodePool","name":"default","uid":"4b3c5e0e","blockOwnerDeletion":true}],
    "managedFields":[]},"spec":{"expireAfter":"720h","nodeClassRef":{"group":"karpenter.k8s.aws","kind":"EC2NodeClass","name":"default"},
    "requirements":[{"key":"karpenter.sh/nodepool","operator":"In","values":["default"]}],"resources":{"requests":{"cpu":"430m",
    "memory":"870Mi","pods":"8"}}},"status":{"allocatable":{"cpu":"1930m","ephemeral-storage":"17Gi","memory":"3246Mi","pods":"17"},
    "capacity":{"cpu":"2","memory":"3943372Ki","pods":"17"},"conditions":[{"type":"Launched","status":"True","reason":"Launched",
    "lastTransitionTime":"2024-08-07T19:23:10Z"},{"type":"Registered","status":"Unknown","reason":"NodeNotFound","message":"Node not registered with cluster"}],
    "imageID":"ami-09c00c2e93ce7bd23","lastPodEventTime":"2024-08-07T19:24:00Z","nodeName":"ip-10-10-210-178.ec2.internal",
    "providerID":"aws:///us-east-1b/i-0cf1182591adb49e6"}}
    """

    static let ec2NodeClassJSON = """
    {"apiVersion":"karpenter.k8s.aws/v1","kind":"EC2NodeClass","metadata":{"name":"default","finalizers":["karpenter.k8s.aws/termination"]},
    "spec":{"amiFamily":"AL2","amiSelectorTerms":[{"id":"ami-09c00c2e93ce7bd23"}],"metadataOptions":{"httpEndpoint":"enabled",
    "httpProtocolIPv6":"disabled","httpPutResponseHopLimit":1,"httpTokens":"required"},"role":"KarpenterNodeRole-weasel-eks",
    "securityGroupSelectorTerms":[{"tags":{"karpenter.sh/discovery":"weasel-eks"}}],"subnetSelectorTerms":[{"tags":{"karpenter.sh/discovery":"weasel-eks"}}],
    "capacityReservationSelectorTerms":[]},"status":{"amis":[{"id":"ami-09c00c2e93ce7bd23","name":"amazon-eks-node-1.30-v20240729",
    "requirements":[{"key":"kubernetes.io/arch","operator":"In","values":["amd64"]}]}],"instanceProfile":"weasel-eks_1234",
    "securityGroups":[{"id":"sg-0a1b2c3d","name":"eks-cluster-sg"}],"subnets":[{"id":"subnet-0a1b","zone":"us-east-1b","zoneID":"use1-az2"}],
    "conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2024-08-07T19:20:00Z","reason":"Ready","message":""}]}}
    """

    static func decode<Value: Decodable>(_ type: Value.Type, _ json: String) throws -> Value {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    @Test func decodesANodePoolFromTheAPIServer() throws {
        let pool = try Self.decode(NodePool.self, Self.nodePoolJSON)
        #expect(pool.metadata.name == "default")
        #expect(pool.metadata.generation == 3)
        #expect(pool.spec.limits?["cpu"] == "1k")
        #expect(pool.spec.weight == 10)
        #expect(pool.spec.disruption?.consolidationPolicy == .whenEmptyOrUnderutilized)
        #expect(pool.spec.disruption?.budgets?[1].duration?.text == "8h")
        #expect(pool.spec.disruption?.budgets?[1].reasons == [.drifted])
        #expect(pool.spec.template.spec.requirements[2].minValues == 2)
        #expect(pool.spec.template.spec.taints?.first?.effect == .noSchedule)
        #expect(pool.status?.conditions?.isTrue(NodePoolConditionType.ready) == true)
        #expect(pool.status?.resources?["nodes"] == "1")
        #expect(pool.validate().isEmpty)
    }

    @Test func decodesANodeClaimFromTheAPIServer() throws {
        let claim = try Self.decode(NodeClaim.self, Self.nodeClaimJSON)
        #expect(claim.metadata.ownerReferences?.first?.blockOwnerDeletion == true)
        #expect(claim.spec.resources?.requests?["memory"] == "870Mi")
        #expect(claim.status?.allocatable?["cpu"] == "1930m")
        #expect(claim.status?.conditions?.isTrue(NodeClaimConditionType.launched) == true)
        #expect(claim.status?.conditions?.condition(NodeClaimConditionType.registered)?.status == .unknown)
        #expect(claim.status?.lastPodEventTime == KubeTime(rfc3339: "2024-08-07T19:24:00Z"))
        #expect(claim.validate().isEmpty)
    }

    @Test func decodesAnEC2NodeClassFromTheAPIServer() throws {
        let nodeClass = try Self.decode(EC2NodeClass.self, Self.ec2NodeClassJSON)
        #expect(nodeClass.spec.amiFamily == .al2)
        #expect(nodeClass.spec.metadataOptions == MetadataOptions.defaults)
        #expect(nodeClass.status?.subnets?.first?.zoneID == "use1-az2")
        #expect(nodeClass.status?.amis?.first?.requirements.first?.key == "kubernetes.io/arch")
        #expect(nodeClass.validate().isEmpty)
    }

    @Test func encodingOmitsUnsetFieldsAndKeepsDurationsAsWritten() throws {
        var pool = KarpenterFixtures.nodePool()
        pool.spec.template.spec.expireAfter = NillableDuration("1h30m")
        let json = String(decoding: try JSONEncoder().encode(pool), as: UTF8.self)
        #expect(!json.contains("null"))
        #expect(!json.contains("disruption"))
        #expect(!json.contains("status"))
        #expect(json.contains("\"expireAfter\":\"1h30m\""))
        let back = try JSONDecoder().decode(NodePool.self, from: Data(json.utf8))
        #expect(back == pool)
    }

    @Test func budgetNodesAcceptsAnInteger() throws {
        let budget = try Self.decode(Budget.self, #"{"nodes": 5}"#)
        #expect(budget.nodes == "5")
    }

    @Test(arguments: [
        ("720h", Int64(720 * 3600) * 1_000_000_000),
        ("0s", Int64(0)),
        ("1h30m", Int64(5400) * 1_000_000_000),
        ("1.5h", Int64(5400) * 1_000_000_000),
        ("300ms", Int64(300_000_000)),
    ])
    func parsesGoDurations(text: String, nanoseconds: Int64) throws {
        let duration = try #require(NillableDuration(text))
        #expect(duration.nanoseconds == nanoseconds)
        #expect(duration.text == text)
    }

    @Test(arguments: ["", "h", "10", "10x", "1..5h", "Forever"])
    func rejectsMalformedDurations(text: String) {
        #expect(NillableDuration(text) == nil)
    }

    @Test func neverIsNotALength() throws {
        let never = try #require(NillableDuration("Never"))
        #expect(never.isNever)
        #expect(never.duration == nil)
        #expect(NillableDuration("60m") == NillableDuration("1h"))
    }

    @Test func malformedDurationNamesTheValue() {
        #expect(throws: DecodingError.self) { try Self.decode(Disruption.self, #"{"consolidateAfter":"soon"}"#) }
    }
}

@Suite struct KarpenterResourceTypeTests {
    @Test(arguments: [
        (NodePool.resourceType, "karpenter.sh/v1", "nodepools"),
        (NodeClaim.resourceType, "karpenter.sh/v1", "nodeclaims"),
        (EC2NodeClass.resourceType, "karpenter.k8s.aws/v1", "ec2nodeclasses"),
        (V1Beta1.NodePool.resourceType, "karpenter.sh/v1beta1", "nodepools"),
        (V1Beta1.NodeClaim.resourceType, "karpenter.sh/v1beta1", "nodeclaims"),
        (V1Beta1.EC2NodeClass.resourceType, "karpenter.k8s.aws/v1beta1", "ec2nodeclasses"),
    ])
    func clusterScopedWithUpstreamPlurals(type: ResourceType, apiVersion: String, plural: String) {
        #expect(type.apiVersion == apiVersion)
        #expect(type.plural == plural)
        #expect(type.namespaced == false)
        #expect(type.pathPrefix == "/apis/\(apiVersion)")
    }

    @Test func objectsCarryTheirAPIVersionAndKind() throws {
        let json = String(decoding: try JSONEncoder().encode(KarpenterFixtures.ec2NodeClass()), as: UTF8.self)
        #expect(json.contains(#""apiVersion":"karpenter.k8s.aws\/v1""#) || json.contains(#""apiVersion":"karpenter.k8s.aws/v1""#))
        #expect(json.contains(#""kind":"EC2NodeClass""#))
    }
}
