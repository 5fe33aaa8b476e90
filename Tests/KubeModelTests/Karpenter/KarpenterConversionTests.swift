import KubeModel
import Testing

@Suite struct KarpenterConversionTests {
    static func seedDocuments() throws -> (V1Beta1.NodePool, V1Beta1.EC2NodeClass) {
        let documents = try Manifest.decode(ManifestTests.seed)
        guard case let .v1beta1NodePool(pool) = documents.first?.object,
              case let .v1beta1EC2NodeClass(nodeClass) = documents.last?.object
        else { throw ManifestError.notAnObject(document: 1) }
        return (pool, nodeClass)
    }

    @Test func seedNodePoolRoundTrips() throws {
        let (old, _) = try Self.seedDocuments()
        let converted = NodePool(converting: old)
        #expect(converted.spec.disruption?.consolidationPolicy == .whenEmptyOrUnderutilized)
        #expect(converted.spec.disruption?.consolidateAfter?.text == "0s")
        #expect(converted.spec.template.spec.expireAfter?.text == "720h")
        #expect(converted.spec.template.spec.nodeClassRef == NodeClassReference(group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "default"))
        #expect(converted.validate().isEmpty)
        #expect(try converted.v1beta1() == old)
    }

    @Test func seedEC2NodeClassRoundTrips() throws {
        let (_, old) = try Self.seedDocuments()
        let converted = EC2NodeClass(converting: old)
        #expect(converted.spec.amiFamily == .al2)
        #expect(converted.spec.amiSelectorTerms == [AMISelectorTerm(id: "ami-09c00c2e93ce7bd23")])
        #expect(converted.validate().isEmpty)
        #expect(converted.v1beta1() == old)
    }

    @Test func kubeletMovesIntoAnAnnotationAndBack() throws {
        var (old, _) = try Self.seedDocuments()
        old.spec.template.spec.kubelet = KubeletConfiguration(maxPods: 20, systemReserved: ["cpu": "100m"], evictionSoftGracePeriod: ["memory.available": "1m30s"])
        let converted = NodePool(converting: old)
        let annotation = converted.metadata.annotations?[WellKnownAnnotations.v1beta1KubeletConversion]
        #expect(annotation == #"{"evictionSoftGracePeriod":{"memory.available":"1m30s"},"maxPods":20,"systemReserved":{"cpu":"100m"}}"#)
        let back = try converted.v1beta1()
        #expect(back == old)
        #expect(back.metadata.annotations == nil)
    }

    @Test func whenEmptyKeepsConsolidateAfter() throws {
        let old = V1Beta1.NodePool(
            metadata: ObjectMeta(name: "batch"),
            spec: V1Beta1.NodePoolSpec(
                template: V1Beta1.NodeClaimTemplate(spec: V1Beta1.NodeClaimSpec(nodeClassRef: V1Beta1.NodeClassReference(name: "default"))),
                disruption: V1Beta1.Disruption(consolidationPolicy: .whenEmpty, consolidateAfter: NillableDuration("30s"),
                                               expireAfter: .never, budgets: [V1Beta1.Budget(nodes: "0", schedule: "@daily", duration: NillableDuration("10m"))])))
        let converted = NodePool(converting: old)
        #expect(converted.spec.disruption == Disruption(
            consolidationPolicy: .whenEmpty, consolidateAfter: NillableDuration("30s"),
            budgets: [Budget(nodes: "0", schedule: "@daily", duration: NillableDuration("10m"))]))
        #expect(converted.spec.template.spec.expireAfter?.isNever == true)
        #expect(converted.spec.template.spec.nodeClassRef == NodeClassReference(name: "default"))
        #expect(try converted.v1beta1() == old)
    }

    @Test func v1OnlyFieldsAreDroppedGoingBack() throws {
        var pool = KarpenterFixtures.nodePool(disruption: Disruption(
            consolidationPolicy: .whenEmptyOrUnderutilized, consolidateAfter: NillableDuration("1m"),
            budgets: [Budget(nodes: "1", reasons: [.drifted])]))
        pool.spec.template.spec.terminationGracePeriod = NillableDuration("1h")
        let old = try pool.v1beta1()
        #expect(old.spec.disruption?.consolidationPolicy == .whenUnderutilized)
        #expect(old.spec.disruption?.consolidateAfter == nil)
        #expect(old.spec.disruption?.budgets == [V1Beta1.Budget(nodes: "1")])
        #expect(old.spec.template.spec.nodeClassRef == V1Beta1.NodeClassReference(apiVersion: "karpenter.k8s.aws/v1beta1", kind: "EC2NodeClass", name: "default"))
    }

    @Test func aStaleNodeClassAnnotationIsIgnored() throws {
        var pool = KarpenterFixtures.nodePool()
        pool.metadata.annotations = [WellKnownAnnotations.v1beta1NodeClassReference: #"{"name":"other"}"#]
        #expect(try pool.v1beta1().spec.template.spec.nodeClassRef?.name == "default")
    }

    @Test func aCorruptKubeletAnnotationIsReported() {
        var pool = KarpenterFixtures.nodePool()
        pool.metadata.annotations = [WellKnownAnnotations.v1beta1KubeletConversion: "{not json"]
        #expect(throws: ConversionError.self) { try pool.v1beta1() }
    }

    @Test(arguments: [
        (AMIFamily.al2, "al2@latest"), (.al2023, "al2023@latest"), (.bottlerocket, "bottlerocket@latest"), (.windows2022, "windows2022@latest"),
    ])
    func familyWithoutTermsBecomesAnAlias(family: AMIFamily, alias: String) {
        let old = V1Beta1.EC2NodeClass(metadata: ObjectMeta(name: "a"), spec: V1Beta1.EC2NodeClassSpec(amiFamily: family, role: "r"))
        let converted = EC2NodeClass(converting: old)
        #expect(converted.spec.amiSelectorTerms == [AMISelectorTerm(alias: alias)])
        #expect(converted.spec.amiFamily == nil)
        #expect(converted.v1beta1() == old)
    }

    @Test func pinnedAliasVersionSurvivesAV1beta1RoundTrip() {
        let v1 = KarpenterFixtures.ec2NodeClass(amiSelectorTerms: [AMISelectorTerm(alias: "al2023@v20240807")], amiFamily: nil)
        let old = v1.v1beta1()
        #expect(old.spec.amiFamily == .al2023)
        #expect(old.spec.amiSelectorTerms == nil)
        #expect(old.metadata.annotations?[WellKnownAnnotations.v1beta1AliasVersion] == "v20240807")
        #expect(EC2NodeClass(converting: old) == v1)
    }

    @Test func ubuntuBecomesAL2WithCompatibilityAnnotation() {
        let old = V1Beta1.EC2NodeClass(metadata: ObjectMeta(name: "ubuntu"), spec: V1Beta1.EC2NodeClassSpec(amiFamily: .ubuntu, role: "r"))
        let converted = EC2NodeClass(converting: old)
        #expect(converted.spec.amiFamily == .al2)
        #expect(converted.metadata.annotations?[WellKnownAnnotations.v1beta1Ubuntu] == "amiFamily,blockDeviceMappings,incompatible")
        #expect(converted.spec.amiSelectorTerms == [AMISelectorTerm(id: "ami-placeholder")])
        #expect(converted.spec.blockDeviceMappings?.first?.ebs?.volumeSize == "20Gi")
        #expect(converted.v1beta1() == old)
    }

    @Test func nodeClaimRoundTrips() throws {
        let old = V1Beta1.NodeClaim(
            metadata: ObjectMeta(name: "default-gqq5d"),
            spec: V1Beta1.NodeClaimSpec(
                requirements: [NodeSelectorRequirementWithMinValues(key: WellKnownLabels.nodePool, operator: .in, values: ["default"])],
                resources: ResourceRequests(requests: ["cpu": "430m"]), kubelet: KubeletConfiguration(maxPods: 17),
                nodeClassRef: V1Beta1.NodeClassReference(apiVersion: "karpenter.k8s.aws/v1beta1", kind: "EC2NodeClass", name: "default")),
            status: NodeClaimStatus(nodeName: "ip-10-10-210-178.ec2.internal", providerID: "aws:///us-east-1b/i-0cf1182591adb49e6"))
        let converted = NodeClaim(converting: old)
        #expect(converted.spec.nodeClassRef == NodeClassReference(name: "default"))
        #expect(converted.validate().isEmpty)
        #expect(try converted.v1beta1() == old)
    }
}
