/// `apps/v1 Deployment`, read by the simulator to expand `replicas` copies of its pod template.
package struct Deployment: KubeResource, Hashable {
    package static let resourceType = ResourceType(group: "apps", version: "v1", kind: "Deployment", plural: "deployments", namespaced: true)

    /// `apps/v1`.
    package var apiVersion: String? = "apps/v1"
    /// `Deployment`.
    package var kind: String? = "Deployment"
    /// Metadata.
    package var metadata: ObjectMeta
    /// Desired state.
    package var spec: DeploymentSpec

    /// Creates a deployment.
    package init(metadata: ObjectMeta, spec: DeploymentSpec) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// `apps/v1 DeploymentSpec`.
package struct DeploymentSpec: Codable, Sendable, Hashable {
    /// Desired pod count; Kubernetes defaults it to 1.
    package var replicas: Int32?
    /// Pods it owns.
    package var selector: LabelSelector?
    /// Template of its pods.
    package var template: PodTemplateSpec

    /// Creates a spec.
    package init(replicas: Int32? = nil, selector: LabelSelector? = nil, template: PodTemplateSpec) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
    }
}
