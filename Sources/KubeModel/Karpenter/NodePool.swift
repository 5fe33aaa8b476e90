/// `karpenter.sh/v1 NodePool`: a template for the nodes Karpenter may launch (requirements, taints,
/// NodeClass), with limits, a weight and the disruption rules for those nodes. Cluster-scoped.
///
/// Decoding keeps exactly what was written (omitted fields stay nil); ``withDefaults()`` applies
/// upstream's defaults and ``validate()`` reports every problem with its field path.
package struct NodePool: KubeResource, Hashable {
    package static let resourceType = ResourceType(
        group: "karpenter.sh", version: "v1", kind: "NodePool", plural: "nodepools", namespaced: false)
    /// The `spec.limits` key that caps the number of nodes rather than a resource.
    package static let nodesLimit = "nodes"

    /// `karpenter.sh/v1`.
    package var apiVersion: String
    /// `NodePool`.
    package var kind: String
    /// Object metadata.
    package var metadata: ObjectMeta
    /// Desired state.
    package var spec: NodePoolSpec
    /// Observed state, written by the controller.
    package var status: NodePoolStatus?

    /// Creates a NodePool.
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

/// `spec` of a v1 NodePool.
package struct NodePoolSpec: Codable, Sendable, Hashable {
    /// What NodeClaims created from this pool look like.
    package var template: NodeClaimTemplate
    /// How and when nodes of this pool may be disrupted; defaulted by ``NodePool/withDefaults()``.
    package var disruption: Disruption?
    /// Upper bounds on the summed capacity of the pool's nodes (cpu, memory, `nodes`, ...).
    package var limits: [String: Quantity]?
    /// Priority among pools, 1...100; higher is tried first.
    package var weight: Int32?

    /// Creates a spec.
    package init(template: NodeClaimTemplate, disruption: Disruption? = nil, limits: [String: Quantity]? = nil, weight: Int32? = nil) {
        self.template = template
        self.disruption = disruption
        self.limits = limits
        self.weight = weight
    }
}

/// `spec.template` of a v1 NodePool.
package struct NodeClaimTemplate: Codable, Sendable, Hashable {
    /// Labels and annotations for the NodeClaims and Nodes.
    package var metadata: TemplateMetadata?
    /// The NodeClaim spec, minus what the scheduler fills in.
    package var spec: NodeClaimTemplateSpec

    /// Creates a template.
    package init(metadata: TemplateMetadata? = nil, spec: NodeClaimTemplateSpec) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// Labels and annotations of a NodeClaim template (the only metadata a template may carry).
package struct TemplateMetadata: Codable, Sendable, Hashable {
    /// Labels copied to NodeClaims and Nodes.
    package var labels: [String: String]?
    /// Annotations copied to NodeClaims and Nodes.
    package var annotations: [String: String]?

    /// Creates template metadata.
    package init(labels: [String: String]? = nil, annotations: [String: String]? = nil) {
        self.labels = labels
        self.annotations = annotations
    }
}

/// `spec.template.spec` of a v1 NodePool.
package struct NodeClaimTemplateSpec: Codable, Sendable, Hashable {
    /// Taints applied to the Node at registration.
    package var taints: [Taint]?
    /// Taints expected to be removed by a daemon after start-up; ignored for scheduling.
    package var startupTaints: [Taint]?
    /// Constraints on the node's labels (instance type, zone, capacity type, ...).
    package var requirements: [NodeSelectorRequirementWithMinValues]
    /// The cloud-specific NodeClass to launch with.
    package var nodeClassRef: NodeClassReference
    /// Forceful expiry after this long; `Never` disables. Default `720h`.
    package var expireAfter: NillableDuration?
    /// Longest a node may drain once its deletion starts.
    package var terminationGracePeriod: NillableDuration?

    /// Creates a template spec.
    package init(
        taints: [Taint]? = nil, startupTaints: [Taint]? = nil, requirements: [NodeSelectorRequirementWithMinValues] = [],
        nodeClassRef: NodeClassReference, expireAfter: NillableDuration? = nil, terminationGracePeriod: NillableDuration? = nil
    ) {
        self.taints = taints
        self.startupTaints = startupTaints
        self.requirements = requirements
        self.nodeClassRef = nodeClassRef
        self.expireAfter = expireAfter
        self.terminationGracePeriod = terminationGracePeriod
    }

    private enum CodingKeys: String, CodingKey {
        case taints, startupTaints, requirements, nodeClassRef, expireAfter, terminationGracePeriod
    }

    /// An omitted requirements list decodes as empty (validation reports it).
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        taints = try container.decodeIfPresent([Taint].self, forKey: .taints)
        startupTaints = try container.decodeIfPresent([Taint].self, forKey: .startupTaints)
        requirements = try container.decodeIfPresent([NodeSelectorRequirementWithMinValues].self, forKey: .requirements) ?? []
        nodeClassRef = try container.decode(NodeClassReference.self, forKey: .nodeClassRef)
        expireAfter = try container.decodeIfPresent(NillableDuration.self, forKey: .expireAfter)
        terminationGracePeriod = try container.decodeIfPresent(NillableDuration.self, forKey: .terminationGracePeriod)
    }
}

/// `status` of a v1 NodePool.
package struct NodePoolStatus: Codable, Sendable, Hashable {
    /// Summed capacity of the pool's nodes, plus `nodes` (their count).
    package var resources: [String: Quantity]?
    /// `Ready` (= `ValidationSucceeded` ∧ `NodeClassReady`) and its parts.
    package var conditions: [Condition]?

    /// Creates a status.
    package init(resources: [String: Quantity]? = nil, conditions: [Condition]? = nil) {
        self.resources = resources
        self.conditions = conditions
    }
}

/// Condition types a NodePool reports.
package enum NodePoolConditionType {
    /// Root condition: the pool can be used for provisioning.
    package static let ready = "Ready"
    /// The spec passed validation.
    package static let validationSucceeded = "ValidationSucceeded"
    /// The referenced NodeClass exists and is ready.
    package static let nodeClassReady = "NodeClassReady"
}
