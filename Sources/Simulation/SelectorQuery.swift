import KubeModel

/// A parsed label or field selector in the API's query syntax (`app=web,tier!=db,env in (a,b),!gpu`),
/// evaluated the way the API server evaluates it.
package struct SelectorQuery: Sendable, Equatable {
    /// One comparison.
    package enum Term: Sendable, Equatable {
        case equals(String, String)
        case notEquals(String, String)
        case isIn(String, Set<String>)
        case notIn(String, Set<String>)
        case exists(String)
        case doesNotExist(String)
    }

    /// All terms must hold.
    package var terms: [Term]

    /// Parses `text`; throws with the offending part when it is not a valid selector.
    package init(parsing text: String) throws(PatchError) {
        terms = []
        for part in Self.splitTopLevel(text) {
            let term = part.trimmingCharacters(in: .whitespaces)
            if term.isEmpty { continue }
            if let match = term.range(of: " notin ") ?? term.range(of: " in ") {
                let key = term[..<match.lowerBound].trimmingCharacters(in: .whitespaces)
                let rest = term[match.upperBound...].trimmingCharacters(in: .whitespaces)
                guard rest.hasPrefix("("), rest.hasSuffix(")") else { throw PatchError(description: "invalid selector term \(term)") }
                let values = Set(rest.dropFirst().dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                terms.append(term[match].contains("notin") ? .notIn(key, values) : .isIn(key, values))
            } else if let range = term.range(of: "!=") {
                terms.append(.notEquals(term[..<range.lowerBound].trimmingCharacters(in: .whitespaces), term[range.upperBound...].trimmingCharacters(in: .whitespaces)))
            } else if let range = term.range(of: "==") ?? term.range(of: "=") {
                terms.append(.equals(term[..<range.lowerBound].trimmingCharacters(in: .whitespaces), term[range.upperBound...].trimmingCharacters(in: .whitespaces)))
            } else if term.hasPrefix("!") {
                terms.append(.doesNotExist(String(term.dropFirst()).trimmingCharacters(in: .whitespaces)))
            } else {
                guard !term.contains(" ") else { throw PatchError(description: "invalid selector term \(term)") }
                terms.append(.exists(term))
            }
        }
    }

    /// Whether `lookup` (label or field values; nil for absent) satisfies every term.
    package func matches(_ lookup: (String) -> String?) -> Bool {
        terms.allSatisfy { term in
            switch term {
            case let .equals(key, value): lookup(key) == value
            case let .notEquals(key, value): lookup(key) != value
            case let .isIn(key, values): lookup(key).map(values.contains) ?? false
            case let .notIn(key, values): lookup(key).map { !values.contains($0) } ?? true
            case let .exists(key): lookup(key) != nil
            case let .doesNotExist(key): lookup(key) == nil
            }
        }
    }

    /// Splits at commas that are not inside parentheses.
    private static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "(": depth += 1; current.append(character)
            case ")": depth -= 1; current.append(character)
            case "," where depth == 0: parts.append(current); current = ""
            default: current.append(character)
            }
        }
        parts.append(current)
        return parts
    }
}
