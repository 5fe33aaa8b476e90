/// Upstream's EC2 node-size math (reference §8.3): capacity and kubelet/system overhead of an
/// instance type from its hardware description. Pure, so that the AWS instance-type provider and
/// the benchmarks' catalogue compute allocatable the same way.
package struct InstanceTypeCapacity: Sendable, Hashable {
    /// `VCpuInfo.DefaultVCpus`.
    package var vcpus: Int64
    /// `MemoryInfo.SizeInMiB`.
    package var memoryMiB: Int64
    /// Maximum ENIs of the default network card.
    package var maxENIs: Int64
    /// IPv4 addresses per ENI.
    package var ipv4PerENI: Int64
    /// True when the first supported architecture is arm64.
    package var arm64: Bool
    /// Root volume (or instance store) size in GiB; upstream's default is 20.
    package var storageGiB: Int64 = 20
    /// `VM_MEMORY_OVERHEAD_PERCENT` (default 0.075).
    package var vmMemoryOverheadPercent: Double = 0.075
    /// `RESERVED_ENIS` (default 0).
    package var reservedENIs: Int64 = 0
    /// `kubelet.maxPods` override.
    package var maxPods: Int64?

    /// Creates a description.
    package init(vcpus: Int64, memoryMiB: Int64, maxENIs: Int64, ipv4PerENI: Int64, arm64: Bool) {
        self.vcpus = vcpus
        self.memoryMiB = memoryMiB
        self.maxENIs = maxENIs
        self.ipv4PerENI = ipv4PerENI
        self.arm64 = arm64
    }

    /// ENI-limited pod density: `(ENIs - reserved) * (IPv4 per ENI - 1) + 2`.
    package func eniLimitedPods(reserved: Int64) -> Int64 { (maxENIs - reserved) * (ipv4PerENI - 1) + 2 }

    /// Pods the kubelet allows.
    package var pods: Int64 { maxPods ?? eniLimitedPods(reserved: reservedENIs) }

    /// Node capacity: vCPUs, memory minus the VM overhead estimate, pods, storage.
    package var capacity: Resources {
        let mib = memoryMiB - (arm64 ? 64 : 0)
        let overheadMiB = Int64((Double(mib) * vmMemoryOverheadPercent).rounded(.up))
        return .units(cpuMillis: vcpus * 1000, memoryMiB: mib - overheadMiB, storageGiB: storageGiB, pods: pods)
    }

    /// kube-reserved: CPU by the per-core ladder, memory `11 * pods + 255` Mi (ENI-limited pods with no
    /// reserved ENIs), 1 GiB of storage; eviction threshold 100 Mi memory and 10% of storage.
    package var overhead: InstanceType.Overhead {
        let cores = vcpus
        // Tenths of a millicore: 600 for core 1, 100 for core 2, 50 for cores 3-4, 25 for the rest.
        var tenths: Int64 = 0
        if cores >= 1 { tenths += 600 }
        if cores >= 2 { tenths += 100 }
        tenths += 50 * min(2, max(0, cores - 2))
        tenths += 25 * max(0, cores - 4)
        let memoryPods = eniLimitedPods(reserved: 0)
        let kubeReserved = Resources(cpu: tenths / 10, memory: (11 * memoryPods + 255) * Resources.mebibyte,
                                     ephemeralStorage: Resources.gibibyte)
        let storage = storageGiB * Resources.gibibyte
        let eviction = Resources(memory: 100 * Resources.mebibyte, ephemeralStorage: (storage + 9) / 10)
        return InstanceType.Overhead(kubeReserved: kubeReserved, evictionThreshold: eviction)
    }
}
