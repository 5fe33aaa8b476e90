/// Kubernetes name syntax: label keys (qualified names), label values and DNS subdomains.
package enum LabelSyntax {
    /// Problems with a label key or taint key (`[prefix/]name`); empty when valid.
    package static func keyProblems(_ key: String) -> [String] {
        let parts = key.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        var problems: [String] = []
        let name: Substring
        if parts.count == 2 {
            let prefix = String(parts[0])
            name = parts[1]
            if prefix.isEmpty {
                problems.append("prefix before \"/\" must not be empty")
            } else if let problem = subdomainProblem(prefix) {
                problems.append("prefix \"\(prefix)\" \(problem)")
            }
        } else {
            name = parts[0]
        }
        if name.isEmpty {
            problems.append("name part must not be empty")
        } else if name.count > 63 {
            problems.append("name part must be at most 63 characters")
        } else if !isName(name) {
            problems.append("name part must consist of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric (e.g. my-label)")
        }
        return problems
    }

    /// The problem with a label value, if any (values may be empty).
    package static func valueProblem(_ value: String) -> String? {
        if value.isEmpty { return nil }
        if value.count > 63 { return "must be at most 63 characters" }
        if !isName(Substring(value)) {
            return "must consist of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric (e.g. MyValue, 1.0)"
        }
        return nil
    }

    /// The problem with a DNS-1123 subdomain (lower-case, `.`-separated, ≤ 253), if any.
    package static func subdomainProblem(_ text: String) -> String? {
        if text.count > 253 { return "must be at most 253 characters" }
        let bytes = Array(text.utf8)
        let ok = bytes.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
        guard ok, let first = bytes.first, let last = bytes.last, isLowerAlnum(first), isLowerAlnum(last) else {
            return "must be a lower-case DNS subdomain (e.g. example.com)"
        }
        return nil
    }

    private static func isName(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last, isAlnum(first), isAlnum(last) else { return false }
        return bytes.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    private static func isAlnum(_ byte: UInt8) -> Bool {
        isLowerAlnum(byte) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func isLowerAlnum(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
