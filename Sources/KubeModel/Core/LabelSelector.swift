/// `metav1.LabelSelector`: `matchLabels` and `matchExpressions`, ANDed. An empty selector matches
/// everything; a nil selector (where optional) matches nothing — callers decide which applies.
package struct LabelSelector: Codable, Sendable, Hashable {
    /// Exact label matches.
    package var matchLabels: [String: String]?
    /// Set-based requirements.
    package var matchExpressions: [LabelSelectorRequirement]?

    /// Creates a selector.
    package init(matchLabels: [String: String]? = nil, matchExpressions: [LabelSelectorRequirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// Whether `labels` satisfy every part of the selector.
    package func matches(_ labels: [String: String]) -> Bool {
        for (key, value) in matchLabels ?? [:] where labels[key] != value { return false }
        for requirement in matchExpressions ?? [] where !requirement.matches(labels) { return false }
        return true
    }

    /// The selector in `kubectl`'s `-l` syntax, as the API's `labelSelector` query parameter takes it.
    package var queryString: String {
        var parts = (matchLabels ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        for requirement in matchExpressions ?? [] {
            let values = (requirement.values ?? []).sorted().joined(separator: ",")
            switch requirement.operator {
            case .in: parts.append("\(requirement.key) in (\(values))")
            case .notIn: parts.append("\(requirement.key) notin (\(values))")
            case .exists: parts.append(requirement.key)
            case .doesNotExist: parts.append("!\(requirement.key)")
            }
        }
        return parts.joined(separator: ",")
    }
}

/// One set-based label requirement (`In`, `NotIn`, `Exists`, `DoesNotExist`).
package struct LabelSelectorRequirement: Codable, Sendable, Hashable {
    /// Label key.
    package var key: String
    /// Operator.
    package var `operator`: LabelSelectorOperator
    /// Values for In/NotIn.
    package var values: [String]?

    /// Creates a requirement.
    package init(key: String, operator: LabelSelectorOperator, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }

    /// Whether `labels` satisfy this requirement.
    package func matches(_ labels: [String: String]) -> Bool {
        let value = labels[key]
        switch self.operator {
        case .in: return value.map { (values ?? []).contains($0) } ?? false
        case .notIn: return value.map { !(values ?? []).contains($0) } ?? true
        case .exists: return value != nil
        case .doesNotExist: return value == nil
        }
    }
}

/// Operators of label selectors.
package enum LabelSelectorOperator: String, Codable, Sendable, Hashable {
    /// Value in the set.
    case `in` = "In"
    /// Absent, or value not in the set.
    case notIn = "NotIn"
    /// Present.
    case exists = "Exists"
    /// Absent.
    case doesNotExist = "DoesNotExist"
}
