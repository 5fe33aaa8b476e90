/// `core/v1 Node`: labels, taints, provider ID, capacity/allocatable and conditions.
package struct Node: KubeResource, Hashable {
    package static let resourceType = ResourceType(group: "", version: "v1", kind: "Node", plural: "nodes", namespaced: false)

    /// `v1`.
    package var apiVersion: String? = "v1"
    /// `Node`.
    package var kind: String? = "Node"
    /// Metadata (labels live here).
    package var metadata: ObjectMeta
    /// Desired state.
    package var spec: NodeSpec
    /// Observed state.
    package var status: NodeStatus?

    /// Creates a node.
    package init(metadata: ObjectMeta, spec: NodeSpec = NodeSpec(), status: NodeStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    private enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, spec, status }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        spec = try c.decodeIfPresent(NodeSpec.self, forKey: .spec) ?? NodeSpec()
        status = try c.decodeIfPresent(NodeStatus.self, forKey: .status)
    }

    /// The `Ready` condition's status (`True`, `False`, `Unknown`), or nil when not reported yet.
    package var readyStatus: String? { status?.conditions?.first { $0.type == "Ready" }?.status }
}

/// `core/v1 NodeSpec`.
package struct NodeSpec: Codable, Sendable, Hashable {
    /// Cloud identity, e.g. `aws:///us-east-1b/i-0cf1182591adb49e6`.
    package var providerID: String?
    /// Taints.
    package var taints: [Taint]?
    /// Cordoned.
    package var unschedulable: Bool?
    /// Pod CIDR assigned to the node.
    package var podCIDR: String?

    /// Creates a spec.
    package init(providerID: String? = nil, taints: [Taint]? = nil, unschedulable: Bool? = nil, podCIDR: String? = nil) {
        self.providerID = providerID
        self.taints = taints
        self.unschedulable = unschedulable
        self.podCIDR = podCIDR
    }
}

/// `core/v1 NodeStatus`.
package struct NodeStatus: Codable, Sendable, Hashable {
    /// Total resources.
    package var capacity: [String: Quantity]?
    /// Resources available to pods.
    package var allocatable: [String: Quantity]?
    /// Conditions such as `Ready`.
    package var conditions: [NodeCondition]?
    /// Addresses (InternalIP, Hostname, ...).
    package var addresses: [NodeAddress]?

    /// Creates a status.
    package init(capacity: [String: Quantity]? = nil, allocatable: [String: Quantity]? = nil, conditions: [NodeCondition]? = nil, addresses: [NodeAddress]? = nil) {
        self.capacity = capacity
        self.allocatable = allocatable
        self.conditions = conditions
        self.addresses = addresses
    }
}

/// `core/v1 NodeCondition`.
package struct NodeCondition: Codable, Sendable, Hashable {
    /// Condition type, e.g. `Ready`.
    package var type: String
    /// `True`, `False` or `Unknown`.
    package var status: String
    /// Reason.
    package var reason: String?
    /// Message.
    package var message: String?
    /// Last heartbeat.
    package var lastHeartbeatTime: KubeTime?
    /// Last status change.
    package var lastTransitionTime: KubeTime?

    /// Creates a condition.
    package init(type: String, status: String, reason: String? = nil, message: String? = nil, lastHeartbeatTime: KubeTime? = nil, lastTransitionTime: KubeTime? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastHeartbeatTime = lastHeartbeatTime
        self.lastTransitionTime = lastTransitionTime
    }
}

/// `core/v1 NodeAddress`.
package struct NodeAddress: Codable, Sendable, Hashable {
    /// `InternalIP`, `ExternalIP`, `Hostname`, ...
    package var type: String
    /// The address.
    package var address: String

    /// Creates an address.
    package init(type: String, address: String) {
        self.type = type
        self.address = address
    }
}
