import KubeModel

/// A purchasable node shape: labels (arch, os, family, ...), capacity, the overhead the kubelet and
/// system reserve, and the offerings (zone x capacity type) it can be bought in.
/// `allocatable = capacity - overhead.total`.
package struct InstanceType: Sendable, Hashable {
    /// Name, e.g. `m5.large`; also the `node.kubernetes.io/instance-type` value.
    package var name: String
    /// Labels a node of this type carries (excluding zone and capacity type, which come from the
    /// offerings, and the instance-type label, which comes from `name`).
    package var labels: [String: String]
    /// Node capacity.
    package var capacity: Resources
    /// Reserved amounts.
    package var overhead: Overhead
    /// Where and how it can be bought.
    package var offerings: [Offering]

    /// Creates an instance type.
    package init(name: String, labels: [String: String] = [:], capacity: Resources, overhead: Overhead = Overhead(),
                 offerings: [Offering]) {
        self.name = name
        self.labels = labels
        self.capacity = capacity
        self.overhead = overhead
        self.offerings = offerings
    }

    /// What pods can request on a node of this type.
    package var allocatable: Resources { capacity - overhead.total }

    /// Requirements a node of this type satisfies: its labels, its name, and `In` over the zones and
    /// capacity types of its available offerings.
    package func requirements(table: inout LabelTable) -> Requirements {
        var labels = labels
        labels[WellKnownLabels.instanceType] = name
        var requirements = Requirements(labels: labels, table: &table)
        let available = offerings.filter(\.available)
        let zones = Set(available.map(\.zone)).sorted().map { table.value($0) }
        let capacityTypes = Set(available.map(\.capacityType)).sorted().map { table.value($0) }
        requirements.add(Requirement(key: table.key(WellKnownLabels.zone), complement: false, values: zones,
                                     table: table), table: table)
        requirements.add(Requirement(key: table.key(WellKnownLabels.capacityType), complement: false,
                                     values: capacityTypes, table: table), table: table)
        return requirements
    }

    /// Kubelet and system reservations and the eviction threshold.
    package struct Overhead: Sendable, Hashable {
        /// kube-reserved.
        package var kubeReserved: Resources
        /// system-reserved.
        package var systemReserved: Resources
        /// Hard eviction threshold.
        package var evictionThreshold: Resources

        /// Creates an overhead.
        package init(kubeReserved: Resources = .zero, systemReserved: Resources = .zero,
                     evictionThreshold: Resources = .zero) {
            self.kubeReserved = kubeReserved
            self.systemReserved = systemReserved
            self.evictionThreshold = evictionThreshold
        }

        /// Sum of all three.
        package var total: Resources { kubeReserved + systemReserved + evictionThreshold }
    }
}

/// One way to buy an instance type: a zone and a capacity type (`spot`/`on-demand`) with an hourly
/// price and whether it is currently available (not ICE-cached).
package struct Offering: Sendable, Hashable {
    /// Availability zone.
    package var zone: String
    /// `spot` or `on-demand`.
    package var capacityType: String
    /// Hourly price in dollars.
    package var price: Double
    /// False when the offering is known to be unavailable.
    package var available: Bool

    /// Creates an offering.
    package init(zone: String, capacityType: String, price: Double, available: Bool = true) {
        self.zone = zone
        self.capacityType = capacityType
        self.price = price
        self.available = available
    }
}
