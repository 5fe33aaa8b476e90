import Foundation

/// The node-size math of upstream Karpenter's AWS provider (reference §8.3), as a pure function of
/// DescribeInstanceTypes data and the node class's kubelet settings. The one implementation: the
/// catalogue, the CLI and the simulated cloud all call it.
package struct InstanceTypeCapacity: Sendable {
    /// The AMI family decides ENI-limited pod density and the kube-reserved memory basis.
    package enum AMIFamily: String, Sendable, Codable {
        case al2 = "AL2", al2023 = "AL2023", bottlerocket = "Bottlerocket", windows2019 = "Windows2019",
             windows2022 = "Windows2022", custom = "Custom"

        /// Families whose max pods come from ENI limits (all but Windows).
        var usesENILimitedDensity: Bool { self != .windows2019 && self != .windows2022 }
        /// Families whose kube-reserved memory uses ENI pods with no reserved ENIs.
        var usesENILimitedMemoryOverhead: Bool { self == .al2 || self == .al2023 || self == .custom }
    }

    /// Settings that change the result (`EC2NodeClass.spec.kubelet`, operator settings).
    package struct Options: Sendable, Equatable {
        /// `VM_MEMORY_OVERHEAD_PERCENT`.
        package var vmMemoryOverheadPercent = 0.075
        /// `RESERVED_ENIS`.
        package var reservedENIs = 0
        /// `kubelet.maxPods`.
        package var maxPods: Int?
        /// `kubelet.podsPerCore`.
        package var podsPerCore: Int?
        /// The AMI family.
        package var amiFamily: AMIFamily = .al2023
        /// `kubelet.kubeReserved` overrides (quantities by resource name).
        package var kubeReserved: [String: String] = [:]
        /// `kubelet.systemReserved`.
        package var systemReserved: [String: String] = [:]
        /// `kubelet.evictionHard` (`memory.available`, `nodefs.available`; percent or quantity).
        package var evictionHard: [String: String] = [:]
        /// Root volume size from the block device mappings; 20Gi when none.
        package var rootVolumeBytes: Int64?
        /// `instanceStorePolicy: RAID0`: local NVMe becomes ephemeral storage.
        package var instanceStoreRAID0 = false

        /// Upstream defaults (AL2023, 7.5% VM overhead, 20Gi root volume).
        package init() {}
    }

    /// The settings in use.
    package let options: Options

    /// Creates the calculator.
    package init(options: Options = Options()) { self.options = options }

    private static let mebi: Int64 = 1_048_576
    private static let gibi: Int64 = 1_073_741_824

    /// Capacity, overhead and (through ``InstanceTypeInfo/allocatable``) allocatable of `type`.
    package func info(for type: EC2InstanceType, offerings: [InstanceTypeOfferingInfo] = []) -> InstanceTypeInfo {
        let vCPUs = type.vCpuInfo.defaultVCpus
        let pods = maxPods(type)
        var capacity: [String: Int64] = [
            ResourceName.cpu: Int64(vCPUs) * 1000,
            ResourceName.memory: memoryCapacity(type) * Self.mebi,
            ResourceName.ephemeralStorage: ephemeralStorage(type),
            ResourceName.pods: Int64(pods),
        ]
        for gpu in type.gpuInfo?.gpus ?? [] {
            switch gpu.manufacturer.uppercased() {
            case "NVIDIA": capacity[ResourceName.nvidiaGPU, default: 0] += Int64(gpu.count)
            case "AMD": capacity[ResourceName.amdGPU, default: 0] += Int64(gpu.count)
            default: break
            }
        }
        if let efa = type.networkInfo?.efaInfo?.maximumEfaInterfaces, type.networkInfo?.efaSupported == true, efa > 0 {
            capacity[ResourceName.efa] = Int64(efa)
        }
        if !options.amiFamily.usesENILimitedDensity, let ips = type.networkInfo?.ipv4AddressesPerInterface {
            capacity[ResourceName.privateIPv4] = Int64(max(0, ips - 1))
        }
        let memoryBasis = options.amiFamily.usesENILimitedMemoryOverhead ? (eniLimitedPods(type, reservedENIs: 0) ?? pods) : pods
        var kubeReserved: [String: Int64] = [
            ResourceName.cpu: kubeReservedCPU(vCPUs: vCPUs),
            ResourceName.memory: (11 * Int64(memoryBasis) + 255) * Self.mebi,
            ResourceName.ephemeralStorage: Self.gibi,
        ]
        override(&kubeReserved, with: options.kubeReserved)
        var systemReserved: [String: Int64] = [:]
        override(&systemReserved, with: options.systemReserved)
        return InstanceTypeInfo(
            name: type.instanceType,
            architecture: architecture(type),
            vCPUs: vCPUs,
            memoryMiB: type.memoryInfo.sizeInMiB,
            capacity: capacity,
            kubeReserved: kubeReserved,
            systemReserved: systemReserved,
            evictionThreshold: evictionThreshold(capacity: capacity),
            offerings: offerings,
            details: InstanceTypeDetails(
                hypervisor: type.hypervisor, cpuManufacturer: type.processorInfo.manufacturer,
                bareMetal: type.bareMetal ?? false, gpuName: type.gpuInfo?.gpus.first?.name,
                gpuManufacturer: type.gpuInfo?.gpus.first?.manufacturer,
                gpuCount: type.gpuInfo?.gpus.reduce(0) { $0 + $1.count } ?? 0,
                localStorageGB: type.instanceStorageInfo?.totalSizeInGB ?? 0)
        )
    }

    /// `SizeInMiB − 64 (arm64) − ceil(that × overhead)`, in MiB.
    package func memoryCapacity(_ type: EC2InstanceType) -> Int64 {
        var mib = Int64(type.memoryInfo.sizeInMiB)
        if type.processorInfo.supportedArchitectures.first == "arm64" { mib -= 64 }
        return mib - Int64((Double(mib) * options.vmMemoryOverheadPercent).rounded(.up))
    }

    /// `kubelet.maxPods`, else ENI-limited density (or 110 for Windows), then capped by podsPerCore.
    package func maxPods(_ type: EC2InstanceType) -> Int {
        var pods: Int
        if let configured = options.maxPods {
            pods = configured
        } else if options.amiFamily.usesENILimitedDensity, let eniPods = eniLimitedPods(type, reservedENIs: options.reservedENIs) {
            pods = eniPods
        } else {
            pods = 110
        }
        if let perCore = options.podsPerCore, perCore > 0, options.amiFamily != .bottlerocket {
            pods = min(pods, perCore * type.vCpuInfo.defaultVCpus)
        }
        return pods
    }

    /// `(ENIs on the default card − reserved) × (IPv4 per ENI − 1) + 2`; nil without network data.
    package func eniLimitedPods(_ type: EC2InstanceType, reservedENIs: Int) -> Int? {
        guard let network = type.networkInfo else { return nil }
        let defaultCard = network.defaultNetworkCardIndex ?? 0
        let enis = network.networkCards.first { $0.networkCardIndex == defaultCard }?.maximumNetworkInterfaces
            ?? network.maximumNetworkInterfaces
        return max(0, enis - reservedENIs) * max(0, network.ipv4AddressesPerInterface - 1) + 2
    }

    /// 6% of the first core, 1% of the second, 0.5% of cores 3–4, 0.25% of the rest (millicores).
    package func kubeReservedCPU(vCPUs: Int) -> Int64 {
        let tiers: [(upTo: Int, permille: Int64)] = [(1, 60), (2, 10), (4, 5), (Int.max, 2)]
        var reserved: Int64 = 0
        var previous = 0
        for tier in tiers where vCPUs > previous {
            let cores = Int64(min(vCPUs, tier.upTo) - previous)
            reserved += tier.upTo == Int.max ? cores * 5 / 2 : cores * tier.permille
            previous = tier.upTo
        }
        return reserved
    }

    /// Root volume (default 20Gi), or the instance store total in GB under RAID0.
    private func ephemeralStorage(_ type: EC2InstanceType) -> Int64 {
        if options.instanceStoreRAID0, let storage = type.instanceStorageInfo, storage.totalSizeInGB > 0 {
            return Int64(storage.totalSizeInGB) * 1_000_000_000
        }
        return options.rootVolumeBytes ?? 20 * Self.gibi
    }

    /// memory 100Mi and nodefs 10% (rounded up) unless `evictionHard` overrides them.
    private func evictionThreshold(capacity: [String: Int64]) -> [String: Int64] {
        var threshold: [String: Int64] = [
            ResourceName.memory: 100 * Self.mebi,
            ResourceName.ephemeralStorage: Int64((Double(capacity[ResourceName.ephemeralStorage] ?? 0) * 0.1).rounded(.up)),
        ]
        for (signal, resource) in [("memory.available", ResourceName.memory), ("nodefs.available", ResourceName.ephemeralStorage)] {
            guard let value = options.evictionHard[signal] else { continue }
            if value.hasSuffix("%"), let percent = Double(value.dropLast()) {
                threshold[resource] = Int64((Double(capacity[resource] ?? 0) * percent / 100).rounded(.up))
            } else if let amount = ResourceAmount.parse(value, for: resource) {
                threshold[resource] = amount
            }
        }
        return threshold
    }

    private func override(_ values: inout [String: Int64], with overrides: [String: String]) {
        for (name, text) in overrides {
            if let amount = ResourceAmount.parse(text, for: name) { values[name] = amount }
        }
    }

    private func architecture(_ type: EC2InstanceType) -> String {
        type.processorInfo.supportedArchitectures.first == "arm64" ? "arm64" : "amd64"
    }
}
