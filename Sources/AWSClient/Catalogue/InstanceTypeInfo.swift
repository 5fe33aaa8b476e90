/// An instance type as the scheduler needs it: capacity, the overhead Kubernetes keeps for itself,
/// and what is left for pods. Produced by ``InstanceTypeCapacity`` from DescribeInstanceTypes data.
///
/// This is the AWS side's value; the solver's `InstanceType` (scheduling branch) maps from it:
/// `capacity` → `Capacity`, `kubeReserved`/`systemReserved`/`evictionThreshold` → `Overhead`,
/// `offerings` → `Offerings`. Invariant: `allocatable = capacity − kubeReserved − systemReserved −
/// evictionThreshold`, never negative.
package struct InstanceTypeInfo: Sendable, Equatable, Codable {
    /// Name, e.g. `t3.medium`.
    package var name: String
    /// `amd64` or `arm64` (Kubernetes names).
    package var architecture: String
    /// vCPUs.
    package var vCPUs: Int
    /// Memory as EC2 reports it, MiB.
    package var memoryMiB: Int
    /// Resources of the node in canonical units (see ``ResourceName``).
    package var capacity: [String: Int64]
    /// kube-reserved.
    package var kubeReserved: [String: Int64]
    /// system-reserved.
    package var systemReserved: [String: Int64]
    /// Hard eviction thresholds.
    package var evictionThreshold: [String: Int64]
    /// Where and how it can be bought.
    package var offerings: [InstanceTypeOfferingInfo]
    /// Descriptive facts behind the `karpenter.k8s.aws/instance-*` labels; nil for records built
    /// before they were carried.
    package var details: InstanceTypeDetails? = nil

    /// `capacity − overhead`, per resource, floored at zero.
    package var allocatable: [String: Int64] {
        var result = capacity
        for overhead in [kubeReserved, systemReserved, evictionThreshold] {
            for (name, amount) in overhead where result[name] != nil {
                result[name] = max(0, (result[name] ?? 0) - amount)
            }
        }
        return result
    }
}

/// Facts about an instance type that do not change its size but are published as node labels.
package struct InstanceTypeDetails: Sendable, Equatable, Codable {
    /// `nitro`, `xen`, or empty for bare metal.
    package var hypervisor: String?
    /// `Intel`, `AMD`, `AWS`.
    package var cpuManufacturer: String?
    /// Bare-metal type.
    package var bareMetal: Bool
    /// First GPU model (name, manufacturer) and the total GPU count.
    package var gpuName: String?
    /// GPU manufacturer.
    package var gpuManufacturer: String?
    /// GPUs on the instance (0 without).
    package var gpuCount: Int
    /// Local instance storage in GB (0 without).
    package var localStorageGB: Int

    /// Creates the details.
    package init(hypervisor: String?, cpuManufacturer: String?, bareMetal: Bool, gpuName: String?,
                 gpuManufacturer: String?, gpuCount: Int, localStorageGB: Int) {
        self.hypervisor = hypervisor
        self.cpuManufacturer = cpuManufacturer
        self.bareMetal = bareMetal
        self.gpuName = gpuName
        self.gpuManufacturer = gpuManufacturer
        self.gpuCount = gpuCount
        self.localStorageGB = localStorageGB
    }
}

/// One (zone, capacity type) in which a type can be launched, with its price when known.
package struct InstanceTypeOfferingInfo: Sendable, Equatable, Codable, Hashable {
    /// Availability zone.
    package var zone: String
    /// `spot` or `on-demand`.
    package var capacityType: String
    /// USD per hour; nil when no price is known (then the offering is not available upstream).
    package var price: Double?

    /// Creates an offering.
    package init(zone: String, capacityType: String, price: Double?) {
        self.zone = zone
        self.capacityType = capacityType
        self.price = price
    }
}
