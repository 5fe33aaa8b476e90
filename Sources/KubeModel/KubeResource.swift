/// Where a kind lives in the Kubernetes API: what a REST client needs to build its paths.
package struct ResourceType: Sendable, Hashable, CustomStringConvertible {
    /// API group; empty for the core group.
    package var group: String
    /// API version within the group, e.g. `v1`.
    package var version: String
    /// Kind, e.g. `Pod`.
    package var kind: String
    /// Plural resource name used in URLs, e.g. `pods`.
    package var plural: String
    /// Whether objects live in a namespace.
    package var namespaced: Bool

    /// Describes a kind.
    package init(group: String, version: String, kind: String, plural: String, namespaced: Bool) {
        self.group = group
        self.version = version
        self.kind = kind
        self.plural = plural
        self.namespaced = namespaced
    }

    /// `v1` for the core group, else `group/version`.
    package var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `/api/v1` or `/apis/group/version`: the URL prefix of the group version.
    package var pathPrefix: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }

    /// `plural.group` (or `plural` for core), as RBAC and error messages name it.
    package var description: String { group.isEmpty ? plural : "\(plural).\(group)" }
}

/// A Kubernetes object the typed client can get, list, watch and write.
///
/// Every conforming type carries `apiVersion`/`kind` (so encoded objects are self-describing) and
/// `metadata`, and names its ``ResourceType`` statically.
package protocol KubeResource: Codable, Sendable {
    /// The kind's place in the API.
    static var resourceType: ResourceType { get }
    /// Object metadata.
    var metadata: ObjectMeta { get set }
}

extension KubeResource {
    /// `namespace/name` or `name`.
    package var key: String { metadata.key }
}
