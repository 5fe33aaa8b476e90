extension V1Beta1 {
    /// `karpenter.sh/v1beta1 NodeClaim`.
    package struct NodeClaim: KubeResource, Hashable {
        package static let resourceType = ResourceType(
            group: "karpenter.sh", version: "v1beta1", kind: "NodeClaim", plural: "nodeclaims", namespaced: false)

        /// `karpenter.sh/v1beta1`.
        package var apiVersion: String
        /// `NodeClaim`.
        package var kind: String
        /// Object metadata.
        package var metadata: ObjectMeta
        /// The requested node.
        package var spec: NodeClaimSpec
        /// Launch and lifecycle state (same shape as v1 minus `lastPodEventTime`).
        package var status: KubeModel.NodeClaimStatus?

        /// Creates a v1beta1 NodeClaim.
        package init(metadata: ObjectMeta, spec: NodeClaimSpec, status: KubeModel.NodeClaimStatus? = nil) {
            self.apiVersion = Self.resourceType.apiVersion
            self.kind = Self.resourceType.kind
            self.metadata = metadata
            self.spec = spec
            self.status = status
        }

        package init(from decoder: any Decoder) throws {
            let envelope = try ResourceEnvelope<NodeClaimSpec, KubeModel.NodeClaimStatus>(from: decoder)
            self.init(metadata: envelope.metadata, spec: try envelope.requiredSpec(), status: envelope.status)
            apiVersion = envelope.apiVersion ?? apiVersion
            kind = envelope.kind ?? kind
        }
    }
}
