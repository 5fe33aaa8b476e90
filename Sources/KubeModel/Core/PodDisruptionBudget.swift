/// `policy/v1 PodDisruptionBudget` (1.20 servers serve the identical `policy/v1beta1` shape; the
/// client picks the version through discovery).
package struct PodDisruptionBudget: KubeResource, Hashable {
    package static let resourceType = ResourceType(group: "policy", version: "v1", kind: "PodDisruptionBudget", plural: "poddisruptionbudgets", namespaced: true)

    /// `policy/v1` or `policy/v1beta1`.
    package var apiVersion: String? = "policy/v1"
    /// `PodDisruptionBudget`.
    package var kind: String? = "PodDisruptionBudget"
    /// Metadata.
    package var metadata: ObjectMeta
    /// Desired state.
    package var spec: PodDisruptionBudgetSpec
    /// Observed state.
    package var status: PodDisruptionBudgetStatus?

    /// Creates a budget.
    package init(metadata: ObjectMeta, spec: PodDisruptionBudgetSpec, status: PodDisruptionBudgetStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// `policy/v1 PodDisruptionBudgetSpec`.
package struct PodDisruptionBudgetSpec: Codable, Sendable, Hashable {
    /// Pods that must stay available (count or percentage).
    package var minAvailable: IntOrString?
    /// Pods that may be unavailable (count or percentage).
    package var maxUnavailable: IntOrString?
    /// Pods covered.
    package var selector: LabelSelector?

    /// Creates a spec.
    package init(minAvailable: IntOrString? = nil, maxUnavailable: IntOrString? = nil, selector: LabelSelector? = nil) {
        self.minAvailable = minAvailable
        self.maxUnavailable = maxUnavailable
        self.selector = selector
    }
}

/// `policy/v1 PodDisruptionBudgetStatus`.
package struct PodDisruptionBudgetStatus: Codable, Sendable, Hashable {
    /// Evictions currently allowed.
    package var disruptionsAllowed: Int32?
    /// Healthy pods now.
    package var currentHealthy: Int32?
    /// Healthy pods required.
    package var desiredHealthy: Int32?
    /// Pods covered.
    package var expectedPods: Int32?
    /// Generation observed by the disruption controller.
    package var observedGeneration: Int64?

    /// Creates a status.
    package init(disruptionsAllowed: Int32? = nil, currentHealthy: Int32? = nil, desiredHealthy: Int32? = nil, expectedPods: Int32? = nil, observedGeneration: Int64? = nil) {
        self.disruptionsAllowed = disruptionsAllowed
        self.currentHealthy = currentHealthy
        self.desiredHealthy = desiredHealthy
        self.expectedPods = expectedPods
        self.observedGeneration = observedGeneration
    }
}
