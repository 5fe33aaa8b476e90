import KubeClient
import KubeModel
import Logging
import Observability
import Scheduling

/// Why the provisioner did not create a NodeClaim the solver asked for.
package enum ProvisioningError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The NodePool disappeared between the solve and the create.
    case nodePoolNotFound(String)
    /// The NodePool's usage already reaches one of its limits.
    case limitExceeded(nodePool: String, resources: [String])

    package var description: String {
        switch self {
        case let .nodePoolNotFound(name): "nodepool \"\(name)\" not found"
        case let .limitExceeded(pool, resources):
            "creating nodeclaim, nodepool \"\(pool)\" resource usage exceeds limit (\(resources.joined(separator: ", ")))"
        }
    }
}

extension Provisioner {
    /// Creates the NodeClaim for one solver decision after re-checking the NodePool's limits
    /// against current usage, records it in the cluster state and logs `created nodeclaim`.
    func create(_ decision: NewNodeClaim) async throws -> NodeClaim {
        guard let pool = state.nodePool(named: decision.nodePool) else {
            throw ProvisioningError.nodePoolNotFound(decision.nodePool)
        }
        if let limits = pool.spec.limits, !limits.isEmpty {
            // The last guard against racing rounds: the solver already planned within the limits.
            // As upstream, a limit is exceeded only when usage is above it, and `nodes` counts NodeClaims.
            let current = state.usage(of: decision.nodePool)
            var usage = current.resources.kubeList()
            usage[NodePool.nodesLimit] = Quantity(Int64(current.count))
            let exceeded = limits.keys.sorted().filter { key in
                guard let limit = limits[key], let used = usage[key] else { return false }
                return key == NodePool.nodesLimit ? used >= limit : used > limit
            }
            if !exceeded.isEmpty { throw ProvisioningError.limitExceeded(nodePool: decision.nodePool, resources: exceeded) }
        }
        let created = try await api.create(Self.nodeClaim(for: decision, pool: pool))
        state.apply(created)
        logger.with([
            "NodePool": .object(name: decision.nodePool),
            "NodeClaim": .object(name: created.metadata.name ?? ""),
            "requests": .resources(decision.requests.kubeList()),
            "instance-types": .string(Self.summarize(decision.instanceTypeNames)),
        ]).info("created nodeclaim")
        return created
    }

    /// The NodeClaim object for a solver decision: `generateName: <nodepool>-`, the template's
    /// labels and annotations plus `karpenter.sh/nodepool`, the decision's requirements (instance
    /// types cheapest first, capacity types), requests, the NodePool as controlling owner, and the
    /// template's node class, taints, startup taints, expiry and termination grace period.
    package static func nodeClaim(for decision: NewNodeClaim, pool: NodePool) -> NodeClaim {
        let template = pool.spec.template
        let name = pool.metadata.name ?? decision.nodePool
        var labels = template.metadata?.labels ?? [:]
        labels[WellKnownLabels.nodePool] = name
        let owner = OwnerReference(apiVersion: NodePool.resourceType.apiVersion, kind: NodePool.resourceType.kind,
                                   name: name, uid: pool.metadata.uid ?? "", controller: true, blockOwnerDeletion: true)
        let requirements = decision.requirements.map { spec in
            NodeSelectorRequirementWithMinValues(
                key: spec.key, operator: NodeSelectorOperator(rawValue: spec.operator.rawValue) ?? .exists,
                values: spec.values.isEmpty ? nil : spec.values, minValues: spec.minValues)
        }
        var requests = decision.requests.kubeList()
        if requests["pods"] == nil { requests["pods"] = .zero }
        let metadata = ObjectMeta(generateName: "\(name)-", labels: labels, annotations: template.metadata?.annotations,
                                  ownerReferences: [owner])
        let spec = NodeClaimSpec(taints: template.spec.taints, startupTaints: template.spec.startupTaints,
                                 requirements: requirements, resources: ResourceRequests(requests: requests),
                                 nodeClassRef: template.spec.nodeClassRef,
                                 terminationGracePeriod: template.spec.terminationGracePeriod,
                                 expireAfter: template.spec.expireAfter)
        return NodeClaim(metadata: metadata, spec: spec)
    }
}
