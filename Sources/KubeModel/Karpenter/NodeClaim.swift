/// `karpenter.sh/v1 NodeClaim`: Karpenter's request for one node, created from a NodePool by the
/// provisioner and fulfilled by the cloud provider. Cluster-scoped; its spec is immutable.
package struct NodeClaim: KubeResource, Hashable {
    package static let resourceType = ResourceType(
        group: "karpenter.sh", version: "v1", kind: "NodeClaim", plural: "nodeclaims", namespaced: false)

    /// `karpenter.sh/v1`.
    package var apiVersion: String
    /// `NodeClaim`.
    package var kind: String
    /// Object metadata.
    package var metadata: ObjectMeta
    /// The requested node.
    package var spec: NodeClaimSpec
    /// What was launched and how far its lifecycle has progressed.
    package var status: NodeClaimStatus?

    /// Creates a NodeClaim.
    package init(metadata: ObjectMeta, spec: NodeClaimSpec, status: NodeClaimStatus? = nil) {
        self.apiVersion = Self.resourceType.apiVersion
        self.kind = Self.resourceType.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    package init(from decoder: any Decoder) throws {
        let envelope = try ResourceEnvelope<NodeClaimSpec, NodeClaimStatus>(from: decoder)
        self.init(metadata: envelope.metadata, spec: try envelope.requiredSpec(), status: envelope.status)
        apiVersion = envelope.apiVersion ?? apiVersion
        kind = envelope.kind ?? kind
    }
}

/// `spec` of a v1 NodeClaim.
package struct NodeClaimSpec: Codable, Sendable, Hashable {
    /// Taints applied to the Node at registration.
    package var taints: [Taint]?
    /// Taints a daemon removes after start-up.
    package var startupTaints: [Taint]?
    /// The NodePool's requirements intersected with the scheduled pods' requirements.
    package var requirements: [NodeSelectorRequirementWithMinValues]
    /// Minimum resources the node must offer (scheduled pods' requests plus daemonset overhead).
    package var resources: ResourceRequests?
    /// The cloud-specific NodeClass to launch with.
    package var nodeClassRef: NodeClassReference
    /// Longest a node may drain once its deletion starts.
    package var terminationGracePeriod: NillableDuration?
    /// Forceful expiry after this long; `Never` disables. Default `720h`.
    package var expireAfter: NillableDuration?

    /// Creates a NodeClaim spec.
    package init(
        taints: [Taint]? = nil, startupTaints: [Taint]? = nil, requirements: [NodeSelectorRequirementWithMinValues] = [],
        resources: ResourceRequests? = nil, nodeClassRef: NodeClassReference,
        terminationGracePeriod: NillableDuration? = nil, expireAfter: NillableDuration? = nil
    ) {
        self.taints = taints
        self.startupTaints = startupTaints
        self.requirements = requirements
        self.resources = resources
        self.nodeClassRef = nodeClassRef
        self.terminationGracePeriod = terminationGracePeriod
        self.expireAfter = expireAfter
    }

    private enum CodingKeys: String, CodingKey {
        case taints, startupTaints, requirements, resources, nodeClassRef, terminationGracePeriod, expireAfter
    }

    /// An omitted requirements list decodes as empty.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        taints = try container.decodeIfPresent([Taint].self, forKey: .taints)
        startupTaints = try container.decodeIfPresent([Taint].self, forKey: .startupTaints)
        requirements = try container.decodeIfPresent([NodeSelectorRequirementWithMinValues].self, forKey: .requirements) ?? []
        resources = try container.decodeIfPresent(ResourceRequests.self, forKey: .resources)
        nodeClassRef = try container.decode(NodeClassReference.self, forKey: .nodeClassRef)
        terminationGracePeriod = try container.decodeIfPresent(NillableDuration.self, forKey: .terminationGracePeriod)
        expireAfter = try container.decodeIfPresent(NillableDuration.self, forKey: .expireAfter)
    }
}

/// `spec.resources` of a NodeClaim: only requests (Karpenter has no use for limits here).
package struct ResourceRequests: Codable, Sendable, Hashable {
    /// Requested resources by name.
    package var requests: [String: Quantity]?

    /// Creates resource requests.
    package init(requests: [String: Quantity]? = nil) { self.requests = requests }
}

/// `status` of a v1 NodeClaim.
package struct NodeClaimStatus: Codable, Sendable, Hashable {
    /// Name of the registered Node.
    package var nodeName: String?
    /// Cloud provider ID, e.g. `aws:///us-east-1b/i-0cf1182591adb49e6`.
    package var providerID: String?
    /// Image the instance booted from (an AMI ID on AWS).
    package var imageID: String?
    /// Capacity the instance type offers.
    package var capacity: [String: Quantity]?
    /// Capacity minus reservations and eviction thresholds.
    package var allocatable: [String: Quantity]?
    /// `Launched`, `Registered`, `Initialized`, `Ready`, `Consolidatable`, `Drifted`, ...
    package var conditions: [Condition]?
    /// Last time a pod was bound to or removed from the node; drives `consolidateAfter`.
    package var lastPodEventTime: KubeTime?

    /// Creates a status; every field defaults to absent.
    package init(
        nodeName: String? = nil, providerID: String? = nil, imageID: String? = nil,
        capacity: [String: Quantity]? = nil, allocatable: [String: Quantity]? = nil,
        conditions: [Condition]? = nil, lastPodEventTime: KubeTime? = nil
    ) {
        self.nodeName = nodeName
        self.providerID = providerID
        self.imageID = imageID
        self.capacity = capacity
        self.allocatable = allocatable
        self.conditions = conditions
        self.lastPodEventTime = lastPodEventTime
    }
}

/// Condition types a v1 NodeClaim reports.
package enum NodeClaimConditionType {
    /// Root: Launched ∧ Registered ∧ Initialized.
    package static let ready = "Ready"
    /// The cloud instance exists.
    package static let launched = "Launched"
    /// A Node for the instance joined the cluster.
    package static let registered = "Registered"
    /// The Node is ready, startup taints are gone and extended resources are registered.
    package static let initialized = "Initialized"
    /// The node may be consolidated (consolidateAfter elapsed since the last pod event).
    package static let consolidatable = "Consolidatable"
    /// The node no longer matches its NodePool or NodeClass.
    package static let drifted = "Drifted"
    /// The cloud instance is being terminated.
    package static let instanceTerminating = "InstanceTerminating"
    /// The Node matches what was launched.
    package static let consistentStateFound = "ConsistentStateFound"
}
