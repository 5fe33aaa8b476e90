/// A Kubernetes resource quantity (`100m`, `1.5Gi`, `129e6`, `17Gi`).
///
/// The amount is held exactly as an integer number of milli-units; finer amounts are rounded up
/// (away from zero) to the next milli-unit, as the API server does when it reports milli values.
/// The ``Format`` remembers which family of suffix the text used, so that formatting gives the
/// canonical text the API server would print (`1.5Gi` → `1536Mi`, `0.5` → `500m`, `1e3` → `1e3`).
package struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Which suffix family the quantity is written in.
    package enum Format: Sendable, Hashable {
        /// Powers of 1024: `Ki`, `Mi`, `Gi`, `Ti`, `Pi`, `Ei`.
        case binarySI
        /// Powers of 1000: `n`, `u`, `m`, none, `k`, `M`, `G`, `T`, `P`, `E`.
        case decimalSI
        /// Scientific notation: `1e3`, `129e6`.
        case decimalExponent
    }

    /// The amount in thousandths of a unit (millicores for CPU, millibytes for memory).
    package private(set) var milli: Int128
    /// The suffix family used when formatting.
    package var format: Format

    /// Creates a quantity of `milli` thousandths of a unit.
    package init(milli: Int128, format: Format = .decimalSI) {
        self.milli = milli
        self.format = format
    }

    /// Creates a quantity of `units` whole units (cores, bytes, pods).
    package init(_ units: Int64, format: Format = .decimalSI) {
        self.init(milli: Int128(units) * 1000, format: format)
    }

    /// Parses Kubernetes quantity text; throws ``QuantityError`` naming what is wrong.
    package init(parsing text: String) throws(QuantityError) {
        self = try QuantityParser.parse(text)
    }

    /// Zero, written `0`.
    package static let zero = Quantity(milli: 0)

    /// Whole units, rounded up (away from zero) as Kubernetes' `Value()` does.
    package var value: Int128 {
        let (quotient, remainder) = milli.quotientAndRemainder(dividingBy: 1000)
        if remainder == 0 { return quotient }
        return milli > 0 ? quotient + 1 : quotient - 1
    }

    /// The milli amount as `Int64` when it fits: what the solver's resource vectors use.
    package var milliInt64: Int64? { Int64(exactly: milli) }

    /// True when the amount is zero.
    package var isZero: Bool { milli == 0 }

    /// Canonical text, as the API server prints it.
    package var description: String { QuantityFormatter.canonical(self) }

    package static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.milli < rhs.milli }

    /// Equality compares amounts only: `1Gi` equals `1073741824`.
    package static func == (lhs: Quantity, rhs: Quantity) -> Bool { lhs.milli == rhs.milli }

    package func hash(into hasher: inout Hasher) { hasher.combine(milli) }

    /// Sum, keeping the left operand's format (as Kubernetes' `Add` does).
    package static func + (lhs: Quantity, rhs: Quantity) -> Quantity {
        Quantity(milli: lhs.milli + rhs.milli, format: lhs.format)
    }

    /// Difference, keeping the left operand's format.
    package static func - (lhs: Quantity, rhs: Quantity) -> Quantity {
        Quantity(milli: lhs.milli - rhs.milli, format: lhs.format)
    }

    /// Scales by a whole number, keeping the format.
    package static func * (lhs: Quantity, rhs: Int) -> Quantity {
        Quantity(milli: lhs.milli * Int128(rhs), format: lhs.format)
    }

    /// Adds in place.
    package static func += (lhs: inout Quantity, rhs: Quantity) { lhs = lhs + rhs }

    /// Subtracts in place.
    package static func -= (lhs: inout Quantity, rhs: Quantity) { lhs = lhs - rhs }
}

/// Why a quantity could not be parsed. The text is included so the user can find it.
package enum QuantityError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Empty string.
    case empty
    /// The text does not have the shape `<number><suffix>`.
    case malformed(String)
    /// The suffix is not a Kubernetes suffix.
    case unknownSuffix(text: String, suffix: String)
    /// The amount does not fit.
    case outOfRange(String)

    package var description: String {
        switch self {
        case .empty:
            "quantity is empty; expected a number with an optional suffix such as 100m, 1.5Gi or 2"
        case let .malformed(text):
            "quantity \"\(text)\" is not a number with an optional suffix (e.g. 100m, 1.5Gi, 129e6)"
        case let .unknownSuffix(text, suffix):
            "quantity \"\(text)\" has unknown suffix \"\(suffix)\"; use one of n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or e<exponent>"
        case let .outOfRange(text):
            "quantity \"\(text)\" is too large"
        }
    }
}

extension Quantity: ExpressibleByStringLiteral {
    /// Literal quantities in code and tests; an invalid literal is a programming error caught by
    /// the tests that use it, so it becomes zero rather than trapping.
    package init(stringLiteral value: String) {
        self = (try? Quantity(parsing: value)) ?? .zero
    }
}

extension Quantity: Codable {
    /// Accepts a JSON string or a JSON number (YAML manifests often write `cpu: 1000`).
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text: String
        if let string = try? container.decode(String.self) {
            text = string
        } else if let integer = try? container.decode(Int64.self) {
            text = String(integer)
        } else if let double = try? container.decode(Double.self), double.isFinite {
            text = String(double)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "quantity must be a string or a number")
        }
        do {
            self = try Quantity(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Always the canonical string.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
