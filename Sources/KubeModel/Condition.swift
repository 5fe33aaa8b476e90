/// `metav1.Condition`: one observation about an object, as Karpenter's status conditions carry them
/// (`Ready`, `Launched`, `Registered`, `Initialized`, `Drifted`, ...). The pair (`type`, `status`)
/// is the fact; `lastTransitionTime` changes only when `status` changes.
package struct Condition: Codable, Sendable, Hashable {
    /// Condition type in CamelCase, e.g. `Ready`; unique within an object's conditions.
    package var type: String
    /// `True`, `False` or `Unknown`.
    package var status: ConditionStatus
    /// Machine-readable CamelCase reason for the last transition, e.g. `NodeNotFound`.
    package var reason: String?
    /// Human-readable detail.
    package var message: String?
    /// When `status` last changed.
    package var lastTransitionTime: KubeTime?
    /// The object generation the condition was computed from.
    package var observedGeneration: Int64?

    /// Creates a condition.
    package init(
        type: String, status: ConditionStatus, reason: String? = nil, message: String? = nil,
        lastTransitionTime: KubeTime? = nil, observedGeneration: Int64? = nil
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransitionTime = lastTransitionTime
        self.observedGeneration = observedGeneration
    }

    /// True when the status is `True`.
    package var isTrue: Bool { status == .true }
}

/// The three-valued status of a ``Condition``. Unknown strings from a newer server decode as
/// `.unknown` rather than failing the whole object.
package enum ConditionStatus: String, Codable, Sendable, Hashable, CaseIterable {
    /// The condition holds.
    case `true` = "True"
    /// The condition does not hold.
    case `false` = "False"
    /// Not yet determined.
    case unknown = "Unknown"

    package init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = ConditionStatus(rawValue: text) ?? .unknown
    }
}

extension Array where Element == Condition {
    /// The condition of `type`, if present.
    package func condition(_ type: String) -> Condition? { first { $0.type == type } }

    /// True when the condition of `type` is present with status `True`.
    package func isTrue(_ type: String) -> Bool { condition(type)?.isTrue ?? false }

    /// Sets the condition of `type`, keeping `lastTransitionTime` when the status is unchanged
    /// (so that the time records transitions, not reconciles). Returns whether anything changed.
    @discardableResult
    package mutating func set(
        _ type: String, status: ConditionStatus, reason: String? = nil, message: String? = nil,
        observedGeneration: Int64? = nil, now: KubeTime
    ) -> Bool {
        var updated = Condition(
            type: type, status: status, reason: reason, message: message,
            lastTransitionTime: now, observedGeneration: observedGeneration)
        guard let index = firstIndex(where: { $0.type == type }) else {
            append(updated)
            return true
        }
        let existing = self[index]
        if existing.status == status { updated.lastTransitionTime = existing.lastTransitionTime ?? now }
        guard existing != updated else { return false }
        self[index] = updated
        return true
    }

    /// Removes the condition of `type`; returns whether it was present.
    @discardableResult
    package mutating func remove(_ type: String) -> Bool {
        let before = count
        removeAll { $0.type == type }
        return count != before
    }
}
