import KubeModel
import Testing

@Suite struct V1Beta1ValidationTests {
    @Test func seedManifestsAreValid() throws {
        let (pool, nodeClass) = try KarpenterConversionTests.seedDocuments()
        #expect(pool.validate().isEmpty)
        #expect(nodeClass.validate().isEmpty)
    }

    @Test func consolidateAfterNeedsWhenEmpty() throws {
        var (pool, _) = try KarpenterConversionTests.seedDocuments()
        pool.spec.disruption?.consolidateAfter = NillableDuration("30s")
        #expect(pool.validate().map(\.path) == ["spec.disruption.consolidateAfter"])
        pool.spec.disruption?.consolidationPolicy = .whenEmpty
        #expect(pool.validate().isEmpty)
    }

    @Test func nodeClassRefIsRequiredOnce() throws {
        var (pool, _) = try KarpenterConversionTests.seedDocuments()
        pool.spec.template.spec.nodeClassRef = nil
        #expect(pool.validate().map(\.path) == ["spec.template.spec.nodeClassRef"])
    }

    @Test func v1RulesAreReportedAtV1beta1Paths() throws {
        var (pool, _) = try KarpenterConversionTests.seedDocuments()
        pool.spec.disruption?.expireAfter = NillableDuration("10ms")
        pool.spec.template.spec.nodeClassRef?.apiVersion = "/v1beta1"
        pool.spec.template.spec.requirements[0].minValues = 2
        #expect(pool.validate().map(\.path) == [
            "spec.template.spec.requirements[0].minValues", "spec.template.spec.nodeClassRef.apiVersion", "spec.disruption.expireAfter",
        ])
    }

    @Test func ec2NodeClassNeedsAnAMIFamily() throws {
        var (_, nodeClass) = try KarpenterConversionTests.seedDocuments()
        nodeClass.spec.amiFamily = nil
        #expect(nodeClass.validate().map(\.path) == ["spec.amiFamily"])
    }

    @Test func ec2NodeClassTermsAreChecked() throws {
        var (_, nodeClass) = try KarpenterConversionTests.seedDocuments()
        nodeClass.spec.amiSelectorTerms = [AMISelectorTerm(id: "ami-1", name: "x")]
        nodeClass.spec.subnetSelectorTerms = []
        #expect(nodeClass.validate().map(\.path) == ["spec.subnetSelectorTerms", "spec.amiSelectorTerms[0].id"])
        nodeClass.spec.subnetSelectorTerms = [SubnetSelectorTerm(id: "subnet-0a")]
        nodeClass.spec.amiSelectorTerms = nil
        nodeClass.spec.amiFamily = .ubuntu
        #expect(nodeClass.validate().isEmpty)
    }

    @Test func convertRejectsInvalidV1beta1BeforeConverting() throws {
        let text = ManifestErrorTests.pool + "  disruption:\n    consolidationPolicy: WhenUnderutilized\n    consolidateAfter: 30s\n"
        #expect { try ManifestConverter.convertToV1(text) } throws: { error in
            guard let error = error as? ManifestError, case let .invalid(_, _, _, errors) = error else { return false }
            return errors.map(\.path) == ["spec.disruption.consolidateAfter"]
        }
    }
}

@Suite struct ManifestKubeletTests {
    static func manifest(kubelets: [String?]) -> String {
        var text = ""
        for (index, kubelet) in kubelets.enumerated() {
            text += """
            ---
            apiVersion: karpenter.sh/v1beta1
            kind: NodePool
            metadata: {name: pool\(index)}
            spec:
              template:
                spec:
                  nodeClassRef: {apiVersion: karpenter.k8s.aws/v1beta1, kind: EC2NodeClass, name: default}
                  requirements: [{key: kubernetes.io/arch, operator: In, values: [amd64]}]

            """
            if let kubelet { text += "      kubelet: \(kubelet)\n" }
        }
        return text + "---\n" + ((try? KarpenterFixtures.file("deploy/examples/v1beta1/ec2nodeclass.yaml")) ?? "")
    }

    static func convertedClass(_ text: String) throws -> EC2NodeClass? {
        let documents = try Manifest.decode(ManifestConverter.convertToV1(text))
        guard case let .ec2NodeClass(nodeClass) = documents.last?.object else { return nil }
        return nodeClass
    }

    @Test func agreeingKubeletMovesToTheNodeClass() throws {
        let nodeClass = try Self.convertedClass(Self.manifest(kubelets: ["{maxPods: 20}", "{maxPods: 20}"]))
        #expect(nodeClass?.spec.kubelet == KubeletConfiguration(maxPods: 20))
    }

    @Test(arguments: [
        ("pools disagree", ["{maxPods: 20}", "{maxPods: 30}"]),
        ("one pool has none", ["{maxPods: 20}", nil]),
        ("no kubelet at all", [nil]),
    ])
    func otherwiseTheNodeClassIsLeftAlone(name: String, kubelets: [String?]) throws {
        let nodeClass = try Self.convertedClass(Self.manifest(kubelets: kubelets))
        #expect(nodeClass != nil)
        #expect(nodeClass?.spec.kubelet == nil)
    }
}
