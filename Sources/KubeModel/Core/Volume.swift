/// `core/v1 Volume`: only the persistent-volume-claim source matters to the autoscaler (volume
/// topology); other sources decode without error and are kept as absent.
package struct Volume: Codable, Sendable, Hashable {
    /// Volume name within the pod.
    package var name: String
    /// Claim reference when the volume is backed by a PVC.
    package var persistentVolumeClaim: PersistentVolumeClaimVolumeSource?
    /// Whether the volume is an ephemeral generic volume (a PVC named `<pod>-<volume>`).
    package var ephemeral: EphemeralVolumeSource?

    /// Creates a volume.
    package init(name: String, persistentVolumeClaim: PersistentVolumeClaimVolumeSource? = nil, ephemeral: EphemeralVolumeSource? = nil) {
        self.name = name
        self.persistentVolumeClaim = persistentVolumeClaim
        self.ephemeral = ephemeral
    }
}

/// `core/v1 PersistentVolumeClaimVolumeSource`.
package struct PersistentVolumeClaimVolumeSource: Codable, Sendable, Hashable {
    /// Claim name in the pod's namespace.
    package var claimName: String
    /// Mounted read-only.
    package var readOnly: Bool?

    /// Creates a source.
    package init(claimName: String, readOnly: Bool? = nil) {
        self.claimName = claimName
        self.readOnly = readOnly
    }
}

/// `core/v1 EphemeralVolumeSource`; its template is not needed, only its presence.
package struct EphemeralVolumeSource: Codable, Sendable, Hashable {
    /// Creates a marker.
    package init() {}
}
