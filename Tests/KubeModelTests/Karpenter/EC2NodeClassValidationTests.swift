import KubeModel
import Testing

/// One invalid EC2NodeClass: how to break the valid fixture, and the error expected at which path.
struct EC2NodeClassCase: CustomTestStringConvertible, Sendable {
    let name: String
    let path: String
    let message: String
    let mutate: @Sendable (inout EC2NodeClassSpec) -> Void
    var testDescription: String { name }
}

@Suite struct EC2NodeClassValidationTests {
    static let cases: [EC2NodeClassCase] = [
        EC2NodeClassCase(name: "no subnet terms", path: "spec.subnetSelectorTerms", message: "at least one subnet selector term",
                         mutate: { $0.subnetSelectorTerms = [] }),
        EC2NodeClassCase(name: "empty subnet term", path: "spec.subnetSelectorTerms[0]", message: "needs tags or id",
                         mutate: { $0.subnetSelectorTerms = [SubnetSelectorTerm()] }),
        EC2NodeClassCase(name: "subnet id with tags", path: "spec.subnetSelectorTerms[0].id", message: "cannot be combined",
                         mutate: { $0.subnetSelectorTerms = [SubnetSelectorTerm(tags: ["a": "b"], id: "subnet-0abc")] }),
        EC2NodeClassCase(name: "malformed subnet id", path: "spec.subnetSelectorTerms[0].id", message: "subnet-0123456789abcdef0",
                         mutate: { $0.subnetSelectorTerms = [SubnetSelectorTerm(id: "sn-123")] }),
        EC2NodeClassCase(name: "empty tag value", path: "spec.subnetSelectorTerms[0].tags[karpenter.sh/discovery]", message: "\"*\"",
                         mutate: { $0.subnetSelectorTerms = [SubnetSelectorTerm(tags: ["karpenter.sh/discovery": ""])] }),
        EC2NodeClassCase(name: "too many subnet terms", path: "spec.subnetSelectorTerms", message: "at most 30",
                         mutate: { $0.subnetSelectorTerms = Array(repeating: SubnetSelectorTerm(id: "subnet-0abc"), count: 31) }),
        EC2NodeClassCase(name: "no security group terms", path: "spec.securityGroupSelectorTerms", message: "at least one security group",
                         mutate: { $0.securityGroupSelectorTerms = [] }),
        EC2NodeClassCase(name: "security group id and name", path: "spec.securityGroupSelectorTerms[0]", message: "mutually exclusive",
                         mutate: { $0.securityGroupSelectorTerms = [SecurityGroupSelectorTerm(id: "sg-0abc", name: "nodes")] }),
        EC2NodeClassCase(name: "malformed security group id", path: "spec.securityGroupSelectorTerms[0].id", message: "sg-",
                         mutate: { $0.securityGroupSelectorTerms = [SecurityGroupSelectorTerm(id: "group-1")] }),
        EC2NodeClassCase(name: "no AMI terms", path: "spec.amiSelectorTerms", message: "al2023@latest",
                         mutate: { $0.amiSelectorTerms = [] }),
        EC2NodeClassCase(name: "alias with another term", path: "spec.amiSelectorTerms[0].alias", message: "only AMI selector term",
                         mutate: { $0.amiSelectorTerms = [AMISelectorTerm(alias: "al2@latest"), AMISelectorTerm(id: "ami-0abc")] }),
        EC2NodeClassCase(name: "alias combined with tags", path: "spec.amiSelectorTerms[0].alias", message: "cannot be combined",
                         mutate: { $0.amiSelectorTerms = [AMISelectorTerm(alias: "al2@latest", tags: ["a": "b"])] }),
        EC2NodeClassCase(name: "unknown alias family", path: "spec.amiSelectorTerms[0].alias", message: "family@version",
                         mutate: { $0.amiSelectorTerms = [AMISelectorTerm(alias: "ubuntu@latest")]; $0.amiFamily = nil }),
        EC2NodeClassCase(name: "alias without version", path: "spec.amiSelectorTerms[0].alias", message: "family@version",
                         mutate: { $0.amiSelectorTerms = [AMISelectorTerm(alias: "al2023@")]; $0.amiFamily = nil }),
        EC2NodeClassCase(name: "pinned Windows alias", path: "spec.amiSelectorTerms[0].alias", message: "only @latest",
                         mutate: { $0.amiSelectorTerms = [AMISelectorTerm(alias: "windows2022@v1")]; $0.amiFamily = nil }),
        EC2NodeClassCase(name: "AMI id with name", path: "spec.amiSelectorTerms[0].id", message: "cannot be combined",
                         mutate: { $0.amiSelectorTerms = [AMISelectorTerm(id: "ami-0abc", name: "x")] }),
        EC2NodeClassCase(name: "empty AMI term", path: "spec.amiSelectorTerms[0]", message: "needs one of",
                         mutate: { $0.amiSelectorTerms = [AMISelectorTerm()] }),
        EC2NodeClassCase(name: "amiFamily missing without alias", path: "spec.amiFamily", message: "amiFamily is required",
                         mutate: { $0.amiFamily = nil }),
        EC2NodeClassCase(name: "amiFamily not matching alias", path: "spec.amiFamily", message: "does not match the alias family",
                         mutate: { $0.amiSelectorTerms = [AMISelectorTerm(alias: "bottlerocket@latest")]; $0.amiFamily = .al2 }),
        EC2NodeClassCase(name: "Ubuntu in v1", path: "spec.amiFamily", message: "Ubuntu is not an AMI family in v1",
                         mutate: { $0.amiFamily = .ubuntu }),
        EC2NodeClassCase(name: "role and instanceProfile", path: "spec.instanceProfile", message: "not both",
                         mutate: { $0.instanceProfile = "profile" }),
        EC2NodeClassCase(name: "neither role nor instanceProfile", path: "spec.role", message: "is required",
                         mutate: { $0.role = nil }),
        EC2NodeClassCase(name: "restricted tag", path: "spec.tags[karpenter.sh/nodepool]", message: "set by Karpenter",
                         mutate: { $0.tags = ["karpenter.sh/nodepool": "x"] }),
        EC2NodeClassCase(name: "cluster ownership tag", path: "spec.tags[kubernetes.io/cluster/weasel-eks]", message: "set by Karpenter",
                         mutate: { $0.tags = ["kubernetes.io/cluster/weasel-eks": "owned"] }),
        EC2NodeClassCase(name: "two root volumes", path: "spec.blockDeviceMappings", message: "at most one",
                         mutate: { $0.blockDeviceMappings = Array(repeating: BlockDeviceMapping(rootVolume: true), count: 2) }),
        EC2NodeClassCase(name: "unknown volume type", path: "spec.blockDeviceMappings[0].ebs.volumeType", message: "gp3",
                         mutate: { $0.blockDeviceMappings = [BlockDeviceMapping(ebs: BlockDevice(volumeType: "gp9"))] }),
        EC2NodeClassCase(name: "volume too large", path: "spec.blockDeviceMappings[0].ebs.volumeSize", message: "at most 64Ti",
                         mutate: { $0.blockDeviceMappings = [BlockDeviceMapping(ebs: BlockDevice(volumeSize: "65Ti"))] }),
        EC2NodeClassCase(name: "hop limit zero", path: "spec.metadataOptions.httpPutResponseHopLimit", message: "between 1 and 64",
                         mutate: { $0.metadataOptions = MetadataOptions(httpPutResponseHopLimit: 0) }),
        EC2NodeClassCase(name: "unknown httpTokens", path: "spec.metadataOptions.httpTokens", message: "required, optional",
                         mutate: { $0.metadataOptions = MetadataOptions(httpTokens: "sometimes") }),
        EC2NodeClassCase(name: "image GC thresholds inverted", path: "spec.kubelet.imageGCHighThresholdPercent", message: "greater than",
                         mutate: { $0.kubelet = KubeletConfiguration(imageGCHighThresholdPercent: 50, imageGCLowThresholdPercent: 80) }),
        EC2NodeClassCase(name: "soft eviction without grace period", path: "spec.kubelet.evictionSoftGracePeriod", message: "memory.available",
                         mutate: { $0.kubelet = KubeletConfiguration(evictionSoft: ["memory.available": "10%"]) }),
        EC2NodeClassCase(name: "unknown eviction signal", path: "spec.kubelet.evictionHard[memory.free]", message: "unknown eviction signal",
                         mutate: { $0.kubelet = KubeletConfiguration(evictionHard: ["memory.free": "100Mi"]) }),
        EC2NodeClassCase(name: "unreservable resource", path: "spec.kubelet.kubeReserved[gpu]", message: "cannot be reserved",
                         mutate: { $0.kubelet = KubeletConfiguration(kubeReserved: ["gpu": "1"]) }),
        EC2NodeClassCase(name: "reserved value not a quantity", path: "spec.kubelet.systemReserved[memory]", message: "not a quantity",
                         mutate: { $0.kubelet = KubeletConfiguration(systemReserved: ["memory": "lots"]) }),
    ]

    @Test(arguments: cases)
    func reportsTheFieldAndWhatToDo(_ testCase: EC2NodeClassCase) {
        var nodeClass = KarpenterFixtures.ec2NodeClass()
        testCase.mutate(&nodeClass.spec)
        let errors = nodeClass.validate()
        #expect(errors.contains { $0.path == testCase.path && $0.message.contains(testCase.message) }, "got \(errors)")
    }

    @Test(arguments: ["al2@latest", "al2023@v20240807", "bottlerocket@1.20.3", "windows2019@latest"])
    func aliasAloneNeedsNoFamily(alias: String) {
        let nodeClass = KarpenterFixtures.ec2NodeClass(amiSelectorTerms: [AMISelectorTerm(alias: alias)], amiFamily: nil)
        #expect(nodeClass.validate().isEmpty)
    }

    @Test func customFamilyMayAccompanyAnAlias() {
        let nodeClass = KarpenterFixtures.ec2NodeClass(amiSelectorTerms: [AMISelectorTerm(alias: "al2023@latest")], amiFamily: .custom)
        #expect(nodeClass.validate().isEmpty)
    }
}
