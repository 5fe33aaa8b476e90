import KubeModel
import Synchronization

/// An informer's in-memory copy of one kind, keyed by `namespace/name`, with secondary indexes
/// (e.g. pods by node name, by owner UID) maintained on every write. Reads are synchronous and cheap
/// (one lock, no suspension), so reconcilers and the scheduler snapshot read it directly.
package final class ObjectStore<Object: KubeResource>: Sendable {
    /// Computes the index values of an object, e.g. `[spec.nodeName]` for pods by node.
    package typealias IndexFunction = @Sendable (Object) -> [String]

    private struct State {
        var objects: [String: Object] = [:]
        var indexes: [String: [String: Set<String>]] = [:]
        var resourceVersion: String?
    }

    private let indexFunctions: [String: IndexFunction]
    private let state = Mutex(State())

    /// Creates an empty store with the named index functions.
    package init(indexes: [String: IndexFunction] = [:]) {
        self.indexFunctions = indexes
    }

    /// The object stored under `key` (`namespace/name` or `name`).
    package func get(_ key: String) -> Object? { state.withLock { $0.objects[key] } }

    /// Every stored object, in no particular order.
    package func list() -> [Object] { state.withLock { Array($0.objects.values) } }

    /// Every stored key.
    package func keys() -> [String] { state.withLock { Array($0.objects.keys) } }

    /// Number of stored objects.
    package var count: Int { state.withLock { $0.objects.count } }

    /// Objects whose index `name` contains `value`.
    package func byIndex(_ name: String, _ value: String) -> [Object] {
        state.withLock { state in
            (state.indexes[name]?[value] ?? []).compactMap { state.objects[$0] }
        }
    }

    /// The resourceVersion of the last list or event applied.
    package var resourceVersion: String? { state.withLock { $0.resourceVersion } }

    /// Inserts or replaces `object`; returns the previous value.
    @discardableResult
    package func upsert(_ object: Object) -> Object? {
        state.withLock { state in
            let key = object.key
            let old = state.objects[key]
            if let old { unindex(old, key: key, in: &state) }
            state.objects[key] = object
            index(object, key: key, in: &state)
            if let version = object.metadata.resourceVersion { state.resourceVersion = version }
            return old
        }
    }

    /// Removes the object with `object`'s key; returns the removed value.
    @discardableResult
    package func remove(_ object: Object) -> Object? {
        state.withLock { state in
            let key = object.key
            guard let old = state.objects.removeValue(forKey: key) else { return nil }
            unindex(old, key: key, in: &state)
            if let version = object.metadata.resourceVersion { state.resourceVersion = version }
            return old
        }
    }

    /// Records progress without an object change (a watch bookmark).
    package func setResourceVersion(_ version: String) { state.withLock { $0.resourceVersion = version } }

    /// Replaces the whole content with a fresh list; returns what changed so handlers can be told.
    package func replace(with objects: [Object], resourceVersion: String?) -> StoreDelta<Object> {
        state.withLock { state in
            var delta = StoreDelta<Object>()
            var fresh: [String: Object] = [:]
            fresh.reserveCapacity(objects.count)
            for object in objects { fresh[object.key] = object }
            for (key, old) in state.objects where fresh[key] == nil { delta.deleted.append(old) }
            for (key, object) in fresh {
                if let old = state.objects[key] {
                    if old.metadata.resourceVersion != object.metadata.resourceVersion { delta.updated.append((old, object)) }
                } else {
                    delta.added.append(object)
                }
            }
            state.objects = fresh
            state.indexes = [:]
            for (key, object) in fresh { index(object, key: key, in: &state) }
            state.resourceVersion = resourceVersion
            return delta
        }
    }

    private func index(_ object: Object, key: String, in state: inout State) {
        for (name, function) in indexFunctions {
            for value in function(object) { state.indexes[name, default: [:]][value, default: []].insert(key) }
        }
    }

    private func unindex(_ object: Object, key: String, in state: inout State) {
        for (name, function) in indexFunctions {
            for value in function(object) {
                state.indexes[name]?[value]?.remove(key)
                if state.indexes[name]?[value]?.isEmpty == true { state.indexes[name]?[value] = nil }
            }
        }
    }
}

/// What a relist changed in a store.
package struct StoreDelta<Object: KubeResource>: Sendable {
    /// Objects that were not in the store.
    package var added: [Object] = []
    /// Objects whose resourceVersion changed: (old, new).
    package var updated: [(Object, Object)] = []
    /// Objects no longer listed.
    package var deleted: [Object] = []
}

/// Index names and functions the controllers share.
package enum StoreIndex {
    /// Pods by `spec.nodeName` (unbound pods are not indexed).
    package static let podsByNodeName = "spec.nodeName"
    /// Objects by owner UID.
    package static let byOwnerUID = "metadata.ownerReferences.uid"

    /// Index function for ``podsByNodeName``.
    package static let nodeName: ObjectStore<Pod>.IndexFunction = { pod in
        pod.spec.nodeName.map { [$0] } ?? []
    }

    /// Index function for ``byOwnerUID`` of any kind.
    package static func ownerUID<Object: KubeResource>(_ object: Object) -> [String] {
        object.metadata.ownerReferences?.map(\.uid) ?? []
    }
}
