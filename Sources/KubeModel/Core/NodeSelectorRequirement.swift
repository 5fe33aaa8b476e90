/// `core/v1 NodeSelectorRequirement`, also the shape of NodePool and NodeClaim requirements
/// (which add `minValues`). Operators: In, NotIn, Exists, DoesNotExist, Gt, Lt.
package struct NodeSelectorRequirement: Codable, Sendable, Hashable {
    /// Label key.
    package var key: String
    /// Operator.
    package var `operator`: NodeSelectorOperator
    /// Values; meaning depends on the operator (one integer for Gt/Lt, none for Exists/DoesNotExist).
    package var values: [String]?

    /// Creates a requirement.
    package init(key: String, operator: NodeSelectorOperator, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }
}

/// Label-selection operators shared by node selectors and Karpenter requirements.
package enum NodeSelectorOperator: String, Codable, Sendable, Hashable, CaseIterable {
    /// The label's value is one of `values`.
    case `in` = "In"
    /// The label is absent or its value is not one of `values`.
    case notIn = "NotIn"
    /// The label is present.
    case exists = "Exists"
    /// The label is absent.
    case doesNotExist = "DoesNotExist"
    /// The label's integer value is greater than the single value.
    case gt = "Gt"
    /// The label's integer value is less than the single value.
    case lt = "Lt"
}

/// `core/v1 NodeSelector`: terms ORed together.
package struct NodeSelector: Codable, Sendable, Hashable {
    /// Terms; a node matches when any term matches.
    package var nodeSelectorTerms: [NodeSelectorTerm]

    /// Creates a node selector.
    package init(nodeSelectorTerms: [NodeSelectorTerm]) { self.nodeSelectorTerms = nodeSelectorTerms }

    private enum CodingKeys: String, CodingKey { case nodeSelectorTerms }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        nodeSelectorTerms = try container.decodeIfPresent([NodeSelectorTerm].self, forKey: .nodeSelectorTerms) ?? []
    }
}

/// `core/v1 NodeSelectorTerm`: requirements ANDed together.
package struct NodeSelectorTerm: Codable, Sendable, Hashable {
    /// Requirements on node labels.
    package var matchExpressions: [NodeSelectorRequirement]?
    /// Requirements on node fields (`metadata.name`); Karpenter does not support these.
    package var matchFields: [NodeSelectorRequirement]?

    /// Creates a term.
    package init(matchExpressions: [NodeSelectorRequirement]? = nil, matchFields: [NodeSelectorRequirement]? = nil) {
        self.matchExpressions = matchExpressions
        self.matchFields = matchFields
    }
}
