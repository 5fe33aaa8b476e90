extension NodePool {
    /// Upstream's default expiry for nodes (30 days).
    package static let defaultExpireAfter = NillableDuration(seconds: 720 * 3600)
    /// Upstream's default disruption budget.
    package static let defaultBudgets = [Budget(nodes: "10%")]

    /// A copy with upstream's v1 defaults filled in where the user wrote nothing, as the API server
    /// would store it: `consolidationPolicy: WhenEmptyOrUnderutilized`, `consolidateAfter: 0s`,
    /// `budgets: [{nodes: "10%"}]`, `template.spec.expireAfter: 720h`. Values that were written
    /// are never changed.
    package func withDefaults() -> NodePool {
        var copy = self
        var disruption = copy.spec.disruption ?? Disruption()
        if disruption.consolidationPolicy == nil { disruption.consolidationPolicy = .whenEmptyOrUnderutilized }
        if disruption.consolidateAfter == nil { disruption.consolidateAfter = NillableDuration(seconds: 0) }
        if disruption.budgets == nil { disruption.budgets = Self.defaultBudgets }
        copy.spec.disruption = disruption
        if copy.spec.template.spec.expireAfter == nil { copy.spec.template.spec.expireAfter = Self.defaultExpireAfter }
        return copy
    }
}
