/// Parses quantity text with the grammar Kubernetes uses:
/// `[+-]? digits [. digits] ( binarySuffix | decimalSuffix | [eE] [+-]? digits )?`
/// where at least one digit is present on either side of the point.
enum QuantityParser {
    private static let decimalSuffixes: [String: Int] = [
        "n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18,
    ]
    private static let binarySuffixes: [String: Int] = [
        "Ki": 1, "Mi": 2, "Gi": 3, "Ti": 4, "Pi": 5, "Ei": 6,
    ]
    /// Digits beyond this carry no information an Int128 milli amount can hold.
    private static let maxSignificantDigits = 36

    static func parse(_ text: String) throws(QuantityError) -> Quantity {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw .empty }
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }
        var digits: [UInt8] = []
        var fractionCount = 0
        var sawDigit = false
        while index < bytes.count, isDigit(bytes[index]) {
            digits.append(bytes[index] - 48)
            sawDigit = true
            index += 1
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, isDigit(bytes[index]) {
                digits.append(bytes[index] - 48)
                fractionCount += 1
                sawDigit = true
                index += 1
            }
        }
        guard sawDigit else { throw .malformed(text) }
        let suffix = String(decoding: bytes[index...], as: UTF8.self)

        var exponent10 = 0
        var power1024 = 0
        let format: Quantity.Format
        if let exponent = decimalSuffixes[suffix] {
            exponent10 = exponent
            format = .decimalSI
        } else if let power = binarySuffixes[suffix] {
            power1024 = power
            format = .binarySI
        } else if let first = suffix.utf8.first, first == UInt8(ascii: "e") || first == UInt8(ascii: "E"),
                  let exponent = parseExponent(suffix.utf8.dropFirst()) {
            exponent10 = exponent
            format = .decimalExponent
        } else if suffix.utf8.contains(where: { !isSuffixCharacter($0) }) {
            throw .malformed(text)
        } else {
            throw .unknownSuffix(text: text, suffix: suffix)
        }

        // Drop leading zeros, then keep the significant digits that can matter.
        var significant = digits.drop { $0 == 0 }
        var scale = exponent10 - fractionCount + 3  // power of ten that turns the digits into milli-units
        if significant.count > maxSignificantDigits {
            let excess = significant.count - maxSignificantDigits
            // Dropped low digits can only make the amount larger: remember that for rounding up.
            let droppedNonZero = significant.suffix(excess).contains { $0 != 0 }
            significant = significant.prefix(maxSignificantDigits)
            scale += excess
            if droppedNonZero, scale <= 0 {
                return try finish(mantissa: significant, scale: scale, power1024: power1024, roundUp: true, negative: negative, format: format, text: text)
            }
        }
        return try finish(mantissa: significant, scale: scale, power1024: power1024, roundUp: false, negative: negative, format: format, text: text)
    }

    private static func finish(
        mantissa digits: ArraySlice<UInt8>, scale: Int, power1024: Int, roundUp: Bool,
        negative: Bool, format: Quantity.Format, text: String
    ) throws(QuantityError) -> Quantity {
        var amount: Int128 = 0
        for digit in digits { amount = amount * 10 + Int128(digit) }
        for _ in 0..<power1024 {
            let (product, overflow) = amount.multipliedReportingOverflow(by: 1024)
            guard !overflow else { throw .outOfRange(text) }
            amount = product
        }
        if scale >= 0 {
            for _ in 0..<scale {
                if amount == 0 { break }
                let (product, overflow) = amount.multipliedReportingOverflow(by: 10)
                guard !overflow else { throw .outOfRange(text) }
                amount = product
            }
        } else {
            var remainderNonZero = roundUp
            for _ in 0..<(-scale) {
                if amount == 0 { break }
                let (quotient, remainder) = amount.quotientAndRemainder(dividingBy: 10)
                if remainder != 0 { remainderNonZero = true }
                amount = quotient
            }
            if remainderNonZero { amount += 1 }
        }
        return Quantity(milli: negative ? -amount : amount, format: format)
    }

    private static func parseExponent(_ bytes: Substring.UTF8View.SubSequence) -> Int? {
        var rest = bytes[...]
        var negative = false
        if let first = rest.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            rest = rest.dropFirst()
        }
        guard !rest.isEmpty, rest.count <= 4, rest.allSatisfy(isDigit) else { return nil }
        var value = 0
        for byte in rest { value = value * 10 + Int(byte - 48) }
        return negative ? -value : value
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    private static func isSuffixCharacter(_ byte: UInt8) -> Bool {
        "eEinumkKMGTP+-0123456789".utf8.contains(byte)
    }
}
