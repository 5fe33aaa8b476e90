import KubeModel

extension SimulatedCluster {
    /// The last decoded form of one stored object, tagged with the resourceVersion it came from.
    struct Memo {
        var version: String
        var value: any Sendable
    }

    /// `value`, a stored object of `Object`'s kind, decoded, reusing the last decode of the same
    /// resourceVersion. A write returns its object decoded and every watcher then decodes the very
    /// same version again; remembering the latest decode of watched kinds halves that work, and the
    /// callers share one copy of the object. Decoding is deterministic, so the result is the same
    /// either way.
    ///
    /// Invariant: a memo exists only for objects that are stored, of a kind someone watches, at
    /// their current resourceVersion (deletion drops it in ``publish(_:in:)``).
    func decodeStored<Object: KubeResource>(_ type: Object.Type, _ value: JSONValue) throws -> Object {
        let kind = Kind(Object.resourceType)
        guard let version = value.value(atPath: "metadata.resourceVersion")?.selectorText,
              let name = value.value(atPath: "metadata.name")?.selectorText else {
            return try Self.decode(Object.self, value)
        }
        let key = Self.key(kind, namespace: value.value(atPath: "metadata.namespace")?.selectorText, name: name)
        if let memo = state.withLock({ $0.memo[kind]?[key] }), memo.version == version, let object = memo.value as? Object {
            return object
        }
        let object = try Self.decode(Object.self, value)
        state.withLock { state in
            guard state.objects[kind]?[key]?.value(atPath: "metadata.resourceVersion")?.selectorText == version,
                  state.watchers.values.contains(where: { $0.kind == kind }) else { return }
            state.memo[kind, default: [:]][key] = Memo(version: version, value: object)
        }
        return object
    }

    /// Drops the memo of an object that `change` deleted. Call with the lock held.
    static func forgetMemo(of change: Change, in state: inout State) {
        guard change.type == "DELETED", let name = change.object.value(atPath: "metadata.name")?.selectorText else { return }
        state.memo[change.kind]?[key(change.kind, namespace: change.object.value(atPath: "metadata.namespace")?.selectorText, name: name)] = nil
    }
}
