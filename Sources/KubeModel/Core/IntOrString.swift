/// `intstr.IntOrString`: fields such as `maxUnavailable: 1` or `maxUnavailable: "10%"` and budgets'
/// `nodes`. Encodes back in the form it was given.
package enum IntOrString: Codable, Sendable, Hashable, CustomStringConvertible {
    /// A plain integer.
    case int(Int)
    /// A string, usually a percentage such as `10%`.
    case string(String)

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let integer = try? container.decode(Int.self) {
            self = .int(integer)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an integer or a string")
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .int(value): try container.encode(value)
        case let .string(value): try container.encode(value)
        }
    }

    package var description: String {
        switch self {
        case let .int(value): String(value)
        case let .string(value): value
        }
    }

    /// Resolves against `total`: an integer as is, `N%` as `ceil(N% of total)` when `roundUp`, else
    /// floor. `nil` when the string is neither an integer nor a percentage.
    package func resolve(total: Int, roundUp: Bool) -> Int? {
        switch self {
        case let .int(value):
            return value
        case let .string(text):
            if let value = Int(text) { return value }
            guard text.hasSuffix("%"), let percent = Int(text.dropLast()), percent >= 0 else { return nil }
            let scaled = percent * total
            return roundUp ? (scaled + 99) / 100 : scaled / 100
        }
    }
}
