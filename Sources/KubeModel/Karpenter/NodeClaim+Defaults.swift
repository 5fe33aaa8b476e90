extension NodeClaim {
    /// A copy with upstream's v1 defaults (`expireAfter: 720h`) where the user wrote nothing.
    package func withDefaults() -> NodeClaim {
        var copy = self
        if copy.spec.expireAfter == nil { copy.spec.expireAfter = NodePool.defaultExpireAfter }
        return copy
    }
}
