/// Operator of a node selector requirement, as in `NodeSelectorRequirement.operator`.
package enum LabelOperator: String, Sendable, Hashable, CaseIterable {
    case `in` = "In"
    case notIn = "NotIn"
    case exists = "Exists"
    case doesNotExist = "DoesNotExist"
    case greaterThan = "Gt"
    case lessThan = "Lt"
}

/// A requirement as written by a user (pod node affinity, NodePool requirement, volume topology):
/// the input form, in strings. The solver compiles it into a `Requirement` over interned ids.
package struct RequirementSpec: Sendable, Hashable {
    /// Label key (beta keys are normalised when compiled).
    package var key: String
    /// Operator.
    package var `operator`: LabelOperator
    /// Values; exactly one integer for `Gt`/`Lt`.
    package var values: [String]
    /// Minimum number of distinct values the candidate instance types must keep for this key.
    package var minValues: Int?

    /// Creates a requirement.
    package init(_ key: String, _ op: LabelOperator, _ values: [String] = [], minValues: Int? = nil) {
        self.key = key
        self.operator = op
        self.values = values
        self.minValues = minValues
    }
}
