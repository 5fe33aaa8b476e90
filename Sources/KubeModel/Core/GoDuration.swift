import Foundation

/// Go's duration syntax (`1s`, `500ms`, `1m30s`, `1.5h`, `720h`), used by upstream's settings
/// (`BATCH_IDLE_DURATION`) and flags, parsed and printed the way Go does.
package enum GoDuration {
    private static let units: [(String, Double)] = [
        ("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("μs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600),
    ]

    /// Parses `text`; `nil` when it is not a Go duration. A bare `0` is accepted as Go does.
    package static func parse(_ text: String) -> Duration? {
        var rest = Substring(text)
        var negative = false
        if let sign = rest.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            rest = rest.dropFirst()
        }
        if rest == "0" { return .zero }
        guard !rest.isEmpty else { return nil }
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number != ".", number.filter({ $0 == "." }).count <= 1,
                  let value = Double(number.hasPrefix(".") ? "0" + number : String(number))
            else { return nil }
            rest = rest.dropFirst(number.count)
            let unitText = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            guard let unit = units.first(where: { $0.0 == unitText }) else { return nil }
            rest = rest.dropFirst(unitText.count)
            total += value * unit.1
        }
        guard total.isFinite, total < 9.2e9 else { return nil }
        let nanoseconds = Int64((total * 1e9).rounded())
        return .nanoseconds(negative ? -nanoseconds : nanoseconds)
    }

    /// Prints like Go's `Duration.String()`: `1s`, `1m30s`, `720h0m0s`, `500ms`.
    package static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        var nanos = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        if nanos == 0 { return "0s" }
        let sign = nanos < 0 ? "-" : ""
        nanos = abs(nanos)
        if nanos < 1_000_000_000 {
            if nanos < 1000 { return "\(sign)\(nanos)ns" }
            if nanos < 1_000_000 { return sign + trimmed(Double(nanos) / 1000) + "µs" }
            return sign + trimmed(Double(nanos) / 1_000_000) + "ms"
        }
        let hours = nanos / 3_600_000_000_000
        let minutes = nanos / 60_000_000_000 % 60
        let secondsPart = Double(nanos % 60_000_000_000) / 1e9
        var text = sign
        if hours > 0 { text += "\(hours)h" }
        if hours > 0 || minutes > 0 { text += "\(minutes)m" }
        return text + trimmed(secondsPart) + "s"
    }

    private static func trimmed(_ value: Double) -> String {
        var text = String(format: "%.9f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
