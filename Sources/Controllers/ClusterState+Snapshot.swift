import KubeModel
import Scheduling

extension ClusterState {
    /// The solver's input for the current state: the provisionable pods, every Node and every
    /// in-flight NodeClaim (one without a Node yet) as existing capacity, the ready NodePools ordered
    /// by weight then name (both descending), their instance types, one pod per DaemonSet and the
    /// namespaces' labels.
    ///
    /// `instanceTypes` maps a NodePool name to what the cloud provider offers it; pools without an
    /// entry are skipped. An in-flight NodeClaim that has not launched is estimated at the smallest
    /// allocatable among the instance types it allows, so pods are not provisioned twice. Every
    /// existing node or claim carries the requests and host ports of its bound pods plus those of
    /// the compatible DaemonSets that have no pod there yet.
    package func schedulingInput(pods: [Pod], instanceTypes: [String: [InstanceType]]) -> SchedulingInput {
        let snapshot = state.withLock { $0 }
        let pools = snapshot.nodePools.values
            .filter { !$0.metadata.isDeleting && instanceTypes[$0.metadata.name ?? ""] != nil }
            .sorted { ($0.spec.weight ?? 0, $0.metadata.name ?? "") > ($1.spec.weight ?? 0, $1.metadata.name ?? "") }
        var typesByName: [String: InstanceType] = [:]
        for types in instanceTypes.values { for type in types { typesByName[type.name] = type } }
        let schedulingPools = pools.map { pool -> SchedulingNodePool in
            let name = pool.metadata.name ?? ""
            let usage = usage(of: name)
            var result = SchedulingNodePool(kube: pool, usage: usage.resources, nodeCount: usage.count)
            result.instanceTypeNames = instanceTypes[name]?.map(\.name)
            return result
        }
        var allTypes: [InstanceType] = []
        var seen = Set<String>()
        for pool in pools {
            for type in instanceTypes[pool.metadata.name ?? ""] ?? [] where seen.insert(type.name).inserted {
                allTypes.append(type)
            }
        }
        var podsByNode: [String: [Pod]] = [:]
        for pod in snapshot.pods.values where pod.isBound && !pod.isTerminal {
            podsByNode[pod.spec.nodeName ?? "", default: []].append(pod)
        }
        let daemons = snapshot.daemonSets.values.sorted { $0.metadata.key < $1.metadata.key }.map(DaemonPod.init)
        var existing: [ExistingNode] = []
        var claimedNodes = Set<String>()
        for node in snapshot.nodes.values.sorted(by: { $0.metadata.key < $1.metadata.key }) where !node.metadata.isDeleting {
            let name = node.metadata.name ?? ""
            claimedNodes.insert(name)
            let claim = node.spec.providerID.flatMap { snapshot.nodeClaimsByProviderID[$0]?.min() }.flatMap { snapshot.nodeClaims[$0] }
            var capacity = Self.existingNode(node, claim: claim, pods: podsByNode[name] ?? [])
            Self.reserveDaemons(daemons, on: &capacity, bound: podsByNode[name] ?? [])
            existing.append(capacity)
        }
        for claim in snapshot.nodeClaims.values.sorted(by: { $0.metadata.key < $1.metadata.key }) where !claim.metadata.isDeleting {
            if let nodeName = claim.status?.nodeName, claimedNodes.contains(nodeName) { continue }
            if let providerID = claim.status?.providerID, snapshot.nodesByProviderID[providerID]?.isEmpty == false { continue }
            var capacity = inFlightNode(claim, typesByName: typesByName)
            Self.reserveDaemons(daemons, on: &capacity, bound: [])
            existing.append(capacity)
        }
        let namespaceLabels = snapshot.namespaces.values.reduce(into: [String: [String: String]]()) { labels, namespace in
            labels[namespace.metadata.name ?? ""] = namespace.metadata.labels ?? [:]
        }
        return SchedulingInput(pods: pods.map { SchedulingPod(kube: $0) }, existingNodes: existing,
                               nodePools: schedulingPools, instanceTypes: allTypes, daemonSetPods: daemons.map(\.solverPod),
                               namespaceLabels: namespaceLabels)
    }

    /// A Node as capacity the solver may place pods on, merged with the NodeClaim that launched it.
    ///
    /// Until a managed Node is initialized it is judged by its NodeClaim, which is what it will
    /// become: the claim's taints (startup taints excluded) and the claim's allocatable (a booting
    /// kubelet may not report extended resources yet), with the claim's labels under the Node's.
    /// On such a Node the known ephemeral taints (not-ready, unreachable, uninitialized) and the
    /// unregistered taint do not count: otherwise a Node that has just registered would look
    /// unusable and its pods would get a second NodeClaim. An initialized or unmanaged Node keeps
    /// every taint: one that went unreachable is not capacity anyone can count on.
    static func existingNode(_ node: Node, claim: NodeClaim?, pods: [Pod]) -> ExistingNode {
        var requested = Resources.zero
        var ports: [HostPort] = []
        for pod in pods {
            let solverPod = SchedulingPod(kube: pod)
            requested.add(solverPod.requests)
            ports += solverPod.hostPorts
        }
        let managed = claim != nil || node.metadata.labels?[WellKnownLabels.nodePool] != nil
        let initialized = !managed || node.metadata.labels?[WellKnownLabels.initialized] == "true"
            || claim?.status?.conditions?.isTrue(NodeClaimConditionType.initialized) == true
        var taints = node.spec.taints ?? []
        var allocatable = node.status?.allocatable
        var labels = node.metadata.labels ?? [:]
        if !initialized {
            if let claim {
                taints = claim.spec.taints ?? []
                if let launched = claim.status?.allocatable, !launched.isEmpty { allocatable = launched }
                labels = labels.merging(claim.metadata.labels ?? [:]) { fromNode, _ in fromNode }
            }
            let ignored = KubeModel.Taint.knownEphemeral + [KubeModel.Taint.unregistered] + (claim?.spec.startupTaints ?? [])
            taints.removeAll { taint in ignored.contains { $0.matches(taint) } }
        }
        return ExistingNode(
            name: node.metadata.name ?? "", labels: labels, taints: taints.map { Scheduling.Taint(kube: $0) },
            allocatable: Resources(kube: allocatable), requested: requested, hostPortsUsed: ports,
            pods: pods.map { ExistingPod(kube: $0) }, initialized: initialized)
    }

    /// An in-flight NodeClaim as capacity the solver may place pods on: its labels plus every
    /// single-valued `In` requirement, and its launched allocatable or the smallest allowed type's.
    private func inFlightNode(_ claim: NodeClaim, typesByName: [String: InstanceType]) -> ExistingNode {
        var labels = claim.metadata.labels ?? [:]
        for requirement in claim.spec.requirements where requirement.operator == .in && requirement.values?.count == 1 {
            labels[requirement.key] = labels[requirement.key] ?? requirement.values?.first
        }
        var allocatable = Resources(kube: claim.status?.allocatable)
        if claim.status?.allocatable == nil {
            let allowed = claim.spec.requirements.first { $0.key == WellKnownLabels.instanceType && $0.operator == .in }?.values ?? []
            let candidates = allowed.compactMap { typesByName[$0]?.allocatable }
            allocatable = candidates.dropFirst().reduce(candidates.first ?? .zero) { Resources.min($0, $1) }
        }
        let taints = (claim.spec.taints ?? []).map { Scheduling.Taint(kube: $0) }
        return ExistingNode(name: claim.metadata.name ?? "", labels: labels, taints: taints,
                            allocatable: allocatable, initialized: false)
    }
}
