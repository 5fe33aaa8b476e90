/// `coordination.k8s.io/v1 Lease`: the leader-election lock.
package struct Lease: KubeResource, Hashable {
    package static let resourceType = ResourceType(group: "coordination.k8s.io", version: "v1", kind: "Lease", plural: "leases", namespaced: true)

    /// `coordination.k8s.io/v1`.
    package var apiVersion: String? = "coordination.k8s.io/v1"
    /// `Lease`.
    package var kind: String? = "Lease"
    /// Metadata.
    package var metadata: ObjectMeta
    /// Holder and timings.
    package var spec: LeaseSpec

    /// Creates a lease.
    package init(metadata: ObjectMeta, spec: LeaseSpec = LeaseSpec()) {
        self.metadata = metadata
        self.spec = spec
    }

    private enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, spec }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        spec = try c.decodeIfPresent(LeaseSpec.self, forKey: .spec) ?? LeaseSpec()
    }
}

/// `coordination.k8s.io/v1 LeaseSpec`.
package struct LeaseSpec: Codable, Sendable, Hashable {
    /// Identity of the current holder.
    package var holderIdentity: String?
    /// How long the lease is valid after a renewal.
    package var leaseDurationSeconds: Int32?
    /// When the current holder acquired it.
    package var acquireTime: KubeMicroTime?
    /// When the holder last renewed it.
    package var renewTime: KubeMicroTime?
    /// Number of holder changes.
    package var leaseTransitions: Int32?

    /// Creates a spec.
    package init(holderIdentity: String? = nil, leaseDurationSeconds: Int32? = nil, acquireTime: KubeMicroTime? = nil, renewTime: KubeMicroTime? = nil, leaseTransitions: Int32? = nil) {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.leaseTransitions = leaseTransitions
    }
}
