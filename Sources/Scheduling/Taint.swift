/// Effect of a taint; all three are honoured by the solver (PreferNoSchedule as a preference that
/// relaxation can tolerate, see `Preferences`).
package enum TaintEffect: String, Sendable, Hashable {
    case noSchedule = "NoSchedule"
    case preferNoSchedule = "PreferNoSchedule"
    case noExecute = "NoExecute"
}

/// A node taint (`key=value:effect`).
package struct Taint: Sendable, Hashable {
    /// Taint key.
    package var key: String
    /// Taint value (may be empty).
    package var value: String
    /// Effect.
    package var effect: TaintEffect

    /// Creates a taint.
    package init(key: String, value: String = "", effect: TaintEffect) {
        self.key = key
        self.value = value
        self.effect = effect
    }
}

/// A pod toleration with Kubernetes semantics: an empty key with `Exists` matches every taint, an
/// empty effect matches every effect, `Equal` compares values.
package struct Toleration: Sendable, Hashable {
    /// Toleration operator.
    package enum Operator: String, Sendable, Hashable {
        case exists = "Exists"
        case equal = "Equal"
    }

    /// Taint key to match; empty matches all keys (only with `Exists`).
    package var key: String
    /// Operator.
    package var `operator`: Operator
    /// Value for `Equal`.
    package var value: String
    /// Effect to match; nil matches all effects.
    package var effect: TaintEffect?

    /// Creates a toleration.
    package init(key: String = "", operator op: Operator = .equal, value: String = "", effect: TaintEffect? = nil) {
        self.key = key
        self.operator = op
        self.value = value
        self.effect = effect
    }

    /// True when this toleration tolerates `taint`.
    package func tolerates(_ taint: Taint) -> Bool {
        if let effect, effect != taint.effect { return false }
        if key.isEmpty { return self.operator == .exists }
        guard key == taint.key else { return false }
        switch self.operator {
        case .exists: return true
        case .equal: return value == taint.value
        }
    }
}

extension Array where Element == Taint {
    /// The first taint none of `tolerations` tolerates (every effect counts, as upstream's
    /// `ToleratesPod` does), or nil.
    package func firstUntolerated(by tolerations: [Toleration]) -> Taint? {
        first { taint in !tolerations.contains { $0.tolerates(taint) } }
    }
}

extension Taint {
    /// Upstream's message for an untolerated taint.
    package var untoleratedMessage: String { "did not tolerate taint (\(key)=\(value):\(effect.rawValue))" }
}
