/// `policy/v1 Eviction`: POSTed to `pods/<name>/eviction`; the API server checks PDBs and answers
/// 201 when the pod may go, 429 when a budget forbids it.
package struct Eviction: Codable, Sendable, Hashable {
    /// `policy/v1` or `policy/v1beta1`.
    package var apiVersion: String
    /// `Eviction`.
    package var kind: String = "Eviction"
    /// Name and namespace of the pod to evict.
    package var metadata: ObjectMeta
    /// Grace period and preconditions.
    package var deleteOptions: DeleteOptions?

    /// Creates an eviction of the pod `namespace/name`.
    package init(namespace: String, name: String, apiVersion: String = "policy/v1", deleteOptions: DeleteOptions? = nil) {
        self.apiVersion = apiVersion
        self.metadata = ObjectMeta(name: name, namespace: namespace)
        self.deleteOptions = deleteOptions
    }
}

/// `metav1.DeleteOptions`.
package struct DeleteOptions: Codable, Sendable, Hashable {
    /// `v1`.
    package var apiVersion: String? = "v1"
    /// `DeleteOptions`.
    package var kind: String? = "DeleteOptions"
    /// Grace period override.
    package var gracePeriodSeconds: Int64?
    /// Conditions that must hold for the delete to happen.
    package var preconditions: Preconditions?
    /// `Orphan`, `Background` or `Foreground`.
    package var propagationPolicy: String?

    /// Creates options.
    package init(gracePeriodSeconds: Int64? = nil, preconditions: Preconditions? = nil, propagationPolicy: String? = nil) {
        self.gracePeriodSeconds = gracePeriodSeconds
        self.preconditions = preconditions
        self.propagationPolicy = propagationPolicy
    }
}

/// `metav1.Preconditions`: the delete fails with 409 unless the object still has this UID/version.
package struct Preconditions: Codable, Sendable, Hashable {
    /// Required UID.
    package var uid: String?
    /// Required resourceVersion.
    package var resourceVersion: String?

    /// Creates preconditions.
    package init(uid: String? = nil, resourceVersion: String? = nil) {
        self.uid = uid
        self.resourceVersion = resourceVersion
    }
}
