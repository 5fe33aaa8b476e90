/// `core/v1 Namespace`: only its labels matter (pod affinity `namespaceSelector`).
package struct Namespace: KubeResource, Hashable {
    package static let resourceType = ResourceType(group: "", version: "v1", kind: "Namespace", plural: "namespaces", namespaced: false)

    /// `v1`.
    package var apiVersion: String? = "v1"
    /// `Namespace`.
    package var kind: String? = "Namespace"
    /// Metadata.
    package var metadata: ObjectMeta

    /// Creates a namespace.
    package init(metadata: ObjectMeta) { self.metadata = metadata }
}
