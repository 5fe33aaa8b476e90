/// A Karpenter duration field such as `expireAfter: 720h`, `consolidateAfter: 0s` or `Never`.
///
/// The text is kept exactly as written (`1h30m` stays `1h30m`, never `5400s`), so decoding and
/// re-encoding a manifest changes nothing; the parsed length (Go `time.ParseDuration` syntax:
/// `ns`, `us`, `µs`, `ms`, `s`, `m`, `h`, fractions, sign) drives behaviour. Two values are equal
/// when they mean the same length (`60m == 1h`), or are both `Never`.
package struct NillableDuration: Sendable, Hashable, CustomStringConvertible {
    /// The text as written, e.g. `720h` or `Never`.
    package let text: String
    /// Length in nanoseconds; nil for `Never`.
    package let nanoseconds: Int64?

    /// `Never`: the action (expiry, consolidation) is disabled.
    package static let never = NillableDuration(uncheckedText: "Never", nanoseconds: nil)

    /// Parses `Never` or a Go duration; nil when the text is neither.
    package init?(_ text: String) {
        if text == "Never" {
            self = .never
            return
        }
        guard let length = GoDuration.parse(text) else { return nil }
        let (seconds, attoseconds) = length.components
        self.text = text
        self.nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    private init(uncheckedText: String, nanoseconds: Int64?) {
        self.text = uncheckedText
        self.nanoseconds = nanoseconds
    }

    /// A whole number of seconds, written the way the API server defaults it (`0s`, `720h`).
    package init(seconds: Int64) {
        if seconds != 0, seconds % 3600 == 0 {
            self.init(uncheckedText: "\(seconds / 3600)h", nanoseconds: seconds * 1_000_000_000)
        } else {
            self.init(uncheckedText: "\(seconds)s", nanoseconds: seconds * 1_000_000_000)
        }
    }

    /// True for `Never`.
    package var isNever: Bool { nanoseconds == nil }

    /// The length as a Swift `Duration`; nil for `Never`.
    package var duration: Duration? { nanoseconds.map { Duration.nanoseconds($0) } }

    /// The text as written.
    package var description: String { text }

    package static func == (lhs: NillableDuration, rhs: NillableDuration) -> Bool {
        lhs.nanoseconds == rhs.nanoseconds
    }

    package func hash(into hasher: inout Hasher) { hasher.combine(nanoseconds) }

    /// True when the text matches `pattern` exactly (used by validation with the CRD's patterns).
    package func matches(_ pattern: DurationPattern) -> Bool { pattern.accepts(text) }
}

extension NillableDuration: Codable {
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = NillableDuration(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "duration \"\(text)\" is not a duration such as 30s, 10m, 720h or 1h30m, nor Never")
        }
        self = value
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

extension NillableDuration {
    /// The problem with an optional duration field against its CRD pattern, if any.
    package static func validate(_ value: NillableDuration?, at path: FieldPath, pattern: DurationPattern) -> [FieldError] {
        guard let value, !value.matches(pattern) else { return [] }
        return [FieldError(path: path, "duration \"\(value.text)\" must look like \(pattern.examples)")]
    }
}

/// The duration spellings the CRDs accept, one per field family (the API server enforces them as
/// `pattern`s; validation checks them before a request is made).
package enum DurationPattern: Sendable {
    /// `^(([0-9]+(s|m|h))+|Never)$`: expireAfter, consolidateAfter.
    case nillable
    /// `^([0-9]+(s|m|h))+$`: terminationGracePeriod.
    case plain
    /// `^((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)$`: a budget's duration (hours and minutes only).
    case budget

    /// The regular expression as the CRD writes it.
    package var regex: String {
        switch self {
        case .nillable: "^(([0-9]+(s|m|h))+|Never)$"
        case .plain: "^([0-9]+(s|m|h))+$"
        case .budget: "^((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)$"
        }
    }

    /// Example spellings for error messages.
    package var examples: String {
        switch self {
        case .nillable: "30s, 10m, 720h, 1h30m or Never"
        case .plain: "30s, 10m, 48h or 1h30m"
        case .budget: "10m, 8h or 1h30m (hours and minutes only)"
        }
    }

    /// Whether `text` matches the pattern.
    package func accepts(_ text: String) -> Bool {
        switch self {
        case .nillable:
            return text == "Never" || Self.units(text, allowed: ["s", "m", "h"]) != nil
        case .plain:
            return Self.units(text, allowed: ["s", "m", "h"]) != nil
        case .budget:
            var body = Substring(text)
            if body.hasSuffix("0s"), body.count > 2 { body = body.dropLast(2) }
            guard let units = Self.units(String(body), allowed: ["h", "m"]) else { return false }
            return units == ["h"] || units == ["m"] || units == ["h", "m"]
        }
    }

    /// Splits `digits unit digits unit ...`; nil when any group is malformed or uses another unit.
    private static func units(_ text: String, allowed: Set<Character>) -> [Character]? {
        var units: [Character] = []
        var sawDigit = false
        for character in text {
            if character.isASCII, character.isNumber {
                sawDigit = true
            } else if allowed.contains(character), sawDigit {
                units.append(character)
                sawDigit = false
            } else {
                return nil
            }
        }
        return sawDigit || units.isEmpty ? nil : units
    }
}
