import Foundation

/// Renders the catalogue for `karpenter aws instance-types`: an aligned text table or JSON.
package enum InstanceTypeTable {
    /// One row per type: name, arch, vCPU, memory, max pods, allocatable cpu/memory, zones, cheapest
    /// spot and on-demand price ("-" when unknown).
    package static func text(_ types: [InstanceTypeInfo]) -> String {
        var rows = [["NAME", "ARCH", "VCPU", "MEMORY", "PODS", "ALLOC-CPU", "ALLOC-MEMORY", "ZONES", "SPOT", "ON-DEMAND"]]
        for type in types {
            let allocatable = type.allocatable
            rows.append([
                type.name, type.architecture, "\(type.vCPUs)", "\(type.memoryMiB)Mi",
                "\(type.capacity[ResourceName.pods] ?? 0)",
                ResourceAmount.format(allocatable[ResourceName.cpu] ?? 0, for: ResourceName.cpu),
                ResourceAmount.format(allocatable[ResourceName.memory] ?? 0, for: ResourceName.memory),
                Set(type.offerings.map(\.zone)).sorted().joined(separator: ","),
                price(type, "spot"), price(type, "on-demand"),
            ])
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// The catalogue as pretty, key-sorted JSON.
    package static func json(_ types: [InstanceTypeInfo]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(types), as: UTF8.self)
    }

    private static func price(_ type: InstanceTypeInfo, _ capacityType: String) -> String {
        let prices = type.offerings.filter { $0.capacityType == capacityType }.compactMap(\.price)
        guard let cheapest = prices.min() else { return "-" }
        return String(format: "%.4f", cheapest)
    }
}
