import Foundation
import KubeModel

/// What a simulation ended with: pods placed, time from creation to binding (simulated
/// seconds), nodes by instance type and capacity type, and their hourly price.
struct SimulationReport {
    /// Nodes are grouped by this pair in the table.
    struct NodeKey: Hashable, Comparable {
        var instanceType: String
        var capacityType: String

        static func < (lhs: NodeKey, rhs: NodeKey) -> Bool {
            (lhs.instanceType, lhs.capacityType) < (rhs.instanceType, rhs.capacityType)
        }
    }

    var totalPods: Int
    var simulatedSeconds: TimeInterval
    var bindSeconds: [TimeInterval] = []
    var unschedulable: [String] = []
    var nodes: [NodeKey: (count: Int, price: Double)] = [:]
    var nodeClaims: [NodeClaim] = []

    mutating func add(node: NodeKey, price: Double) {
        let current = nodes[node] ?? (0, 0)
        nodes[node] = (current.count + 1, current.price + price)
    }

    /// The `q`-quantile (nearest rank) of the bind latencies, or `nil` when nothing was bound.
    func bindPercentile(_ q: Double) -> TimeInterval? {
        let sorted = bindSeconds.sorted()
        guard !sorted.isEmpty else { return nil }
        let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    /// The summary table printed after the log lines.
    var table: String {
        func seconds(_ value: TimeInterval?) -> String { value.map { String(format: "%.1fs", $0) } ?? "-" }
        var lines = [
            "simulation summary (\(String(format: "%.1f", simulatedSeconds))s simulated)",
            "pods placed:       \(bindSeconds.count)/\(totalPods)",
            "time to bind:      p50 \(seconds(bindPercentile(0.5))), p99 \(seconds(bindPercentile(0.99)))",
            "nodes:",
        ]
        let header = ["INSTANCE TYPE", "CAPACITY", "COUNT", "$/HOUR"]
        var rows = nodes.keys.sorted().map { key in
            let entry = nodes[key] ?? (0, 0)
            return [key.instanceType, key.capacityType, String(entry.count), String(format: "%.4f", entry.price)]
        }
        // Summed in row order: floating-point addition is not associative, and a dictionary's order
        // differs between runs, so the last digit of the total would too.
        let total = nodes.keys.sorted().reduce(0) { $0 + (nodes[$1]?.price ?? 0) }
        rows.append(["total", "", String(nodes.values.reduce(0) { $0 + $1.count }), String(format: "%.4f", total)])
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        for row in [header] + rows {
            lines.append("  " + row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
        }
        for claim in nodeClaims.sorted(by: { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }) {
            let allocatable = (claim.status?.allocatable ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            lines.append("nodeclaim \(claim.metadata.name ?? ""): \(claim.metadata.labels?[WellKnownLabels.instanceType] ?? "") "
                + "\(claim.metadata.labels?[WellKnownLabels.capacityType] ?? "") allocatable \(allocatable.joined(separator: ","))")
        }
        if !unschedulable.isEmpty {
            lines.append("unschedulable pods: \(unschedulable.count) (\(unschedulable.prefix(5).joined(separator: ", ")))")
        }
        return lines.joined(separator: "\n")
    }
}
