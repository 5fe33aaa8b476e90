/// `spec.disruption` of a v1 NodePool: when Karpenter may remove or replace the pool's nodes.
package struct Disruption: Codable, Sendable, Hashable {
    /// Which nodes are consolidation candidates. Default `WhenEmptyOrUnderutilized`.
    package var consolidationPolicy: ConsolidationPolicy?
    /// How long a node must have had no pod churn before it may be consolidated; `Never` turns
    /// consolidation off. Default `0s`.
    package var consolidateAfter: NillableDuration?
    /// Rate limits on voluntary disruption; the most restrictive active budget wins. Default `[{nodes: "10%"}]`.
    package var budgets: [Budget]?

    /// Creates disruption settings; every field defaults to absent.
    package init(consolidationPolicy: ConsolidationPolicy? = nil, consolidateAfter: NillableDuration? = nil, budgets: [Budget]? = nil) {
        self.consolidationPolicy = consolidationPolicy
        self.consolidateAfter = consolidateAfter
        self.budgets = budgets
    }
}

/// v1 consolidation policies.
package enum ConsolidationPolicy: String, Codable, Sendable, Hashable, CaseIterable {
    /// Only nodes without workload pods.
    case whenEmpty = "WhenEmpty"
    /// Empty nodes and nodes whose pods fit elsewhere or on a cheaper node.
    case whenEmptyOrUnderutilized = "WhenEmptyOrUnderutilized"
}

/// One disruption budget: at most `nodes` nodes disrupted at once, optionally only during a
/// cron `schedule` window of `duration`, optionally only for some `reasons`.
package struct Budget: Codable, Sendable, Hashable {
    /// An integer (`"5"`) or a percentage of the pool's nodes (`"10%"`, rounded up).
    package var nodes: String
    /// Cron expression in UTC (`0 9 * * mon-fri`, `@daily`) when the budget becomes active.
    package var schedule: String?
    /// How long the budget stays active after each scheduled start; required with `schedule`.
    package var duration: NillableDuration?
    /// Disruption reasons the budget applies to; all when absent.
    package var reasons: [DisruptionReason]?

    /// Creates a budget.
    package init(nodes: String, schedule: String? = nil, duration: NillableDuration? = nil, reasons: [DisruptionReason]? = nil) {
        self.nodes = nodes
        self.schedule = schedule
        self.duration = duration
        self.reasons = reasons
    }

    private enum CodingKeys: String, CodingKey { case nodes, schedule, duration, reasons }

    /// `nodes` may arrive as a YAML/JSON integer (`nodes: 5`) and is kept as its text; an omitted
    /// value decodes as the API server's default `10%`.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        nodes = try container.decodeIfPresent(IntOrString.self, forKey: .nodes)?.description ?? "10%"
        schedule = try container.decodeIfPresent(String.self, forKey: .schedule)
        duration = try container.decodeIfPresent(NillableDuration.self, forKey: .duration)
        reasons = try container.decodeIfPresent([DisruptionReason].self, forKey: .reasons)
    }
}

/// Reasons a node may be voluntarily disrupted, as budgets name them.
package enum DisruptionReason: String, Codable, Sendable, Hashable, CaseIterable {
    /// Consolidation of a node whose pods fit elsewhere or on a cheaper node.
    case underutilized = "Underutilized"
    /// Removal of a node with no workload pods.
    case empty = "Empty"
    /// Replacement of a node that no longer matches its NodePool or NodeClass.
    case drifted = "Drifted"
}
