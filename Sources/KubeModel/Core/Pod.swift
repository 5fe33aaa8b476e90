/// `core/v1 Pod`, limited to what an autoscaler reads: scheduling constraints, resource requests,
/// ownership and status. Everything else the API server sends is ignored on decode.
package struct Pod: KubeResource, Hashable {
    package static let resourceType = ResourceType(group: "", version: "v1", kind: "Pod", plural: "pods", namespaced: true)

    /// `v1`.
    package var apiVersion: String? = "v1"
    /// `Pod`.
    package var kind: String? = "Pod"
    /// Metadata.
    package var metadata: ObjectMeta
    /// Desired state.
    package var spec: PodSpec
    /// Observed state.
    package var status: PodStatus?

    /// Creates a pod.
    package init(metadata: ObjectMeta, spec: PodSpec = PodSpec(), status: PodStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    private enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, spec, status }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        metadata = try container.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        spec = try container.decodeIfPresent(PodSpec.self, forKey: .spec) ?? PodSpec()
        status = try container.decodeIfPresent(PodStatus.self, forKey: .status)
    }
}

/// `core/v1 PodSpec`: the scheduling-relevant subset.
package struct PodSpec: Codable, Sendable, Hashable {
    /// Application containers.
    package var containers: [Container]
    /// Init containers, including `restartPolicy: Always` sidecars.
    package var initContainers: [Container]?
    /// Fixed per-pod overhead from the RuntimeClass.
    package var overhead: [String: Quantity]?
    /// Exact-match node label constraints.
    package var nodeSelector: [String: String]?
    /// Node and pod (anti-)affinity.
    package var affinity: Affinity?
    /// Tolerated taints.
    package var tolerations: [Toleration]?
    /// Spread constraints.
    package var topologySpreadConstraints: [TopologySpreadConstraint]?
    /// Resolved priority.
    package var priority: Int32?
    /// Priority class name, e.g. `system-node-critical`.
    package var priorityClassName: String?
    /// `PreemptLowerPriority` or `Never`.
    package var preemptionPolicy: String?
    /// Node the pod is bound to; empty while pending.
    package var nodeName: String?
    /// Scheduler responsible for binding, `default-scheduler` when absent.
    package var schedulerName: String?
    /// Volumes; persistent volume claims matter for topology.
    package var volumes: [Volume]?
    /// Grace period for termination.
    package var terminationGracePeriodSeconds: Int64?
    /// Whether the pod uses the node's network namespace (host ports then always conflict).
    package var hostNetwork: Bool?
    /// Service account.
    package var serviceAccountName: String?
    /// Pod restart policy.
    package var restartPolicy: String?

    /// Creates a spec.
    package init(
        containers: [Container] = [], initContainers: [Container]? = nil, overhead: [String: Quantity]? = nil,
        nodeSelector: [String: String]? = nil, affinity: Affinity? = nil, tolerations: [Toleration]? = nil,
        topologySpreadConstraints: [TopologySpreadConstraint]? = nil, priority: Int32? = nil,
        priorityClassName: String? = nil, preemptionPolicy: String? = nil, nodeName: String? = nil,
        schedulerName: String? = nil, volumes: [Volume]? = nil, terminationGracePeriodSeconds: Int64? = nil,
        hostNetwork: Bool? = nil, serviceAccountName: String? = nil, restartPolicy: String? = nil
    ) {
        self.containers = containers
        self.initContainers = initContainers
        self.overhead = overhead
        self.nodeSelector = nodeSelector
        self.affinity = affinity
        self.tolerations = tolerations
        self.topologySpreadConstraints = topologySpreadConstraints
        self.priority = priority
        self.priorityClassName = priorityClassName
        self.preemptionPolicy = preemptionPolicy
        self.nodeName = nodeName
        self.schedulerName = schedulerName
        self.volumes = volumes
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.hostNetwork = hostNetwork
        self.serviceAccountName = serviceAccountName
        self.restartPolicy = restartPolicy
    }

    private enum CodingKeys: String, CodingKey {
        case containers, initContainers, overhead, nodeSelector, affinity, tolerations
        case topologySpreadConstraints, priority, priorityClassName, preemptionPolicy, nodeName
        case schedulerName, volumes, terminationGracePeriodSeconds, hostNetwork, serviceAccountName, restartPolicy
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        containers = try c.decodeIfPresent([Container].self, forKey: .containers) ?? []
        initContainers = try c.decodeIfPresent([Container].self, forKey: .initContainers)
        overhead = try c.decodeIfPresent([String: Quantity].self, forKey: .overhead)
        nodeSelector = try c.decodeIfPresent([String: String].self, forKey: .nodeSelector)
        affinity = try c.decodeIfPresent(Affinity.self, forKey: .affinity)
        tolerations = try c.decodeIfPresent([Toleration].self, forKey: .tolerations)
        topologySpreadConstraints = try c.decodeIfPresent([TopologySpreadConstraint].self, forKey: .topologySpreadConstraints)
        priority = try c.decodeIfPresent(Int32.self, forKey: .priority)
        priorityClassName = try c.decodeIfPresent(String.self, forKey: .priorityClassName)
        preemptionPolicy = try c.decodeIfPresent(String.self, forKey: .preemptionPolicy)
        nodeName = try c.decodeIfPresent(String.self, forKey: .nodeName)
        schedulerName = try c.decodeIfPresent(String.self, forKey: .schedulerName)
        volumes = try c.decodeIfPresent([Volume].self, forKey: .volumes)
        terminationGracePeriodSeconds = try c.decodeIfPresent(Int64.self, forKey: .terminationGracePeriodSeconds)
        hostNetwork = try c.decodeIfPresent(Bool.self, forKey: .hostNetwork)
        serviceAccountName = try c.decodeIfPresent(String.self, forKey: .serviceAccountName)
        restartPolicy = try c.decodeIfPresent(String.self, forKey: .restartPolicy)
    }
}

/// `core/v1 PodStatus`: phase, conditions and nomination.
package struct PodStatus: Codable, Sendable, Hashable {
    /// `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`.
    package var phase: String?
    /// Conditions such as `PodScheduled` and `Ready`.
    package var conditions: [PodCondition]?
    /// Node the scheduler nominated during preemption.
    package var nominatedNodeName: String?
    /// When the kubelet started the pod.
    package var startTime: KubeTime?
    /// Why the pod is in this state.
    package var reason: String?
    /// Human-readable detail.
    package var message: String?

    /// Creates a status.
    package init(phase: String? = nil, conditions: [PodCondition]? = nil, nominatedNodeName: String? = nil, startTime: KubeTime? = nil, reason: String? = nil, message: String? = nil) {
        self.phase = phase
        self.conditions = conditions
        self.nominatedNodeName = nominatedNodeName
        self.startTime = startTime
        self.reason = reason
        self.message = message
    }

    /// The condition of `type`, if present.
    package func condition(_ type: String) -> PodCondition? { conditions?.first { $0.type == type } }
}

/// `core/v1 PodCondition`.
package struct PodCondition: Codable, Sendable, Hashable {
    /// Condition type, e.g. `PodScheduled`.
    package var type: String
    /// `True`, `False` or `Unknown`.
    package var status: String
    /// Machine-readable reason, e.g. `Unschedulable`.
    package var reason: String?
    /// Human-readable message.
    package var message: String?
    /// Last probe time.
    package var lastProbeTime: KubeTime?
    /// When the status last changed.
    package var lastTransitionTime: KubeTime?

    /// Creates a condition.
    package init(type: String, status: String, reason: String? = nil, message: String? = nil, lastProbeTime: KubeTime? = nil, lastTransitionTime: KubeTime? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastProbeTime = lastProbeTime
        self.lastTransitionTime = lastTransitionTime
    }
}
