import Foundation
import KubeModel

/// How a simulation run performed, for `karpenter simulate --stats` and the benchmarks: wall time,
/// the provisioner's rounds, and per pod the time from its creation to the cloud `create` call for
/// the NodeClaim it was nominated to. Reported on standard error, never in the (deterministic) summary.
struct SimulationStats {
    /// One provisioning round: its batch window in simulated time and its wall-clock cost.
    struct Round {
        var windowOpened: Date
        var windowClosed: Date
        var wallStarted: ContinuousClock.Instant
        var wallDuration: Duration
        /// Wall time spent outside the controllers (simulated API server and cloud) before the round.
        var externalAtStart: Duration
        var pods: Int
    }

    /// One pod's path to a cloud create call.
    struct PodLatency {
        /// Simulated seconds from creation to the create call.
        var simulated: TimeInterval
        /// Simulated seconds the pod's batch window was open.
        var window: TimeInterval
        /// Wall seconds from the round's start (window closed) to the create call.
        var wall: TimeInterval
        /// The part of `wall` spent in the controllers, not in the simulated API server or cloud.
        var controller: TimeInterval
    }

    var wallTime: Duration = .zero
    var steps = 0
    var reconciles = 0
    var rounds: [Round] = []
    var latencies: [PodLatency] = []
    var peakRSSBytes: Int = 0

    /// The `q`-quantile (nearest rank) of `values`, or nil when empty.
    static func percentile(_ values: [Double], _ q: Double) -> Double? {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return nil }
        let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    /// The process's peak resident set size so far (getrusage; Linux reports KiB).
    static func currentPeakRSS() -> Int {
        var usage = rusage()
        #if os(Linux)
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss) * 1024
        #else
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss)
        #endif
    }

    /// The block printed by `--stats`.
    var text: String {
        func seconds(_ value: Double?, digits: Int = 3) -> String { value.map { String(format: "%.\(digits)fs", $0) } ?? "-" }
        let roundWalls = rounds.map(\.wallDuration.timeInterval)
        let afterWindow = latencies.map { $0.simulated - $0.window }
        return [
            "simulation stats",
            "wall time:           \(seconds(wallTime.timeInterval)) (\(steps) steps, \(reconciles) nodeclaim reconciles)",
            "provisioning rounds: \(rounds.count), \(rounds.reduce(0) { $0 + $1.pods }) pods; wall per round max "
                + "\(seconds(roundWalls.max())), total \(seconds(roundWalls.reduce(0, +)))",
            "create call latency: \(latencies.count) pods; simulated minus batch window p50 \(seconds(Self.percentile(afterWindow, 0.5), digits: 1)) "
                + "p99 \(seconds(Self.percentile(afterWindow, 0.99), digits: 1)) (raw p50 \(seconds(Self.percentile(latencies.map(\.simulated), 0.5), digits: 1)) "
                + "p99 \(seconds(Self.percentile(latencies.map(\.simulated), 0.99), digits: 1)))",
            "controller wall:     window close to create call p50 \(seconds(Self.percentile(latencies.map(\.wall), 0.5))) "
                + "p99 \(seconds(Self.percentile(latencies.map(\.wall), 0.99))) max \(seconds(latencies.map(\.wall).max()))",
            "  of which controllers (minus simulated API server and cloud): p50 "
                + "\(seconds(Self.percentile(latencies.map(\.controller), 0.5))) p99 \(seconds(Self.percentile(latencies.map(\.controller), 0.99)))",
            "peak RSS:            \(String(format: "%.1f", Double(peakRSSBytes) / 1_048_576)) MiB",
        ].joined(separator: "\n")
    }
}
