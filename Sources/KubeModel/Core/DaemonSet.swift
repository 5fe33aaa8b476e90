/// `apps/v1 DaemonSet`: its pod template tells the autoscaler what every new node will run.
package struct DaemonSet: KubeResource, Hashable {
    package static let resourceType = ResourceType(group: "apps", version: "v1", kind: "DaemonSet", plural: "daemonsets", namespaced: true)

    /// `apps/v1`.
    package var apiVersion: String? = "apps/v1"
    /// `DaemonSet`.
    package var kind: String? = "DaemonSet"
    /// Metadata.
    package var metadata: ObjectMeta
    /// Desired state.
    package var spec: DaemonSetSpec
    /// Observed state.
    package var status: DaemonSetStatus?

    /// Creates a daemonset.
    package init(metadata: ObjectMeta, spec: DaemonSetSpec, status: DaemonSetStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// `apps/v1 DaemonSetSpec`.
package struct DaemonSetSpec: Codable, Sendable, Hashable {
    /// Pods it owns.
    package var selector: LabelSelector?
    /// Template of the pod run on each eligible node.
    package var template: PodTemplateSpec

    /// Creates a spec.
    package init(selector: LabelSelector? = nil, template: PodTemplateSpec) {
        self.selector = selector
        self.template = template
    }
}

/// `apps/v1 DaemonSetStatus`.
package struct DaemonSetStatus: Codable, Sendable, Hashable {
    /// Nodes that should run the pod.
    package var desiredNumberScheduled: Int32?
    /// Nodes running the pod.
    package var currentNumberScheduled: Int32?
    /// Nodes with a ready pod.
    package var numberReady: Int32?

    /// Creates a status.
    package init(desiredNumberScheduled: Int32? = nil, currentNumberScheduled: Int32? = nil, numberReady: Int32? = nil) {
        self.desiredNumberScheduled = desiredNumberScheduled
        self.currentNumberScheduled = currentNumberScheduled
        self.numberReady = numberReady
    }
}

/// `core/v1 PodTemplateSpec`: metadata and spec of pods a workload creates.
package struct PodTemplateSpec: Codable, Sendable, Hashable {
    /// Pod metadata (labels are what selectors match).
    package var metadata: ObjectMeta?
    /// Pod spec.
    package var spec: PodSpec

    /// Creates a template.
    package init(metadata: ObjectMeta? = nil, spec: PodSpec) {
        self.metadata = metadata
        self.spec = spec
    }
}
