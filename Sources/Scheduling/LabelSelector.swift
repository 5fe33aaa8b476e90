/// A Kubernetes label selector (`matchLabels` plus `matchExpressions`). An empty selector matches
/// everything; a nil selector (where the API allows one) matches nothing and is modelled by callers.
package struct LabelSelector: Sendable, Hashable {
    /// One `matchExpressions` entry.
    package struct Expression: Sendable, Hashable {
        /// Selector operator.
        package enum Operator: String, Sendable, Hashable {
            case `in` = "In"
            case notIn = "NotIn"
            case exists = "Exists"
            case doesNotExist = "DoesNotExist"
        }

        /// Label key.
        package var key: String
        /// Operator.
        package var `operator`: Operator
        /// Values for In/NotIn.
        package var values: [String]

        /// Creates an expression.
        package init(_ key: String, _ op: Operator, _ values: [String] = []) {
            self.key = key
            self.operator = op
            self.values = values
        }
    }

    /// Exact-match labels.
    package var matchLabels: [String: String]
    /// Expressions, all of which must hold.
    package var matchExpressions: [Expression]

    /// Creates a selector.
    package init(matchLabels: [String: String] = [:], matchExpressions: [Expression] = []) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// True when `labels` satisfy the selector.
    package func matches(_ labels: [String: String]) -> Bool {
        for (key, value) in matchLabels where labels[key] != value { return false }
        for expression in matchExpressions {
            let value = labels[expression.key]
            switch expression.operator {
            case .in: guard let value, expression.values.contains(value) else { return false }
            case .notIn: if let value, expression.values.contains(value) { return false }
            case .exists: if value == nil { return false }
            case .doesNotExist: if value != nil { return false }
            }
        }
        return true
    }
}
