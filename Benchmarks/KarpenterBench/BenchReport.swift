import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One benchmark result line: ordered fields printed as a table row or as one JSON object.
struct BenchReport {
    enum Value {
        case int(Int)
        case double(Double)
        case string(String)

        var json: String {
            switch self {
            case let .int(value): return String(value)
            case let .double(value): return value.isFinite ? String(value) : "null"
            case let .string(value):
                var out = "\""
                for scalar in value.unicodeScalars {
                    switch scalar {
                    case "\"": out += "\\\""
                    case "\\": out += "\\\\"
                    case "\n": out += "\\n"
                    default: out.unicodeScalars.append(scalar)
                    }
                }
                return out + "\""
            }
        }

        var text: String {
            switch self {
            case let .int(value): return String(value)
            case let .double(value):
                let scaled = (value * 10000).rounded() / 10000
                return String(scaled)
            case let .string(value): return value
            }
        }
    }

    var fields: [(String, Value)]

    var json: String { "{" + fields.map { "\"\($0.0)\":\($0.1.json)" }.joined(separator: ",") + "}" }

    /// Prints reports as JSON lines or as an aligned table.
    static func emit(_ reports: [BenchReport], json: Bool) {
        if json {
            for report in reports { print(report.json) }
            return
        }
        guard let header = reports.first?.fields.map(\.0) else { return }
        let rows = reports.map { $0.fields.map(\.1.text) }
        let widths = header.indices.map { column in
            max(header[column].count, rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0)
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }
        print(line(header))
        for row in rows { print(line(row)) }
    }
}


/// Times `body` with a monotonic clock; returns seconds.
func measure(_ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    let elapsed = clock.measure(body)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// CPU time of this thread in seconds (the machine is shared: wall time includes waiting for a core).
func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Wall and CPU seconds of the fastest of `iterations` runs (by CPU time, the least noisy figure here).
struct Timing {
    var wall = Double.infinity
    var cpu = Double.infinity
}

func best(of iterations: Int, _ body: () -> Void) -> Timing {
    var timing = Timing()
    for _ in 0..<max(1, iterations) {
        let start = threadCPUSeconds()
        let wall = measure(body)
        let cpu = threadCPUSeconds() - start
        if cpu < timing.cpu { timing = Timing(wall: wall, cpu: cpu) }
    }
    return timing
}
