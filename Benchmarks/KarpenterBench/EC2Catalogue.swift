import AWSClient
import AWSProvider
import Scheduling

/// Benchmark fixture data: a small table of real EC2 families and sizes (vCPU, memory, ENIs, IPv4
/// per ENI, architecture) with plausible us-east-1 prices. On-demand prices scale linearly with size
/// from the family's `.large` price; spot prices are a fixed, family- and zone-dependent fraction.
/// Allocatable and labels come from `InstanceTypeCapacity` (upstream's formulas) through
/// `InstanceTypeMapping`, the conversion the providers use.
enum EC2Catalogue {
    struct Family {
        let name: String
        let memoryPerVCPUMiB: Int64
        let arm64: Bool
        let largePrice: Double
        let sizes: [String]
    }

    /// ENIs and IPv4 per ENI by size (Nitro general purpose values).
    static let network: [String: (enis: Int64, ipv4: Int64, vcpus: Int64)] = [
        "medium": (3, 6, 2), "large": (3, 10, 2), "xlarge": (4, 15, 4), "2xlarge": (4, 15, 8),
        "4xlarge": (8, 30, 16), "8xlarge": (8, 30, 32), "12xlarge": (8, 30, 48), "16xlarge": (15, 50, 64),
        "24xlarge": (15, 50, 96),
    ]

    static let all = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"]
    static let families: [Family] = [
        Family(name: "m5", memoryPerVCPUMiB: 4096, arm64: false, largePrice: 0.096, sizes: all),
        Family(name: "m6i", memoryPerVCPUMiB: 4096, arm64: false, largePrice: 0.096, sizes: all),
        Family(name: "m6a", memoryPerVCPUMiB: 4096, arm64: false, largePrice: 0.0864, sizes: all),
        Family(name: "m6g", memoryPerVCPUMiB: 4096, arm64: true, largePrice: 0.077,
               sizes: Array(all.prefix(7))),
        Family(name: "m7g", memoryPerVCPUMiB: 4096, arm64: true, largePrice: 0.0816,
               sizes: Array(all.prefix(7))),
        Family(name: "c5", memoryPerVCPUMiB: 2048, arm64: false, largePrice: 0.085, sizes: all),
        Family(name: "c6i", memoryPerVCPUMiB: 2048, arm64: false, largePrice: 0.085, sizes: all),
        Family(name: "c6g", memoryPerVCPUMiB: 2048, arm64: true, largePrice: 0.068,
               sizes: Array(all.prefix(7))),
        Family(name: "c7g", memoryPerVCPUMiB: 2048, arm64: true, largePrice: 0.0725,
               sizes: Array(all.prefix(7))),
        Family(name: "r5", memoryPerVCPUMiB: 8192, arm64: false, largePrice: 0.126, sizes: all),
        Family(name: "r6i", memoryPerVCPUMiB: 8192, arm64: false, largePrice: 0.126, sizes: all),
        Family(name: "r6g", memoryPerVCPUMiB: 8192, arm64: true, largePrice: 0.1008,
               sizes: Array(all.prefix(7))),
        Family(name: "t3", memoryPerVCPUMiB: 4096, arm64: false, largePrice: 0.0832,
               sizes: ["large", "xlarge", "2xlarge"]),
        Family(name: "t4g", memoryPerVCPUMiB: 4096, arm64: true, largePrice: 0.0672,
               sizes: ["large", "xlarge", "2xlarge"]),
    ]

    static let zones = ["us-east-1a", "us-east-1b", "us-east-1c"]

    /// The catalogue, one `InstanceType` per family and size, spot and on-demand in three zones.
    static func instanceTypes() -> [InstanceType] {
        var types: [InstanceType] = []
        for (familyIndex, family) in families.enumerated() {
            for size in family.sizes {
                guard let net = network[size] else { continue }
                let onDemand = family.largePrice * Double(net.vcpus) / 2
                var offerings: [InstanceTypeOfferingInfo] = []
                for (zoneIndex, zone) in zones.enumerated() {
                    offerings.append(InstanceTypeOfferingInfo(zone: zone, capacityType: "on-demand", price: onDemand))
                    let discount = 0.30 + 0.04 * Double((familyIndex * 3 + zoneIndex) % 5)
                    offerings.append(InstanceTypeOfferingInfo(zone: zone, capacityType: "spot", price: onDemand * discount))
                }
                let record = EC2InstanceType(
                    name: "\(family.name).\(size)", vCPUs: Int(net.vcpus), memoryMiB: Int(net.vcpus * family.memoryPerVCPUMiB),
                    architecture: family.arm64 ? "arm64" : "amd64", enis: Int(net.enis), ipv4PerENI: Int(net.ipv4))
                types.append(InstanceTypeMapping.instanceType(InstanceTypeCapacity().info(for: record, offerings: offerings)))
            }
        }
        return types
    }
}
