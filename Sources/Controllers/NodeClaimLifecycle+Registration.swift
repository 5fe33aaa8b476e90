import ControllerRuntime
import Foundation
import KubeClient
import KubeModel
import Logging
import Observability

extension NodeClaimLifecycle {
    /// Finds the claim's Node by provider ID and adopts it: NodeClaim labels, taints and startup
    /// taints copied onto the Node, the NodeClaim as owner, the termination finalizer,
    /// `karpenter.sh/registered=true`, and the `karpenter.sh/unregistered` taint removed. A claim
    /// whose Node does not appear within ``registrationTimeout`` of launch is deleted.
    func register(_ claim: NodeClaim, log: Logger) async throws -> ReconcileResult {
        guard let providerID = claim.status?.providerID, var node = state.node(providerID: providerID) else {
            let launchedAt = claim.status?.conditions?.condition(NodeClaimConditionType.launched)?.lastTransitionTime?.date
                ?? claim.metadata.creationTimestamp?.date ?? clock.now
            let waited = clock.now.timeIntervalSince(launchedAt)
            if waited >= registrationTimeout {
                log.with(["timeout": .string(GoDuration.format(.seconds(registrationTimeout))), "reason": "registration_timeout"])
                    .debug("terminating due to timeout")
                try await deleteIgnoringNotFound(claim)
                return .done
            }
            var updated = claim
            if claim.status?.conditions?.condition(NodeClaimConditionType.registered) == nil {
                setCondition(&updated, NodeClaimConditionType.registered, .unknown, reason: "NodeNotFound",
                             message: "Node not registered with cluster")
                state.apply(try await api.updateStatus(updated))
            }
            return ReconcileResult(requeueAfter: .seconds(min(registrationTimeout - waited, pollInterval.timeInterval)))
        }
        let nodeName = node.metadata.name ?? ""
        let original = node
        if node.metadata.labels?[WellKnownLabels.registered] != "true",
           !(node.spec.taints ?? []).contains(where: { $0.matches(Taint.unregistered) }) {
            // Without the taint, pods may have landed before labels and taints were synced. The
            // Node is still adopted: it exists and runs, and refusing it would only leak it.
            log.with("taint", .string(Taint.unregistered.key))
                .error("node claim registration error", metadata: ["error": "missing required startup taint"])
            await record(claim, type: "Warning", reason: "UnregisteredTaintMissing",
                         message: "Node \(nodeName) registered without the \(Taint.unregistered) taint; pods may have been scheduled before Karpenter synced its labels and taints")
        }
        var labels = node.metadata.labels ?? [:]
        for (key, value) in claim.metadata.labels ?? [:] { labels[key] = value }
        labels[WellKnownLabels.registered] = "true"
        node.metadata.labels = labels
        var annotations = node.metadata.annotations ?? [:]
        for (key, value) in claim.metadata.annotations ?? [:] { annotations[key] = value }
        node.metadata.annotations = annotations.isEmpty ? nil : annotations
        var taints = (node.spec.taints ?? []).filter { !$0.matches(Taint.unregistered) }
        for taint in (claim.spec.taints ?? []) + (claim.spec.startupTaints ?? []) where !taints.contains(where: { $0.matches(taint) }) {
            taints.append(taint)
        }
        node.spec.taints = taints.isEmpty ? nil : taints
        let owner = OwnerReference(apiVersion: NodeClaim.resourceType.apiVersion, kind: NodeClaim.resourceType.kind,
                                   name: claim.metadata.name ?? "", uid: claim.metadata.uid ?? "", blockOwnerDeletion: true)
        if !(node.metadata.ownerReferences ?? []).contains(where: { $0.uid == owner.uid && $0.kind == owner.kind }) {
            node.metadata.ownerReferences = (node.metadata.ownerReferences ?? []) + [owner]
        }
        _ = node.metadata.addFinalizer(WellKnownFinalizers.termination)
        if node != original {
            node = try await api.update(node)
            state.apply(node)
        }
        var updated = claim
        var status = updated.status ?? NodeClaimStatus()
        status.nodeName = nodeName
        updated.status = status
        setCondition(&updated, NodeClaimConditionType.registered, .true, reason: "Registered")
        updated = try await api.updateStatus(updated)
        state.apply(updated)
        log.with(["provider-id": .string(providerID), "Node": .object(name: nodeName)]).info("registered nodeclaim")
        return try await initialize(updated, log: log)
    }

    /// Marks the claim `Initialized` once its Node is Ready, carries none of the startup taints nor
    /// the known ephemeral ones (not-ready, unreachable, uninitialized, unregistered), and reports
    /// every requested resource in its allocatable; labels the Node `karpenter.sh/initialized=true`.
    /// While waiting, `Initialized` is Unknown with upstream's reason for what is missing (written
    /// only when it changes).
    func initialize(_ claim: NodeClaim, log: Logger) async throws -> ReconcileResult {
        guard let providerID = claim.status?.providerID, var node = state.node(providerID: providerID) else {
            try await setInitializedUnknown(claim, reason: "NodeNotFound", message: "Node not registered with cluster")
            return ReconcileResult(requeueAfter: pollInterval)
        }
        let allocatable = node.status?.allocatable ?? [:]
        if let (reason, message) = Self.uninitialized(node, claim: claim) {
            try await setInitializedUnknown(claim, reason: reason, message: message)
            return ReconcileResult(requeueAfter: pollInterval)
        }
        if node.metadata.labels?[WellKnownLabels.initialized] != "true" {
            node.metadata.labels = (node.metadata.labels ?? [:]).merging([WellKnownLabels.initialized: "true"]) { $1 }
            node = try await api.update(node)
            state.apply(node)
        }
        var updated = claim
        setCondition(&updated, NodeClaimConditionType.initialized, .true, reason: "Initialized")
        setCondition(&updated, NodeClaimConditionType.ready, .true, reason: "Ready")
        updated = try await api.updateStatus(updated)
        state.apply(updated)
        log.with([
            "provider-id": .string(providerID), "Node": .object(name: node.metadata.name ?? ""),
            "allocatable": .resources(allocatable),
        ]).info("initialized nodeclaim")
        return .done
    }

    /// Why `node` does not yet initialize `claim`, as an `Initialized` reason and message; nil
    /// when it does.
    static func uninitialized(_ node: Node, claim: NodeClaim) -> (reason: String, message: String)? {
        guard node.readyStatus == "True" else {
            return ("NodeNotReady", "Node \(node.metadata.name ?? "") is not Ready")
        }
        let nodeTaints = node.spec.taints ?? []
        let startupTaints = claim.spec.startupTaints ?? []
        let startup = nodeTaints.filter { taint in startupTaints.contains { $0.matches(taint) } }
        if !startup.isEmpty {
            return ("StartupTaintsExist", "startup taint(s) still on the Node: \(startup.map(\.description).joined(separator: ", "))")
        }
        let ephemeral = nodeTaints.filter { taint in
            taint.matches(Taint.unregistered) || Taint.knownEphemeral.contains { $0.matches(taint) }
        }
        if !ephemeral.isEmpty {
            return ("KnownEphemeralTaintsExist",
                    "known ephemeral taint(s) still on the Node: \(ephemeral.map(\.description).joined(separator: ", "))")
        }
        let allocatable = node.status?.allocatable ?? [:]
        let missing = (claim.spec.resources?.requests ?? [:]).filter { name, quantity in
            !quantity.isZero && !["cpu", "memory", "pods", "ephemeral-storage"].contains(name)
                && (allocatable[name] ?? .zero).isZero
        }
        if !missing.isEmpty {
            return ("ResourceNotRegistered",
                    "requested resource(s) not in the Node's allocatable: \(missing.keys.sorted().joined(separator: ", "))")
        }
        return nil
    }

    /// `Initialized=Unknown` with `reason`, written only when the condition changes.
    private func setInitializedUnknown(_ claim: NodeClaim, reason: String, message: String) async throws {
        var updated = claim
        if setCondition(&updated, NodeClaimConditionType.initialized, .unknown, reason: reason, message: message) {
            state.apply(try await api.updateStatus(updated))
        }
    }
}
