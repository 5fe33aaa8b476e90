/// `core/v1 Taint`: repels pods that do not tolerate it.
package struct Taint: Codable, Sendable, Hashable, CustomStringConvertible {
    /// Taint key, e.g. `karpenter.sh/unregistered`.
    package var key: String
    /// Optional value.
    package var value: String?
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
    package var effect: TaintEffect
    /// When a NoExecute taint was added (set by the node controller).
    package var timeAdded: KubeTime?

    /// Creates a taint.
    package init(key: String, value: String? = nil, effect: TaintEffect, timeAdded: KubeTime? = nil) {
        self.key = key
        self.value = value
        self.effect = effect
        self.timeAdded = timeAdded
    }

    /// `key=value:Effect` or `key:Effect`, as kubectl prints it.
    package var description: String {
        if let value, !value.isEmpty { return "\(key)=\(value):\(effect.rawValue)" }
        return "\(key):\(effect.rawValue)"
    }

    /// Same key, value and effect (the identity kubelet and Karpenter use; `timeAdded` ignored).
    package func matches(_ other: Taint) -> Bool {
        key == other.key && (value ?? "") == (other.value ?? "") && effect == other.effect
    }

    /// `karpenter.sh/unregistered:NoExecute`, placed by kubelet and removed once Karpenter syncs the node.
    package static let unregistered = Taint(key: "karpenter.sh/unregistered", effect: .noExecute)
    /// `karpenter.sh/disrupted:NoSchedule`, placed on nodes being disrupted.
    package static let disrupted = Taint(key: "karpenter.sh/disrupted", effect: .noSchedule)
    /// `node.kubernetes.io/not-ready:NoSchedule`, put on every new Node by the API server's
    /// TaintNodesByCondition admission and removed by the node lifecycle controller once it is Ready.
    package static let notReady = Taint(key: "node.kubernetes.io/not-ready", effect: .noSchedule)

    /// Taints that come and go with a node's health rather than its configuration (not-ready,
    /// unreachable, the cloud controller's uninitialized). A node carrying them is still capacity
    /// the provisioner counts on: they are ignored when simulating scheduling, and a NodeClaim is
    /// not `Initialized` while its Node has any of them.
    package static let knownEphemeral: [Taint] = [
        notReady,
        Taint(key: "node.kubernetes.io/not-ready", effect: .noExecute),
        Taint(key: "node.kubernetes.io/unreachable", effect: .noSchedule),
        Taint(key: "node.cloudprovider.kubernetes.io/uninitialized", value: "true", effect: .noSchedule),
    ]
}

/// The effect of a taint.
package enum TaintEffect: String, Codable, Sendable, Hashable, CaseIterable {
    /// New pods that do not tolerate it are not scheduled.
    case noSchedule = "NoSchedule"
    /// The scheduler avoids the node when it can.
    case preferNoSchedule = "PreferNoSchedule"
    /// Running pods that do not tolerate it are evicted.
    case noExecute = "NoExecute"
}

/// `core/v1 Toleration`.
package struct Toleration: Codable, Sendable, Hashable {
    /// Taint key; empty with operator `Exists` tolerates everything.
    package var key: String?
    /// `Exists` or `Equal` (the default when absent).
    package var `operator`: TolerationOperator?
    /// Value compared with `Equal`.
    package var value: String?
    /// Effect matched; absent matches all effects.
    package var effect: TaintEffect?
    /// For NoExecute: how long the pod stays bound after the taint appears.
    package var tolerationSeconds: Int64?

    /// Creates a toleration.
    package init(key: String? = nil, operator: TolerationOperator? = nil, value: String? = nil, effect: TaintEffect? = nil, tolerationSeconds: Int64? = nil) {
        self.key = key
        self.operator = `operator`
        self.value = value
        self.effect = effect
        self.tolerationSeconds = tolerationSeconds
    }

    /// Whether this toleration tolerates `taint`, by the rules kube-scheduler applies.
    package func tolerates(_ taint: Taint) -> Bool {
        if let effect, effect != taint.effect { return false }
        let key = self.key ?? ""
        if key.isEmpty { return (self.operator ?? .equal) == .exists }
        guard key == taint.key else { return false }
        switch self.operator ?? .equal {
        case .exists: return true
        case .equal: return (value ?? "") == (taint.value ?? "")
        }
    }
}

/// Toleration operators.
package enum TolerationOperator: String, Codable, Sendable, Hashable {
    /// Matches any value.
    case exists = "Exists"
    /// Matches an equal value.
    case equal = "Equal"
}

extension Array where Element == Toleration {
    /// Whether some toleration in the list tolerates `taint`.
    package func tolerate(_ taint: Taint) -> Bool { contains { $0.tolerates(taint) } }
}
