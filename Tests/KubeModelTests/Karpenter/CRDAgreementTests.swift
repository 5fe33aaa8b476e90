import Foundation
import KubeModel
import Testing

/// Keeps `hack/tests/fixtures/kubemodel/*.json` equal to the JSON encoding of fully populated v1
/// objects. `hack/tests/test_crd_schemas.py` validates those fixtures strictly against the CRDs
/// (no field the schema lacks) and checks that every schema field appears in them, so a field
/// added to KubeModel or to the CRD generator alone fails one of the two tests.
/// Regenerate with `KARPENTER_UPDATE_FIXTURES=1 swift test --filter CRDAgreementTests`.
@Suite struct CRDAgreementTests {
    static let fixtureDirectory = "hack/tests/fixtures/kubemodel"

    @Test(arguments: [
        ("nodepool", FullObjects.encode(FullObjects.nodePool)),
        ("nodeclaim", FullObjects.encode(FullObjects.nodeClaim)),
        ("ec2nodeclass", FullObjects.encode(FullObjects.ec2NodeClass)),
    ])
    func fixtureMatchesKubeModel(name: String, encoded: String) throws {
        let path = "\(Self.fixtureDirectory)/\(name).json"
        let url = KarpenterFixtures.repositoryRoot.appendingPathComponent(path)
        if ProcessInfo.processInfo.environment["KARPENTER_UPDATE_FIXTURES"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try encoded.write(to: url, atomically: true, encoding: .utf8)
        }
        let committed = try? KarpenterFixtures.file(path)
        #expect(committed == encoded, "\(path) is stale: rerun with KARPENTER_UPDATE_FIXTURES=1 and update the CRD generator to match")
    }

    @Test(arguments: [
        ("nodepool", FullObjects.unsetFields(FullObjects.nodePool)),
        ("nodeclaim", FullObjects.unsetFields(FullObjects.nodeClaim)),
        ("ec2nodeclass", FullObjects.unsetFields(FullObjects.ec2NodeClass)),
    ])
    func fullObjectsSetEveryField(name: String, unset: [String]) {
        #expect(unset.isEmpty, "\(name): the full fixture leaves fields unset, so the CRD check cannot see them: \(unset)")
    }

    /// The EC2NodeClass sets mutually exclusive fields on purpose (to cover the schema), so only
    /// the pools and claims are expected to pass validation.
    @Test func fullNodePoolAndNodeClaimAreValid() {
        #expect(FullObjects.nodePool.validate().isEmpty)
        #expect(FullObjects.nodeClaim.validate().isEmpty)
    }
}

/// v1 objects with every field of spec and status set (metadata is not part of the CRD schema).
enum FullObjects {
    static let time = KubeTime(rfc3339: "2024-08-07T19:23:07Z") ?? KubeTime(Date(timeIntervalSince1970: 0))
    static let condition = Condition(
        type: "Ready", status: .true, reason: "Ready", message: "ok", lastTransitionTime: time, observedGeneration: 1)
    static let taint = Taint(key: "example.com/dedicated", value: "batch", effect: .noExecute, timeAdded: time)
    static let requirement = NodeSelectorRequirementWithMinValues(
        key: WellKnownLabels.instanceType, operator: .in, values: ["t3.medium", "t3.large"], minValues: 2)
    static let duration = NillableDuration("48h") ?? NillableDuration(seconds: 0)

    static let nodePool = NodePool(
        metadata: ObjectMeta(name: "full"),
        spec: NodePoolSpec(
            template: NodeClaimTemplate(
                metadata: TemplateMetadata(labels: ["team": "payments"], annotations: ["example.com/owner": "payments"]),
                spec: NodeClaimTemplateSpec(
                    taints: [taint], startupTaints: [taint], requirements: [requirement],
                    nodeClassRef: NodeClassReference(name: "default"), expireAfter: duration, terminationGracePeriod: duration)),
            disruption: Disruption(
                consolidationPolicy: .whenEmpty, consolidateAfter: NillableDuration("30s"),
                budgets: [Budget(nodes: "10%", schedule: "0 9 * * mon-fri", duration: NillableDuration("8h"), reasons: [.drifted])]),
            limits: ["cpu": "1k"], weight: 10),
        status: NodePoolStatus(resources: ["cpu": "4", "nodes": "2"], conditions: [condition]))

    static let nodeClaim = NodeClaim(
        metadata: ObjectMeta(name: "full-abcde"),
        spec: NodeClaimSpec(
            taints: [taint], startupTaints: [taint], requirements: [requirement],
            resources: ResourceRequests(requests: ["cpu": "430m"]), nodeClassRef: NodeClassReference(name: "default"),
            terminationGracePeriod: duration, expireAfter: duration),
        status: NodeClaimStatus(
            nodeName: "ip-10-10-210-178.ec2.internal", providerID: "aws:///us-east-1b/i-0cf1182591adb49e6",
            imageID: "ami-09c00c2e93ce7bd23", capacity: ["cpu": "2"], allocatable: ["cpu": "1930m"],
            conditions: [condition], lastPodEventTime: time))

    static let ec2NodeClass = EC2NodeClass(
        metadata: ObjectMeta(name: "full"),
        spec: EC2NodeClassSpec(
            subnetSelectorTerms: [SubnetSelectorTerm(tags: ["karpenter.sh/discovery": "weasel-eks"], id: nil),
                                  SubnetSelectorTerm(id: "subnet-0123abcd")],
            securityGroupSelectorTerms: [SecurityGroupSelectorTerm(tags: ["karpenter.sh/discovery": "weasel-eks"]),
                                         SecurityGroupSelectorTerm(id: "sg-0123abcd"), SecurityGroupSelectorTerm(name: "nodes")],
            associatePublicIPAddress: false,
            amiSelectorTerms: [AMISelectorTerm(alias: "al2023@latest"), AMISelectorTerm(id: "ami-0123abcd"),
                               AMISelectorTerm(tags: ["team": "payments"], name: "amazon-eks-node-*", owner: "amazon")],
            amiFamily: .al2023, userData: "echo hello", role: "KarpenterNodeRole-weasel-eks", instanceProfile: "profile",
            tags: ["team": "payments"],
            kubelet: KubeletConfiguration(
                clusterDNS: ["10.100.0.10"], maxPods: 110, podsPerCore: 10, systemReserved: ["cpu": "100m"],
                kubeReserved: ["memory": "200Mi"], evictionHard: ["memory.available": "5%"],
                evictionSoft: ["memory.available": "10%"], evictionSoftGracePeriod: ["memory.available": "1m30s"],
                evictionMaxPodGracePeriod: 60, imageGCHighThresholdPercent: 85, imageGCLowThresholdPercent: 80, cpuCFSQuota: true),
            blockDeviceMappings: [BlockDeviceMapping(
                deviceName: "/dev/xvda",
                ebs: BlockDevice(deleteOnTermination: true, encrypted: true, iops: 3000, kmsKeyID: "arn:aws:kms:us-east-1:111122223333:key/x",
                                 snapshotID: "snap-0123", throughput: 125, volumeSize: "20Gi", volumeType: "gp3"),
                rootVolume: true)],
            instanceStorePolicy: .raid0, detailedMonitoring: true, metadataOptions: MetadataOptions.defaults, context: "ctx"),
        status: EC2NodeClassStatus(
            subnets: [SubnetStatus(id: "subnet-0123abcd", zone: "us-east-1b", zoneID: "use1-az2")],
            securityGroups: [SecurityGroupStatus(id: "sg-0123abcd", name: "nodes")],
            amis: [AMIStatus(id: "ami-09c00c2e93ce7bd23", name: "amazon-eks-node",
                             requirements: [NodeSelectorRequirement(key: WellKnownLabels.arch, operator: .in, values: ["amd64"])],
                             deprecated: false)],
            instanceProfile: "profile", conditions: [condition]))

    /// Pretty JSON with sorted keys: the fixture format.
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Paths (below spec and status) of optional fields that are nil, and of collections that are
    /// empty, in every element of the lists they sit in.
    static func unsetFields(_ value: Any) -> [String] {
        var seen: [String] = []
        var set = Set<String>()
        func note(_ path: String, isSet: Bool) {
            if !seen.contains(path) { seen.append(path) }
            if isSet { set.insert(path) }
        }
        func walk(_ value: Any, _ path: String) {
            let mirror = Mirror(reflecting: value)
            switch mirror.displayStyle {
            case .optional:
                note(path, isSet: !mirror.children.isEmpty)
                if let child = mirror.children.first { walk(child.value, path) }
            case .collection, .dictionary, .set:
                note(path, isSet: !mirror.children.isEmpty)
                for child in mirror.children { walk(child.value, path + "[]") }
            case .struct, .class:
                for child in mirror.children {
                    let label = child.label ?? "?"
                    if path.isEmpty, label == "metadata" { continue }
                    walk(child.value, path.isEmpty ? label : path + "." + label)
                }
            default:
                break
            }
        }
        walk(value, "")
        return seen.filter { !set.contains($0) }
    }
}
