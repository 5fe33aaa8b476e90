/// `metav1.ObjectMeta`: the fields an autoscaler reads and writes. Fields the API server sends that
/// are not listed (managedFields, selfLink, ...) are ignored on decode; nil fields are omitted on
/// encode, so a merge patch built from this value never deletes data by sending `null`.
package struct ObjectMeta: Codable, Sendable, Hashable {
    /// Object name; empty until the server assigns one from `generateName`.
    package var name: String?
    /// Prefix for a server-generated name, e.g. `default-` → `default-gqq5d`.
    package var generateName: String?
    /// Namespace; nil for cluster-scoped objects.
    package var namespace: String?
    /// Server-assigned unique ID.
    package var uid: String?
    /// Opaque version for optimistic concurrency and watches.
    package var resourceVersion: String?
    /// Incremented by the server on every spec change.
    package var generation: Int64?
    /// When the object was created.
    package var creationTimestamp: KubeTime?
    /// Set when deletion was requested and finalizers are still pending.
    package var deletionTimestamp: KubeTime?
    /// Grace period the deletion was requested with.
    package var deletionGracePeriodSeconds: Int64?
    /// Labels; selectors match on these.
    package var labels: [String: String]?
    /// Annotations; free-form metadata.
    package var annotations: [String: String]?
    /// Finalizers that must be removed before the object disappears.
    package var finalizers: [String]?
    /// Owners, for garbage collection.
    package var ownerReferences: [OwnerReference]?

    /// Creates metadata; every field defaults to absent.
    package init(
        name: String? = nil, generateName: String? = nil, namespace: String? = nil, uid: String? = nil,
        resourceVersion: String? = nil, generation: Int64? = nil, creationTimestamp: KubeTime? = nil,
        deletionTimestamp: KubeTime? = nil, deletionGracePeriodSeconds: Int64? = nil,
        labels: [String: String]? = nil, annotations: [String: String]? = nil,
        finalizers: [String]? = nil, ownerReferences: [OwnerReference]? = nil
    ) {
        self.name = name
        self.generateName = generateName
        self.namespace = namespace
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.generation = generation
        self.creationTimestamp = creationTimestamp
        self.deletionTimestamp = deletionTimestamp
        self.deletionGracePeriodSeconds = deletionGracePeriodSeconds
        self.labels = labels
        self.annotations = annotations
        self.finalizers = finalizers
        self.ownerReferences = ownerReferences
    }

    /// `namespace/name`, or `name` for cluster-scoped objects: the key stores and queues use.
    package var key: String {
        if let namespace, !namespace.isEmpty { return "\(namespace)/\(name ?? "")" }
        return name ?? ""
    }

    /// True once deletion has been requested.
    package var isDeleting: Bool { deletionTimestamp != nil }

    /// True when `finalizer` is present.
    package func hasFinalizer(_ finalizer: String) -> Bool { finalizers?.contains(finalizer) ?? false }

    /// Adds `finalizer` unless present; returns whether anything changed.
    @discardableResult
    package mutating func addFinalizer(_ finalizer: String) -> Bool {
        if hasFinalizer(finalizer) { return false }
        finalizers = (finalizers ?? []) + [finalizer]
        return true
    }

    /// Removes `finalizer`; returns whether anything changed.
    @discardableResult
    package mutating func removeFinalizer(_ finalizer: String) -> Bool {
        guard hasFinalizer(finalizer) else { return false }
        finalizers = finalizers?.filter { $0 != finalizer }
        return true
    }
}

/// `metav1.OwnerReference`: links an object to the object that owns it.
package struct OwnerReference: Codable, Sendable, Hashable {
    /// Owner's `apiVersion`, e.g. `karpenter.sh/v1`.
    package var apiVersion: String
    /// Owner's kind, e.g. `NodePool`.
    package var kind: String
    /// Owner's name.
    package var name: String
    /// Owner's UID.
    package var uid: String
    /// Whether the owner is the managing controller.
    package var controller: Bool?
    /// Whether foreground deletion of the owner waits for this object.
    package var blockOwnerDeletion: Bool?

    /// Creates an owner reference.
    package init(apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil, blockOwnerDeletion: Bool? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }
}
