import AWSClient
import AWSProvider
import CloudProvider
import KubeModel
import Scheduling
import Testing

/// The one InstanceTypeInfo → InstanceType conversion: sizes, labels, offerings.
@Suite struct InstanceTypeMappingTests {
    /// Builder: a t3.medium-like record through the shared capacity math.
    static func info(name: String = "t3.medium", vCPUs: Int = 2, memoryMiB: Int = 4096, architecture: String = "amd64",
                     enis: Int = 3, ipv4PerENI: Int = 6, gpu: EC2InstanceType.GPUFacts? = nil, localGB: Int? = nil,
                     offerings: [InstanceTypeOfferingInfo] = [
                        InstanceTypeOfferingInfo(zone: "us-east-1a", capacityType: "spot", price: 0.0125),
                        InstanceTypeOfferingInfo(zone: "us-east-1a", capacityType: "on-demand", price: 0.0416),
                     ]) -> InstanceTypeInfo {
        let record = EC2InstanceType(name: name, vCPUs: vCPUs, memoryMiB: memoryMiB, architecture: architecture, enis: enis,
                                     ipv4PerENI: ipv4PerENI, manufacturer: "Intel", gpu: gpu, localStorageGB: localGB)
        return InstanceTypeCapacity().info(for: record, offerings: offerings)
    }

    @Test func t3MediumAllocatableMatchesTheSeed() {
        let type = InstanceTypeMapping.instanceType(Self.info())
        #expect(type.allocatable == Resources.units(cpuMillis: 1930, memoryMiB: 3246, storageGiB: 17, pods: 17))
        #expect(type.capacity.pods == 17_000)
    }

    @Test func wellKnownLabels() {
        let labels = InstanceTypeMapping.labels(Self.info())
        #expect(labels["kubernetes.io/arch"] == "amd64")
        #expect(labels["kubernetes.io/os"] == "linux")
        #expect(labels["karpenter.k8s.aws/instance-category"] == "t")
        #expect(labels["karpenter.k8s.aws/instance-family"] == "t3")
        #expect(labels["karpenter.k8s.aws/instance-generation"] == "3")
        #expect(labels["karpenter.k8s.aws/instance-size"] == "medium")
        #expect(labels["karpenter.k8s.aws/instance-cpu"] == "2")
        #expect(labels["karpenter.k8s.aws/instance-memory"] == "4096")
        #expect(labels["karpenter.k8s.aws/instance-hypervisor"] == "nitro")
        #expect(labels["karpenter.k8s.aws/instance-cpu-manufacturer"] == "intel")
        #expect(labels["karpenter.k8s.aws/instance-gpu-count"] == nil)
    }

    @Test func gpuAndLocalStorageLabelsAndExtendedResource() {
        let info = Self.info(name: "g4dn.xlarge", vCPUs: 4, memoryMiB: 16384, enis: 3, ipv4PerENI: 10,
                             gpu: EC2InstanceType.GPUFacts(name: "T4", manufacturer: "NVIDIA", count: 1), localGB: 125)
        let type = InstanceTypeMapping.instanceType(info)
        #expect(type.labels["karpenter.k8s.aws/instance-gpu-name"] == "t4")
        #expect(type.labels["karpenter.k8s.aws/instance-gpu-manufacturer"] == "nvidia")
        #expect(type.labels["karpenter.k8s.aws/instance-gpu-count"] == "1")
        #expect(type.labels["karpenter.k8s.aws/instance-local-nvme"] == "125")
        #expect(type.capacity.extendedAmount("nvidia.com/gpu") == 1000)
    }

    struct NameCase: CustomTestStringConvertible, Sendable {
        let name: String
        let category: String?
        let generation: String?
        var testDescription: String { name }
    }

    @Test(arguments: [
        NameCase(name: "m5.large", category: "m", generation: "5"),
        NameCase(name: "c7gn.16xlarge", category: "c", generation: "7"),
        NameCase(name: "u-6tb1.metal", category: "u", generation: "1"),
        NameCase(name: "x2iedn.xlarge", category: "x", generation: "2"),
    ])
    func categoryAndGeneration(_ sample: NameCase) {
        let labels = InstanceTypeMapping.labels(Self.info(name: sample.name))
        #expect(labels["karpenter.k8s.aws/instance-category"] == sample.category)
        #expect(labels["karpenter.k8s.aws/instance-generation"] == sample.generation)
    }

    @Test func offeringsCarryPriceAndAvailability() {
        let info = Self.info(offerings: [
            InstanceTypeOfferingInfo(zone: "us-east-1a", capacityType: "spot", price: 0.0125),
            InstanceTypeOfferingInfo(zone: "us-east-1b", capacityType: "spot", price: 0.013),
            InstanceTypeOfferingInfo(zone: "us-east-1a", capacityType: "on-demand", price: nil),
        ])
        let iced: Set = [OfferingKey(instanceType: "t3.medium", zone: "us-east-1b", capacityType: "spot")]
        let type = InstanceTypeMapping.instanceType(info, unavailable: iced)
        #expect(type.offerings == [
            Offering(zone: "us-east-1a", capacityType: "spot", price: 0.0125, available: true),
            Offering(zone: "us-east-1b", capacityType: "spot", price: 0.013, available: false),
            Offering(zone: "us-east-1a", capacityType: "on-demand", price: 0, available: false),
        ])
    }
}
