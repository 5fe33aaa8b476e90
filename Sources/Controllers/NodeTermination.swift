import CloudProvider
import ControllerRuntime
import Foundation
import KubeClient
import KubeModel
import Logging
import Observability

/// Handles deletion of a Node carrying Karpenter's termination finalizer: deletes the owning
/// NodeClaim (whose own finalizer terminates the instance), makes sure the instance is gone, then
/// removes the Node's finalizer. A simple terminate-and-remove; draining comes with the
/// termination controller. It never waits for the NodeClaim to be gone (the NodeClaim's finalizer
/// waits for the Node), so the two finalizers cannot deadlock.
package struct NodeTermination: Reconciler {
    let api: any KubeAPI
    let cloudProvider: any CloudProvider
    let state: ClusterState
    let logger: Logger

    /// Creates the controller; `logger` carries the operator's base fields.
    package init(api: any KubeAPI, cloudProvider: any CloudProvider, state: ClusterState, logger: Logger) {
        self.api = api
        self.cloudProvider = cloudProvider
        self.state = state
        self.logger = logger.with("controller", "node.termination")
    }

    /// Finalizes the Node named `key` if it is being deleted.
    package func reconcile(_ key: String) async throws -> ReconcileResult {
        var node: Node
        do {
            node = try await api.get(Node.self, name: key)
        } catch KubeError.notFound {
            return .done
        }
        state.apply(node)
        guard node.metadata.isDeleting, node.metadata.hasFinalizer(WellKnownFinalizers.termination) else { return .done }
        let providerID = node.spec.providerID ?? ""
        let claim = state.nodeClaims.first { !providerID.isEmpty && $0.status?.providerID == providerID }
        if let claim {
            if !claim.metadata.isDeleting {
                do {
                    try await api.delete(NodeClaim.self, name: claim.metadata.name ?? "")
                } catch KubeError.notFound {}
            }
        }
        if !providerID.isEmpty {
            do {
                var probe = NodeClaim(metadata: ObjectMeta(name: key), spec: NodeClaimSpec(nodeClassRef: NodeClassReference(name: "")))
                probe.status = NodeClaimStatus(providerID: providerID)
                try await cloudProvider.delete(probe)
                _ = try await cloudProvider.get(providerID: providerID)
                return ReconcileResult(requeueAfter: .seconds(5))
            } catch CloudProviderError.nodeClaimNotFound {
                // Instance gone.
            }
        }
        _ = node.metadata.removeFinalizer(WellKnownFinalizers.termination)
        do {
            _ = try await api.update(node)
        } catch KubeError.notFound {}
        state.remove(node)
        let claimName = claim?.metadata.name
            ?? node.metadata.ownerReferences?.first { $0.kind == NodeClaim.resourceType.kind }?.name ?? ""
        logger.with(["Node": .object(name: key), "NodeClaim": .object(name: claimName)]).info("deleted node")
        return .done
    }
}
