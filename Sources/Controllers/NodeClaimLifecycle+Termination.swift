import CloudProvider
import ControllerRuntime
import Foundation
import KubeClient
import KubeModel
import Logging
import Observability

extension NodeClaimLifecycle {
    /// Deletion of a NodeClaim: delete its Node, terminate the instance until the cloud reports it
    /// gone, then remove the termination finalizer. A simple terminate-and-remove; draining comes later.
    func finalize(_ claim: NodeClaim, log: Logger) async throws -> ReconcileResult {
        guard claim.metadata.hasFinalizer(WellKnownFinalizers.termination) else {
            state.remove(claim)
            return .done
        }
        let providerID = claim.status?.providerID
        if let providerID, let node = state.node(providerID: providerID), !node.metadata.isDeleting {
            do {
                try await api.delete(Node.self, name: node.metadata.name ?? "")
            } catch KubeError.notFound {}
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

    /// The instance the cloud launched for `claim`, found by NodeClaim name (the
    /// ``CloudProvider/list()`` contract), or nil when there is none.
    func launchedInstance(of claim: NodeClaim) async throws -> NodeClaim? {
        guard let name = claim.metadata.name else { return nil }
        return try await cloudProvider.list().first { $0.metadata.name == name && $0.status?.providerID != nil }
    }
}
