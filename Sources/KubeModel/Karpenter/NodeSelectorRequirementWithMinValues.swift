/// A NodePool or NodeClaim requirement: a node-selector requirement plus `minValues`, the number
/// of distinct values (e.g. instance types) a launch must stay flexible across. Same shape in
/// `karpenter.sh/v1` and `v1beta1`.
package struct NodeSelectorRequirementWithMinValues: Codable, Sendable, Hashable {
    /// Label key, e.g. `node.kubernetes.io/instance-type`.
    package var key: String
    /// Operator.
    package var `operator`: NodeSelectorOperator
    /// Values; one non-negative integer for Gt/Lt, at least one for In.
    package var values: [String]?
    /// Minimum number of distinct values the scheduler must keep (1...50, at most `values.count` for In).
    package var minValues: Int?

    /// Creates a requirement.
    package init(key: String, operator: NodeSelectorOperator, values: [String]? = nil, minValues: Int? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
        self.minValues = minValues
    }

    /// The core node-selector requirement without `minValues`.
    package var nodeSelectorRequirement: NodeSelectorRequirement {
        NodeSelectorRequirement(key: key, operator: self.operator, values: values)
    }
}
