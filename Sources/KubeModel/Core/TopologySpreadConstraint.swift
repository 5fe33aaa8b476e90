/// `core/v1 TopologySpreadConstraint`.
package struct TopologySpreadConstraint: Codable, Sendable, Hashable {
    /// Largest allowed difference between the most and least loaded domains.
    package var maxSkew: Int32
    /// Node label defining the domains.
    package var topologyKey: String
    /// `DoNotSchedule` (hard) or `ScheduleAnyway` (soft).
    package var whenUnsatisfiable: String
    /// Pods counted.
    package var labelSelector: LabelSelector?
    /// Minimum number of eligible domains (hard constraints only).
    package var minDomains: Int32?
    /// Pod label keys whose values are added to the selector.
    package var matchLabelKeys: [String]?
    /// `Honor` or `Ignore`: whether node affinity filters domains.
    package var nodeAffinityPolicy: String?
    /// `Honor` or `Ignore`: whether taints filter domains.
    package var nodeTaintsPolicy: String?

    /// Creates a constraint.
    package init(maxSkew: Int32, topologyKey: String, whenUnsatisfiable: String, labelSelector: LabelSelector? = nil, minDomains: Int32? = nil, matchLabelKeys: [String]? = nil, nodeAffinityPolicy: String? = nil, nodeTaintsPolicy: String? = nil) {
        self.maxSkew = maxSkew
        self.topologyKey = topologyKey
        self.whenUnsatisfiable = whenUnsatisfiable
        self.labelSelector = labelSelector
        self.minDomains = minDomains
        self.matchLabelKeys = matchLabelKeys
        self.nodeAffinityPolicy = nodeAffinityPolicy
        self.nodeTaintsPolicy = nodeTaintsPolicy
    }

    /// True for `DoNotSchedule`.
    package var isHard: Bool { whenUnsatisfiable == "DoNotSchedule" }
}
