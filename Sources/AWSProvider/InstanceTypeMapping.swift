import AWSClient
import CloudProvider
import KubeModel
import Scheduling

/// The single conversion from the AWS client's ``InstanceTypeInfo`` (sizes from upstream's formulas)
/// to the solver's `InstanceType`: resources in milli-units, the well-known labels upstream puts on
/// instance types, and offerings with price and availability. The real AWS provider and the
/// simulated cloud both call it, so a simulated node and a real one carry the same labels.
package enum InstanceTypeMapping {
    /// Converts `info`. An offering is available when it has a price and its key is not in
    /// `unavailable` (the insufficient-capacity cache); unpriced offerings keep price 0.
    package static func instanceType(_ info: InstanceTypeInfo, unavailable: Set<OfferingKey> = []) -> InstanceType {
        let offerings = info.offerings.map { offering in
            let key = OfferingKey(instanceType: info.name, zone: offering.zone, capacityType: offering.capacityType)
            return Offering(zone: offering.zone, capacityType: offering.capacityType, price: offering.price ?? 0,
                            available: offering.price != nil && !unavailable.contains(key))
        }
        let overhead = InstanceType.Overhead(
            kubeReserved: resources(info.kubeReserved), systemReserved: resources(info.systemReserved),
            evictionThreshold: resources(info.evictionThreshold))
        return InstanceType(name: info.name, labels: labels(info), capacity: resources(info.capacity),
                            overhead: overhead, offerings: offerings)
    }

    /// Canonical amounts (millicores, bytes, counts) by resource name → milli-unit `Resources`.
    package static func resources(_ amounts: [String: Int64]) -> Resources {
        var extended: [String: Int64] = [:]
        for (name, amount) in amounts where ![ResourceName.cpu, ResourceName.memory, ResourceName.ephemeralStorage,
                                               ResourceName.pods].contains(name) {
            extended[name] = amount * 1000
        }
        return Resources(cpu: amounts[ResourceName.cpu] ?? 0, memory: (amounts[ResourceName.memory] ?? 0) * 1000,
                         ephemeralStorage: (amounts[ResourceName.ephemeralStorage] ?? 0) * 1000,
                         pods: (amounts[ResourceName.pods] ?? 0) * 1000, extended: extended)
    }

    /// Labels of every node of this type (not zone or capacity type, which come from the offering,
    /// nor the instance-type label, which comes from the name). Reference §2.1.
    package static func labels(_ info: InstanceTypeInfo) -> [String: String] {
        var labels: [String: String] = [
            WellKnownLabels.arch: info.architecture,
            WellKnownLabels.os: "linux",
            AWSLabel.cpu: String(info.vCPUs),
            AWSLabel.memory: String(info.memoryMiB),
        ]
        let name = NameParts(info.name)
        labels[AWSLabel.family] = name.family
        labels[AWSLabel.size] = name.size
        if let category = name.category { labels[AWSLabel.category] = category }
        if let generation = name.generation { labels[AWSLabel.generation] = generation }
        guard let details = info.details else { return labels }
        labels[AWSLabel.hypervisor] = details.hypervisor ?? ""
        if let manufacturer = details.cpuManufacturer { labels[AWSLabel.cpuManufacturer] = manufacturer.lowercased() }
        if details.localStorageGB > 0 { labels[AWSLabel.localNVMe] = String(details.localStorageGB) }
        if details.gpuCount > 0, let gpuName = details.gpuName {
            labels[AWSLabel.gpuName] = gpuName.lowercased()
            labels[AWSLabel.gpuManufacturer] = (details.gpuManufacturer ?? "").lowercased()
            labels[AWSLabel.gpuCount] = String(details.gpuCount)
        }
        return labels
    }

    /// `karpenter.k8s.aws/instance-*` keys this mapping writes.
    package enum AWSLabel {
        /// e.g. `m`.
        package static let category = "karpenter.k8s.aws/instance-category"
        /// e.g. `m5`.
        package static let family = "karpenter.k8s.aws/instance-family"
        /// e.g. `5`.
        package static let generation = "karpenter.k8s.aws/instance-generation"
        /// e.g. `large`.
        package static let size = "karpenter.k8s.aws/instance-size"
        /// vCPUs.
        package static let cpu = "karpenter.k8s.aws/instance-cpu"
        /// `intel`, `amd`, `aws`.
        package static let cpuManufacturer = "karpenter.k8s.aws/instance-cpu-manufacturer"
        /// MiB.
        package static let memory = "karpenter.k8s.aws/instance-memory"
        /// `nitro`, `xen`, empty.
        package static let hypervisor = "karpenter.k8s.aws/instance-hypervisor"
        /// GB of local storage.
        package static let localNVMe = "karpenter.k8s.aws/instance-local-nvme"
        /// e.g. `t4`.
        package static let gpuName = "karpenter.k8s.aws/instance-gpu-name"
        /// e.g. `nvidia`.
        package static let gpuManufacturer = "karpenter.k8s.aws/instance-gpu-manufacturer"
        /// GPUs.
        package static let gpuCount = "karpenter.k8s.aws/instance-gpu-count"
    }

    /// `family.size`, with category = leading letters and generation = the digits after them and an
    /// optional `-<n>tb` part (as upstream's `(^[a-z]+)(\-[0-9]+tb)?([0-9]+).*\.`).
    struct NameParts {
        let family: String
        let size: String
        let category: String?
        let generation: String?

        init(_ name: String) {
            let parts = name.split(separator: ".", maxSplits: 1)
            family = parts.first.map(String.init) ?? name
            size = parts.count > 1 ? String(parts[1]) : ""
            var rest = Substring(family)
            let letters = rest.prefix { $0.isLetter && $0.isLowercase }
            rest = rest.dropFirst(letters.count)
            if rest.hasPrefix("-") {
                let terabytes = rest.dropFirst().prefix { $0.isNumber }
                if !terabytes.isEmpty, rest.dropFirst(1 + terabytes.count).hasPrefix("tb") {
                    rest = rest.dropFirst(1 + terabytes.count + 2)
                }
            }
            let digits = rest.prefix { $0.isNumber }
            category = letters.isEmpty || digits.isEmpty ? nil : String(letters)
            generation = letters.isEmpty || digits.isEmpty ? nil : String(digits)
        }
    }
}
