import Foundation
import KubeModel

/// The typed Kubernetes API the controllers use. ``RESTClient`` implements it over HTTP against a
/// real API server; `SimulatedCluster` implements it in memory with the same semantics.
///
/// Errors are ``KubeError`` values: `.conflict` for a stale `resourceVersion`, `.notFound`, `.gone`
/// for a watch or list version that is too old, `.tooManyRequests` when an eviction is refused.
package protocol KubeAPI: Sendable {
    /// Reads one object. `namespace` is ignored for cluster-scoped kinds.
    func get<Object: KubeResource>(_ type: Object.Type, name: String, namespace: String?) async throws -> Object
    /// Lists objects (one page when `options.limit` is set; follow `metadata.continue`).
    func list<Object: KubeResource>(_ type: Object.Type, namespace: String?, options: ListOptions) async throws -> KubeList<Object>
    /// Opens a watch. Events arrive in order; the sequence ends when the server closes the watch.
    func watch<Object: KubeResource>(_ type: Object.Type, namespace: String?, options: WatchOptions) async throws -> KubeWatch<Object>
    /// Creates `object` (honouring `metadata.generateName`) and returns the stored object.
    func create<Object: KubeResource>(_ object: Object) async throws -> Object
    /// Replaces `object`, or only its status when `subresource` is `.status`. A stale
    /// `metadata.resourceVersion` fails with `.conflict`.
    func update<Object: KubeResource>(_ object: Object, subresource: KubeSubresource?) async throws -> Object
    /// Patches an object or its status.
    func patch<Object: KubeResource>(
        _ type: Object.Type, name: String, namespace: String?, patch: KubePatch, subresource: KubeSubresource?
    ) async throws -> Object
    /// Requests deletion. Objects with finalizers stay (with `deletionTimestamp`) until they are removed.
    func delete<Object: KubeResource>(_ type: Object.Type, name: String, namespace: String?, options: DeleteOptions) async throws
    /// Evicts a pod through the eviction subresource; `.tooManyRequests` when a disruption budget
    /// forbids it right now.
    func evict(podName: String, namespace: String, options: DeleteOptions) async throws
}

extension KubeAPI {
    /// Reads one object by name.
    package func get<Object: KubeResource>(_ type: Object.Type, name: String, namespace: String? = nil) async throws -> Object {
        try await get(type, name: name, namespace: namespace)
    }

    /// Lists objects with default options.
    package func list<Object: KubeResource>(_ type: Object.Type, namespace: String? = nil, options: ListOptions = ListOptions()) async throws -> KubeList<Object> {
        try await list(type, namespace: namespace, options: options)
    }

    /// Lists every page and returns all items with the resourceVersion of the first page.
    package func listAll<Object: KubeResource>(_ type: Object.Type, namespace: String? = nil, options: ListOptions = ListOptions()) async throws -> KubeList<Object> {
        var page = try await list(type, namespace: namespace, options: options)
        var items = page.items
        let version = page.metadata.resourceVersion
        while let token = page.metadata.continue, !token.isEmpty {
            var next = options
            next.continue = token
            next.resourceVersion = nil
            page = try await list(type, namespace: namespace, options: next)
            items += page.items
        }
        return KubeList(items: items, metadata: ListMeta(resourceVersion: version))
    }

    /// Replaces the whole object.
    package func update<Object: KubeResource>(_ object: Object) async throws -> Object {
        try await update(object, subresource: nil)
    }

    /// Replaces only the status.
    package func updateStatus<Object: KubeResource>(_ object: Object) async throws -> Object {
        try await update(object, subresource: .status)
    }

    /// Patches the object itself.
    package func patch<Object: KubeResource>(_ type: Object.Type, name: String, namespace: String? = nil, patch: KubePatch) async throws -> Object {
        try await self.patch(type, name: name, namespace: namespace, patch: patch, subresource: nil)
    }

    /// Deletes with default options.
    package func delete<Object: KubeResource>(_ type: Object.Type, name: String, namespace: String? = nil) async throws {
        try await delete(type, name: name, namespace: namespace, options: DeleteOptions())
    }
}

/// A subresource with its own write path.
package enum KubeSubresource: String, Sendable, Hashable {
    /// `/status`: writes change only `.status`; the main resource ignores `.status`.
    case status
}

/// Query options of a list.
package struct ListOptions: Sendable, Hashable {
    /// Label selector, e.g. `karpenter.sh/nodepool=default,!karpenter.sh/do-not-disrupt`.
    package var labelSelector: String?
    /// Field selector, e.g. `spec.nodeName=node-1`.
    package var fieldSelector: String?
    /// Page size; `nil` for everything at once.
    package var limit: Int?
    /// Continue token from the previous page.
    package var `continue`: String?
    /// `"0"` to allow a cached (possibly stale) answer; nil for a consistent read.
    package var resourceVersion: String?

    /// Creates options; everything defaults to absent.
    package init(labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil, continue: String? = nil, resourceVersion: String? = nil) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continue = `continue`
        self.resourceVersion = resourceVersion
    }
}

/// Query options of a watch.
package struct WatchOptions: Sendable, Hashable {
    /// Version to start after, normally the list's `metadata.resourceVersion`.
    package var resourceVersion: String?
    /// Label selector.
    package var labelSelector: String?
    /// Field selector.
    package var fieldSelector: String?
    /// Ask for BOOKMARK events, so a restart can resume from a recent version.
    package var allowBookmarks: Bool
    /// Server-side timeout; the server ends the watch cleanly after it.
    package var timeoutSeconds: Int?

    /// Creates options; bookmarks are on by default.
    package init(resourceVersion: String? = nil, labelSelector: String? = nil, fieldSelector: String? = nil, allowBookmarks: Bool = true, timeoutSeconds: Int? = nil) {
        self.resourceVersion = resourceVersion
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.allowBookmarks = allowBookmarks
        self.timeoutSeconds = timeoutSeconds
    }
}

/// A patch body and its media type.
package enum KubePatch: Sendable, Hashable {
    /// RFC 7386 JSON merge patch (`application/merge-patch+json`): objects merge, `null` deletes.
    case merge(Data)
    /// RFC 6902 JSON patch (`application/json-patch+json`): an array of operations.
    case json(Data)

    /// The `Content-Type` the server expects.
    package var contentType: String {
        switch self {
        case .merge: "application/merge-patch+json"
        case .json: "application/json-patch+json"
        }
    }

    /// The body bytes.
    package var body: Data {
        switch self {
        case let .merge(data), let .json(data): data
        }
    }

    /// A merge patch from an encodable value (nil fields are omitted, so nothing is deleted by accident).
    package static func merge(encoding value: some Encodable) throws -> KubePatch {
        .merge(try JSONEncoder().encode(value))
    }
}
