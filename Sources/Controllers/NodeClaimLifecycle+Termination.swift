import CloudProvider
import ControllerRuntime
import Foundation
import KubeClient
import KubeModel
import Logging
import Observability

extension NodeClaimLifecycle {
    /// Deletion of a NodeClaim, in upstream's order: delete its Node and wait until the Node is
    /// gone (node termination removes it; or the cloud reports the instance gone), terminate the
    /// instance until the cloud reports it gone, then remove the termination finalizer. A simple
    /// terminate-and-remove; draining comes with the termination controller.
    func finalize(_ claim: NodeClaim, log: Logger) async throws -> ReconcileResult {
        guard claim.metadata.hasFinalizer(WellKnownFinalizers.termination) else {
            state.remove(claim)
            return .done
        }
        let providerID = claim.status?.providerID
        // The Node goes first: its own finalizer (node termination) cleans it up; the claim waits
        // for it, unless the instance is already gone, so a Node whose finalizer is held up
        // cannot pin a terminated claim. Node termination never waits for the claim: no deadlock.
        let nodes = try await existingNodes(of: claim)
        if !nodes.isEmpty {
            for node in nodes where !node.metadata.isDeleting {
                do {
                    try await api.delete(Node.self, name: node.metadata.name ?? "")
                } catch KubeError.notFound {}
            }
            if let providerID, try await instanceExists(providerID) {
                return ReconcileResult(requeueAfter: pollInterval)
            }
        }
        // A launch whose result never reached the NodeClaim (the write after `create` failed, e.g.
        // because this deletion changed the object) left no provider ID: ask the cloud by name.
        var instance: NodeClaim? = claim
        if providerID == nil { instance = try await launchedInstance(of: claim) }
        if let instance, let instanceID = instance.status?.providerID {
            do {
                try await cloudProvider.delete(instance)
                _ = try await cloudProvider.get(providerID: instanceID)
                return ReconcileResult(requeueAfter: pollInterval)
            } catch CloudProviderError.nodeClaimNotFound {
                // Gone: fall through and release the claim.
            }
        }
        var updated = claim
        _ = updated.metadata.removeFinalizer(WellKnownFinalizers.termination)
        do {
            _ = try await api.update(updated)
        } catch KubeError.notFound {}
        state.remove(claim)
        let terminated = instance?.status?.providerID ?? ""
        var fields: KeyValuePairs<String, Logger.MetadataValue> = ["provider-id": .string(terminated)]
        if let nodeName = claim.status?.nodeName {
            fields = ["provider-id": .string(terminated), "Node": .object(name: nodeName)]
        }
        log.with(fields).info("deleted nodeclaim")
        return .done
    }

    /// The Nodes of `claim` (by provider ID and `status.nodeName`) that still exist in the API.
    func existingNodes(of claim: NodeClaim) async throws -> [Node] {
        var names = Set<String>()
        if let providerID = claim.status?.providerID, let name = state.node(providerID: providerID)?.metadata.name {
            names.insert(name)
        }
        if let name = claim.status?.nodeName { names.insert(name) }
        var nodes: [Node] = []
        for name in names.sorted() {
            do {
                let node = try await api.get(Node.self, name: name)
                // A name can be reused by a later instance's Node; only this claim's counts.
                if node.spec.providerID == nil || node.spec.providerID == claim.status?.providerID { nodes.append(node) }
            } catch KubeError.notFound {}
        }
        return nodes
    }

    /// Whether the cloud still reports the instance `providerID`.
    func instanceExists(_ providerID: String) async throws -> Bool {
        do {
            _ = try await cloudProvider.get(providerID: providerID)
            return true
        } catch CloudProviderError.nodeClaimNotFound {
            return false
        }
    }

    /// The instance the cloud launched for `claim`, found by NodeClaim name (the
    /// ``CloudProvider/list()`` contract), or nil when there is none.
    func launchedInstance(of claim: NodeClaim) async throws -> NodeClaim? {
        guard let name = claim.metadata.name else { return nil }
        return try await cloudProvider.list().first { $0.metadata.name == name && $0.status?.providerID != nil }
    }
}
