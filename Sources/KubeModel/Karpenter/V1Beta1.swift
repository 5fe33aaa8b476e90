/// The `v1beta1` APIs of Karpenter 0.33–0.37 (`karpenter.sh/v1beta1`, `karpenter.k8s.aws/v1beta1`),
/// as the seed's manifests are written. Only for reading old manifests and converting them; the
/// controllers work on the v1 types. Types whose shape did not change (requirements, taints,
/// selector terms, block devices, statuses) are shared with v1.
package enum V1Beta1 {
    /// `karpenter.sh/v1beta1 NodePool`.
    package struct NodePool: KubeResource, Hashable {
        package static let resourceType = ResourceType(
            group: "karpenter.sh", version: "v1beta1", kind: "NodePool", plural: "nodepools", namespaced: false)

        /// `karpenter.sh/v1beta1`.
        package var apiVersion: String
        /// `NodePool`.
        package var kind: String
        /// Object metadata.
        package var metadata: ObjectMeta
        /// Desired state.
        package var spec: NodePoolSpec
        /// Observed state (v1beta1 reports only `resources`).
        package var status: NodePoolStatus?

        /// Creates a v1beta1 NodePool.
        package init(metadata: ObjectMeta, spec: NodePoolSpec, status: NodePoolStatus? = nil) {
            self.apiVersion = Self.resourceType.apiVersion
            self.kind = Self.resourceType.kind
            self.metadata = metadata
            self.spec = spec
            self.status = status
        }

        package init(from decoder: any Decoder) throws {
            let envelope = try ResourceEnvelope<NodePoolSpec, NodePoolStatus>(from: decoder)
            self.init(metadata: envelope.metadata, spec: try envelope.requiredSpec(), status: envelope.status)
            apiVersion = envelope.apiVersion ?? apiVersion
            kind = envelope.kind ?? kind
        }
    }

    /// `spec` of a v1beta1 NodePool.
    package struct NodePoolSpec: Codable, Sendable, Hashable {
        /// What NodeClaims created from this pool look like.
        package var template: NodeClaimTemplate
        /// Disruption settings, including v1beta1's graceful `expireAfter`.
        package var disruption: Disruption?
        /// Upper bounds on the pool's summed capacity.
        package var limits: [String: Quantity]?
        /// Priority among pools, 1...100.
        package var weight: Int32?

        /// Creates a spec.
        package init(template: NodeClaimTemplate, disruption: Disruption? = nil, limits: [String: Quantity]? = nil, weight: Int32? = nil) {
            self.template = template
            self.disruption = disruption
            self.limits = limits
            self.weight = weight
        }
    }

    /// `spec.template` of a v1beta1 NodePool.
    package struct NodeClaimTemplate: Codable, Sendable, Hashable {
        /// Labels and annotations for the NodeClaims and Nodes.
        package var metadata: TemplateMetadata?
        /// The NodeClaim spec template.
        package var spec: NodeClaimSpec

        /// Creates a template.
        package init(metadata: TemplateMetadata? = nil, spec: NodeClaimSpec) {
            self.metadata = metadata
            self.spec = spec
        }
    }

    /// `spec` of a v1beta1 NodeClaim, also a v1beta1 NodePool's `spec.template.spec`.
    package struct NodeClaimSpec: Codable, Sendable, Hashable {
        /// Taints applied at registration.
        package var taints: [Taint]?
        /// Taints removed by a daemon after start-up.
        package var startupTaints: [Taint]?
        /// Node label requirements.
        package var requirements: [NodeSelectorRequirementWithMinValues]
        /// Minimum resources (NodeClaims only).
        package var resources: ResourceRequests?
        /// Kubelet settings (moved to the EC2NodeClass in v1).
        package var kubelet: KubeletConfiguration?
        /// The NodeClass, by `apiVersion`/`kind`/`name`.
        package var nodeClassRef: NodeClassReference?

        /// Creates a spec.
        package init(
            taints: [Taint]? = nil, startupTaints: [Taint]? = nil, requirements: [NodeSelectorRequirementWithMinValues] = [],
            resources: ResourceRequests? = nil, kubelet: KubeletConfiguration? = nil, nodeClassRef: NodeClassReference? = nil
        ) {
            self.taints = taints
            self.startupTaints = startupTaints
            self.requirements = requirements
            self.resources = resources
            self.kubelet = kubelet
            self.nodeClassRef = nodeClassRef
        }

        private enum CodingKeys: String, CodingKey { case taints, startupTaints, requirements, resources, kubelet, nodeClassRef }

        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            taints = try container.decodeIfPresent([Taint].self, forKey: .taints)
            startupTaints = try container.decodeIfPresent([Taint].self, forKey: .startupTaints)
            requirements = try container.decodeIfPresent([NodeSelectorRequirementWithMinValues].self, forKey: .requirements) ?? []
            resources = try container.decodeIfPresent(ResourceRequests.self, forKey: .resources)
            kubelet = try container.decodeIfPresent(KubeletConfiguration.self, forKey: .kubelet)
            nodeClassRef = try container.decodeIfPresent(NodeClassReference.self, forKey: .nodeClassRef)
        }
    }

    /// v1beta1 reference to a NodeClass: `apiVersion` and `kind` optional (the provider's default).
    package struct NodeClassReference: Codable, Sendable, Hashable {
        /// e.g. `karpenter.k8s.aws/v1beta1`.
        package var apiVersion: String?
        /// e.g. `EC2NodeClass`.
        package var kind: String?
        /// Object name.
        package var name: String

        /// Creates a reference.
        package init(apiVersion: String? = nil, kind: String? = nil, name: String) {
            self.apiVersion = apiVersion
            self.kind = kind
            self.name = name
        }
    }

    /// `spec.disruption` of a v1beta1 NodePool.
    package struct Disruption: Codable, Sendable, Hashable {
        /// `WhenUnderutilized` (default) or `WhenEmpty`.
        package var consolidationPolicy: ConsolidationPolicy?
        /// Only with `WhenEmpty`: how long a node must be empty.
        package var consolidateAfter: NillableDuration?
        /// Graceful expiry (budgeted, replacement first). Default `720h`.
        package var expireAfter: NillableDuration?
        /// Rate limits on disruption.
        package var budgets: [Budget]?

        /// Creates disruption settings.
        package init(
            consolidationPolicy: ConsolidationPolicy? = nil, consolidateAfter: NillableDuration? = nil,
            expireAfter: NillableDuration? = nil, budgets: [Budget]? = nil
        ) {
            self.consolidationPolicy = consolidationPolicy
            self.consolidateAfter = consolidateAfter
            self.expireAfter = expireAfter
            self.budgets = budgets
        }
    }

    /// v1beta1 consolidation policies.
    package enum ConsolidationPolicy: String, Codable, Sendable, Hashable, CaseIterable {
        /// Empty nodes only, after `consolidateAfter`.
        case whenEmpty = "WhenEmpty"
        /// Empty and underutilized nodes (v1 `WhenEmptyOrUnderutilized` with `consolidateAfter: 0s`).
        case whenUnderutilized = "WhenUnderutilized"
    }

    /// A v1beta1 disruption budget (no `reasons`).
    package struct Budget: Codable, Sendable, Hashable {
        /// An integer or a percentage.
        package var nodes: String
        /// Cron schedule.
        package var schedule: String?
        /// Active window after each scheduled start.
        package var duration: NillableDuration?

        /// Creates a budget.
        package init(nodes: String, schedule: String? = nil, duration: NillableDuration? = nil) {
            self.nodes = nodes
            self.schedule = schedule
            self.duration = duration
        }

        private enum CodingKeys: String, CodingKey { case nodes, schedule, duration }

        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            nodes = try container.decodeIfPresent(IntOrString.self, forKey: .nodes)?.description ?? "10%"
            schedule = try container.decodeIfPresent(String.self, forKey: .schedule)
            duration = try container.decodeIfPresent(NillableDuration.self, forKey: .duration)
        }
    }
}
