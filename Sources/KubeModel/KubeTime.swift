import Foundation

/// A timestamp written as RFC 3339 text with a fixed number of fractional digits. Decoding accepts
/// any RFC 3339 form (other clients write fractions and offsets); encoding writes the canonical one.
package protocol RFC3339Timestamp: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Fractional digits written when encoding: 0 for `metav1.Time`, 6 for `metav1.MicroTime`.
    static var fractionDigits: Int { get }
    /// The instant.
    var date: Date { get }
    /// Wraps an instant.
    init(_ date: Date)
}

extension RFC3339Timestamp {
    /// Parses an RFC 3339 timestamp; `nil` when the text is not one.
    package init?(rfc3339 text: String) {
        guard let date = RFC3339.parse(text) else { return nil }
        self.init(date)
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = RFC3339.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "invalid RFC 3339 timestamp \"\(text)\"")
        }
        self.init(date)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Canonical text, e.g. `2024-08-07T19:23:07Z` or `2024-08-07T19:23:07.084000Z`.
    package var description: String { RFC3339.format(date, fractionDigits: Self.fractionDigits) }

    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.date < rhs.date }
}

/// A Kubernetes `metav1.Time`: RFC 3339 in UTC with whole seconds on the wire
/// (`2024-08-07T19:23:07Z`).
package struct KubeTime: RFC3339Timestamp {
    package static let fractionDigits = 0
    /// The instant, truncated to whole seconds when encoded.
    package var date: Date

    /// Wraps an instant.
    package init(_ date: Date) { self.date = date }
}

/// A Kubernetes `metav1.MicroTime` (Leases, Events): RFC 3339 with six fractional digits.
package struct KubeMicroTime: RFC3339Timestamp {
    package static let fractionDigits = 6
    /// The instant, kept to microseconds when encoded.
    package var date: Date

    /// Wraps an instant.
    package init(_ date: Date) { self.date = date }
}

/// RFC 3339 parsing and formatting with integer civil-date arithmetic: no formatter objects (which
/// are neither cheap nor Sendable) and no dependence on the process time zone.
package enum RFC3339 {
    /// Formats `date` in UTC with `fractionDigits` (0, 3 or 6) digits after the seconds.
    package static func format(_ date: Date, fractionDigits: Int) -> String {
        let scale = fractionDigits == 0 ? 1 : (fractionDigits == 3 ? 1_000 : 1_000_000)
        let scaled = (date.timeIntervalSince1970 * Double(scale)).rounded(.down)
        let totalUnits = Int64(scaled)
        var seconds = totalUnits / Int64(scale)
        var fraction = totalUnits % Int64(scale)
        if fraction < 0 { fraction += Int64(scale); seconds -= 1 }
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
        text += pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if fractionDigits > 0 { text += "." + pad(fraction, fractionDigits) }
        return text + "Z"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`; lower-case `t`/`z` accepted.
    package static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20 else { return nil }
        func number(_ start: Int, _ count: Int) -> Int64? {
            var value: Int64 = 0
            for index in start..<(start + count) {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < bytes.count else { return nil }
        var offset: Int64 = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                  let offsetHours = number(index + 1, 2), let offsetMinutes = number(index + 4, 2)
            else { return nil }
            offset = (offsetHours * 60 + offsetMinutes) * 60
            if bytes[index] == UInt8(ascii: "-") { offset = -offset }
        default:
            return nil
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
