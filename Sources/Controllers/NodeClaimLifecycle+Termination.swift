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
        if let providerID {
            do {
                try await cloudProvider.delete(claim)
                _ = try await cloudProvider.get(providerID: providerID)
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
        var fields: KeyValuePairs<String, Logger.MetadataValue> = ["provider-id": .string(providerID ?? "")]
        if let nodeName = claim.status?.nodeName {
            fields = ["provider-id": .string(providerID ?? ""), "Node": .object(name: nodeName)]
        }
        log.with(fields).info("deleted nodeclaim")
        return .done
    }
}
