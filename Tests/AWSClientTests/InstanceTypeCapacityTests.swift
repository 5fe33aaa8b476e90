import AWSClient
import Foundation
import Testing

/// Reference §8.3 worked examples and each rule of the capacity math.
@Suite struct InstanceTypeCapacityTests {
    /// Builder with the t3.medium facts EC2 reports (2 vCPU, 4096 MiB, 3 ENIs × 6 IPv4).
    static func type(
        name: String = "t3.medium", vCPUs: Int = 2, memoryMiB: Int = 4096, enis: Int = 3, ipsPerENI: Int = 6,
        architecture: String = "x86_64", gpus: String = "", storageGB: Int? = nil
    ) throws -> EC2InstanceType {
        let xml = """
        <item><instanceType>\(name)</instanceType><supportedUsageClasses><item>on-demand</item><item>spot</item></supportedUsageClasses>\
        <processorInfo><supportedArchitectures><item>\(architecture)</item></supportedArchitectures></processorInfo>\
        <vCpuInfo><defaultVCpus>\(vCPUs)</defaultVCpus></vCpuInfo><memoryInfo><sizeInMiB>\(memoryMiB)</sizeInMiB></memoryInfo>\
        <networkInfo><maximumNetworkInterfaces>\(enis)</maximumNetworkInterfaces><ipv4AddressesPerInterface>\(ipsPerENI)</ipv4AddressesPerInterface>\
        <defaultNetworkCardIndex>0</defaultNetworkCardIndex><networkCards><item><networkCardIndex>0</networkCardIndex>\
        <maximumNetworkInterfaces>\(enis)</maximumNetworkInterfaces></item></networkCards></networkInfo>\
        \(gpus.isEmpty ? "" : "<gpuInfo><gpus>\(gpus)</gpus></gpuInfo>")\
        \(storageGB.map { "<instanceStorageInfo><totalSizeInGB>\($0)</totalSizeInGB></instanceStorageInfo>" } ?? "")</item>
        """
        return try XMLTestDecoding.decode(EC2InstanceType.self, from: xml)
    }

    static func formatted(_ info: InstanceTypeInfo) -> [String: String] {
        info.allocatable.reduce(into: [:]) { $0[$1.key] = ResourceAmount.format($1.value, for: $1.key) }
    }

    @Test func t3MediumFromTheSeed() throws {
        let info = InstanceTypeCapacity().info(for: try Self.type())
        #expect(Self.formatted(info) == ["cpu": "1930m", "memory": "3246Mi", "pods": "17", "ephemeral-storage": "17Gi"])
        #expect(ResourceAmount.format(info.capacity["memory"] ?? 0, for: "memory") == "3788Mi")
        #expect(info.kubeReserved["cpu"] == 70)
    }

    @Test func m5XLargeWorkedExample() throws {
        let info = InstanceTypeCapacity().info(for: try Self.type(name: "m5.xlarge", vCPUs: 4, memoryMiB: 16384, enis: 4, ipsPerENI: 15))
        #expect(Self.formatted(info) == ["cpu": "3920m", "memory": "14162Mi", "pods": "58", "ephemeral-storage": "17Gi"])
        #expect(info.capacity["memory"] == Int64(15155 * 1_048_576))
        #expect(info.kubeReserved["memory"] == Int64(893 * 1_048_576))
    }

    struct CPUCase: CustomTestStringConvertible, Sendable {
        let vCPUs: Int
        let reserved: Int64
        var testDescription: String { "\(vCPUs) vCPU" }
    }

    @Test(arguments: [CPUCase(vCPUs: 1, reserved: 60), CPUCase(vCPUs: 2, reserved: 70), CPUCase(vCPUs: 4, reserved: 80),
                      CPUCase(vCPUs: 8, reserved: 90), CPUCase(vCPUs: 5, reserved: 82), CPUCase(vCPUs: 96, reserved: 310)])
    func kubeReservedCPUTiers(_ sample: CPUCase) {
        #expect(InstanceTypeCapacity().kubeReservedCPU(vCPUs: sample.vCPUs) == sample.reserved)
    }

    @Test func arm64LosesSixtyFourMiB() throws {
        let info = InstanceTypeCapacity().info(for: try Self.type(name: "t4g.medium", architecture: "arm64"))
        // (4096 − 64) − ceil(4032 × 0.075) = 4032 − 303 = 3729
        #expect(info.capacity["memory"] == Int64(3729 * 1_048_576))
        #expect(info.architecture == "arm64")
    }

    @Test func maxPodsOverridePodsPerCoreAndReservedENIs() throws {
        var options = InstanceTypeCapacity.Options()
        options.maxPods = 110
        #expect(InstanceTypeCapacity(options: options).info(for: try Self.type()).capacity["pods"] == 110)
        // kube-reserved memory still uses ENI pods for AL2023
        #expect(InstanceTypeCapacity(options: options).info(for: try Self.type()).kubeReserved["memory"] == Int64(442 * 1_048_576))
        options = InstanceTypeCapacity.Options()
        options.podsPerCore = 4
        #expect(InstanceTypeCapacity(options: options).info(for: try Self.type()).capacity["pods"] == 8)
        options = InstanceTypeCapacity.Options()
        options.reservedENIs = 1
        #expect(InstanceTypeCapacity(options: options).info(for: try Self.type()).capacity["pods"] == 12)
    }

    @Test func bottlerocketUsesMaxPodsForMemoryAndIgnoresPodsPerCore() throws {
        var options = InstanceTypeCapacity.Options()
        options.amiFamily = .bottlerocket
        options.maxPods = 30
        options.podsPerCore = 2
        let info = InstanceTypeCapacity(options: options).info(for: try Self.type())
        #expect(info.capacity["pods"] == 30)
        #expect(info.kubeReserved["memory"] == Int64((11 * 30 + 255) * 1_048_576))
    }

    @Test func windowsHas110PodsAndPrivateIPv4() throws {
        var options = InstanceTypeCapacity.Options()
        options.amiFamily = .windows2022
        let info = InstanceTypeCapacity(options: options).info(for: try Self.type())
        #expect(info.capacity["pods"] == 110)
        #expect(info.capacity["vpc.amazonaws.com/PrivateIPv4Address"] == 5)
    }

    @Test func overridesForReservedAndEviction() throws {
        var options = InstanceTypeCapacity.Options()
        options.kubeReserved = ["cpu": "200m", "memory": "1Gi"]
        options.systemReserved = ["cpu": "100m"]
        options.evictionHard = ["memory.available": "5%", "nodefs.available": "1Gi"]
        options.rootVolumeBytes = 100 * 1_073_741_824
        let info = InstanceTypeCapacity(options: options).info(for: try Self.type())
        #expect(info.allocatable["cpu"] == Int64(2000 - 200 - 100))
        let memory = 3788 * 1_048_576 as Int64
        #expect(info.allocatable["memory"] == memory - 1_073_741_824 - Int64((Double(memory) * 0.05).rounded(.up)))
        #expect(info.allocatable["ephemeral-storage"] == Int64((100 - 1 - 1) * 1_073_741_824))
    }

    @Test func gpusAndInstanceStore() throws {
        var options = InstanceTypeCapacity.Options()
        options.instanceStoreRAID0 = true
        let gpu = "<item><name>T4</name><manufacturer>NVIDIA</manufacturer><count>1</count></item>"
        let info = InstanceTypeCapacity(options: options).info(for: try Self.type(name: "g4dn.xlarge", vCPUs: 4, memoryMiB: 16384, gpus: gpu, storageGB: 125))
        #expect(info.capacity["nvidia.com/gpu"] == 1)
        #expect(info.capacity["ephemeral-storage"] == 125_000_000_000)
    }

    @Test func quantityParsing() {
        #expect(ResourceAmount.parse("100m", for: "cpu") == 100)
        #expect(ResourceAmount.parse("2", for: "cpu") == 2000)
        #expect(ResourceAmount.parse("1.5Gi", for: "memory") == 1_610_612_736)
        #expect(ResourceAmount.parse("1G", for: "ephemeral-storage") == 1_000_000_000)
        #expect(ResourceAmount.parse("lots", for: "memory") == nil)
    }
}
