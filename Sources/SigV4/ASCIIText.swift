/// Byte-level text helpers for header names and values. Header names are ASCII by RFC 9110, so
/// working on UTF-8 bytes is both correct and far cheaper than Unicode-aware `String` operations
/// (which dominated signing time on long session tokens).
package enum ASCIIText {
    /// `text` with `A-Z` mapped to `a-z`; other bytes unchanged. Returns the input when already lower.
    package static func lowercased(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return text }
        return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Case-insensitive ASCII equality.
    package static func equalsIgnoringCase(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        return zip(lhs.utf8, rhs.utf8).allSatisfy { a, b in
            a == b || (a | 0x20 == b | 0x20 && (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A)
        }
    }

    /// Trims spaces, tabs and line breaks at both ends and collapses each inner run of them into one
    /// space, as SigV4 canonical header values require.
    package static func collapsingWhitespace(_ text: String) -> String {
        if isCanonicalValue(text) { return text }
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when `text` has no tab or line break, no space at either end and no two spaces in a row,
    /// so it is already canonical (the common case, e.g. long session tokens).
    private static func isCanonicalValue(_ text: String) -> Bool {
        var previousWasSpace = true  // a leading space is not canonical
        for byte in text.utf8 {
            switch byte {
            case 0x09, 0x0A, 0x0D: return false
            case 0x20:
                if previousWasSpace { return false }
                previousWasSpace = true
            default:
                previousWasSpace = false
            }
        }
        return !previousWasSpace || text.isEmpty
    }

    /// The path and query of an absolute URL string as sent on the wire (still percent-encoded):
    /// everything after the authority up to `?`, then up to `#`. The path is empty when absent.
    package static func pathAndQuery(ofURL text: String) -> (path: Substring, query: Substring) {
        let bytes = text.utf8
        var index = bytes.startIndex
        // Skip "scheme://authority".
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
           bytes[colon...].starts(with: "://".utf8) {
            index = bytes.index(colon, offsetBy: 3)
        }
        let end = bytes[index...].firstIndex(of: UInt8(ascii: "#")) ?? bytes.endIndex
        guard let start = bytes[index..<end].firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }) else {
            return ("", "")
        }
        guard let question = bytes[start..<end].firstIndex(of: UInt8(ascii: "?")) else {
            return (Substring(bytes[start..<end]), "")
        }
        return (Substring(bytes[start..<question]), Substring(bytes[bytes.index(after: question)..<end]))
    }
}
