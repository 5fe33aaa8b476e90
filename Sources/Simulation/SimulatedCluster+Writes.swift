import Foundation
import KubeClient
import KubeModel

extension SimulatedCluster {
    /// Resources that have no status subresource: writes to them store `status` as given.
    static let resourcesWithoutStatus: Set<String> = ["leases", "events", "configmaps", "secrets", "serviceaccounts"]
    private static let namespaceKind = Kind(Namespace.resourceType)
    /// API groups served by the API server itself (not custom resources).
    static let builtInGroups: Set<String> = ["", "apps", "policy", "coordination.k8s.io", "batch", "storage.k8s.io", "scheduling.k8s.io", "node.k8s.io"]
    private static let nameAlphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    /// Stores a new object (name from `generateName` if needed) and emits ADDED.
    package func create<Object: KubeResource>(_ object: Object) async throws -> Object {
        try insert(object)
    }

    /// Replaces the object or its status; a stale resourceVersion is a conflict.
    package func update<Object: KubeResource>(_ object: Object, subresource: KubeSubresource?) async throws -> Object {
        let kind = Kind(Object.resourceType)
        let value = try JSONValue(encoding: object)
        let stored = try state.withLock { state throws(KubeError) in
            try write(value, kind: kind, namespace: object.metadata.namespace, name: object.metadata.name ?? "",
                      subresource: subresource, expectedVersion: object.metadata.resourceVersion, in: &state)
        }
        return try decodeStored(Object.self, stored)
    }

    /// Applies a merge or JSON patch to the stored JSON, then writes it like an update.
    package func patch<Object: KubeResource>(
        _ type: Object.Type, name: String, namespace: String?, patch: KubePatch, subresource: KubeSubresource?
    ) async throws -> Object {
        let kind = Kind(Object.resourceType)
        guard let body = try? JSONDecoder().decode(JSONValue.self, from: patch.body) else {
            throw KubeError.badRequest("patch \(Object.resourceType) \(name): the body is not JSON")
        }
        let stored = try state.withLock { state throws(KubeError) in
            let key = Self.key(kind, namespace: namespace, name: name)
            guard let old = state.objects[kind]?[key] else { throw KubeError.notFound("\(Object.resourceType) \"\(name)\" not found") }
            var patched: JSONValue
            switch patch {
            case .merge: patched = JSONPatch.merge(old, with: body)
            case .json:
                do {
                    patched = try JSONPatch.apply(body, to: old)
                } catch {
                    throw KubeError.invalid("patch \(Object.resourceType) \(name): \(error)", causes: [])
                }
            }
            let requested = patched.value(atPath: "metadata.resourceVersion")?.selectorText
            let current = old.value(atPath: "metadata.resourceVersion")?.selectorText
            if let requested, !requested.isEmpty, requested != current {
                throw KubeError.conflict(Self.conflictMessage(Object.resourceType, name))
            }
            patched["metadata"]?["resourceVersion"] = old.value(atPath: "metadata.resourceVersion")
            return try write(patched, kind: kind, namespace: namespace, name: name, subresource: subresource, expectedVersion: nil, in: &state)
        }
        return try decodeStored(Object.self, stored)
    }

    /// Deletes, or marks for deletion while finalizers or a grace period hold the object.
    package func delete<Object: KubeResource>(_ type: Object.Type, name: String, namespace: String?, options: DeleteOptions) async throws {
        let kind = Kind(Object.resourceType)
        try state.withLock { state throws(KubeError) in
            try remove(kind: kind, type: Object.resourceType, namespace: namespace, name: name, options: options, in: &state)
        }
    }

    /// Creates synchronously (also used to seed the built-in namespaces).
    @discardableResult
    func insert<Object: KubeResource>(_ object: Object) throws -> Object {
        let kind = Kind(Object.resourceType)
        var value = try JSONValue(encoding: object)
        let stored = try state.withLock { state throws(KubeError) -> JSONValue in
            var name = object.metadata.name ?? ""
            if name.isEmpty {
                guard let prefix = object.metadata.generateName, !prefix.isEmpty else {
                    throw KubeError.invalid("\(Object.resourceType): metadata.name or metadata.generateName is required", causes: [])
                }
                repeat {
                    name = prefix + String((0..<5).map { _ in
                        guard let draw = state.names?.next() else { return Self.nameAlphabet.randomElement() ?? "x" }
                        return Self.nameAlphabet[Int(draw % UInt64(Self.nameAlphabet.count))]
                    })
                } while state.objects[kind]?[Self.key(kind, namespace: object.metadata.namespace, name: name)] != nil
            }
            var namespace: String?
            if kind.namespaced {
                guard let given = object.metadata.namespace, !given.isEmpty else {
                    throw KubeError.badRequest("\(Object.resourceType) \"\(name)\": a namespace is required")
                }
                guard state.objects[Self.namespaceKind]?[given] != nil else {
                    throw KubeError.notFound("namespaces \"\(given)\" not found")
                }
                namespace = given
            }
            let key = Self.key(kind, namespace: namespace, name: name)
            if state.objects[kind]?[key] != nil {
                throw KubeError.alreadyExists("\(Object.resourceType) \"\(name)\" already exists")
            }
            state.version += 1
            var meta = value["metadata"] ?? .object([:])
            meta["name"] = .string(name)
            meta["namespace"] = namespace.map(JSONValue.string)
            meta["uid"] = .string(Self.uid(from: &state.uids))
            meta["resourceVersion"] = .string(String(state.version))
            meta["creationTimestamp"] = .string(KubeTime(now()).description)
            meta["generation"] = .number(1)
            meta["deletionTimestamp"] = nil
            meta["deletionGracePeriodSeconds"] = nil
            value["metadata"] = meta
            Self.prepareStatusForCreate(&value, kind: kind)
            Self.admitNewNode(&value, kind: kind)
            state.objects[kind, default: [:]][key] = value
            publish(Change(kind: kind, type: "ADDED", old: nil, object: value, version: state.version), in: &state)
            return value
        }
        return try decodeStored(Object.self, stored)
    }

    /// A version-4-shaped UUID from `generator`, or a random one without it.
    static func uid(from generator: inout SplitMix64?) -> String {
        guard let high = generator?.next(), let low = generator?.next() else { return UUID().uuidString.lowercased() }
        let hex = String(high, radix: 16).leftPadded(16) + String(low, radix: 16).leftPadded(16)
        let digits = Array(hex)
        let groups: [String] = [
            String(digits[0..<8]), String(digits[8..<12]), "4" + String(digits[13..<16]),
            "8" + String(digits[17..<20]), String(digits[20..<32]),
        ]
        return groups.joined(separator: "-")
    }

    /// Status as the API server sets it on create: pods start `Pending`, namespaces `Active`, nodes keep
    /// what the kubelet registered, and other kinds with a status subresource start without status.
    private static func prepareStatusForCreate(_ value: inout JSONValue, kind: Kind) {
        guard !resourcesWithoutStatus.contains(kind.plural) else { return }
        switch (kind.group, kind.plural) {
        case ("", "nodes"): return
        case ("", "pods"): value["status"] = .object(["phase": .string("Pending")])
        case ("", "namespaces"): value["status"] = .object(["phase": .string("Active")])
        default: value["status"] = nil
        }
    }

    /// TaintNodesByCondition admission: every new node starts with `node.kubernetes.io/not-ready:NoSchedule`
    /// (the node lifecycle controller removes it once the node is Ready).
    private static func admitNewNode(_ value: inout JSONValue, kind: Kind) {
        guard kind.group.isEmpty, kind.plural == "nodes" else { return }
        var spec = value["spec"] ?? .object([:])
        var taints: [JSONValue] = if case let .array(list)? = spec["taints"] { list } else { [] }
        if !taints.contains(where: { $0["key"]?.selectorText == "node.kubernetes.io/not-ready" }) {
            taints.append(.object(["key": .string("node.kubernetes.io/not-ready"), "effect": .string("NoSchedule")]))
        }
        spec["taints"] = .array(taints)
        value["spec"] = spec
    }

    /// Stores an update of the object or its status. Call with the lock held.
    func write(
        _ proposed: JSONValue, kind: Kind, namespace: String?, name: String, subresource: KubeSubresource?,
        expectedVersion: String?, in state: inout State
    ) throws(KubeError) -> JSONValue {
        let key = Self.key(kind, namespace: namespace, name: name)
        let type = "\(kind.plural)\(kind.group.isEmpty ? "" : ".\(kind.group)")"
        guard let old = state.objects[kind]?[key] else { throw KubeError.notFound("\(type) \"\(name)\" not found") }
        let currentVersion = old.value(atPath: "metadata.resourceVersion")?.selectorText
        if let expectedVersion, !expectedVersion.isEmpty, expectedVersion != currentVersion {
            throw KubeError.conflict("Operation cannot be fulfilled on \(type) \"\(name)\": the object has been modified; please apply your changes to the latest version and try again")
        }
        var next: JSONValue
        if subresource == .status {
            // Built-in kinds take metadata changes through /status too; custom resources only status.
            next = Self.builtInGroups.contains(kind.group) ? proposed : old
            for field in ["spec", "apiVersion", "kind"] { next[field] = old[field] }
            next["status"] = proposed["status"]
            var meta = next["metadata"] ?? .object([:])
            for field in ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "namespace", "name", "generation"] {
                meta[field] = old["metadata"]?[field]
            }
            next["metadata"] = meta
        } else {
            next = proposed
            if !Self.resourcesWithoutStatus.contains(kind.plural) { next["status"] = old["status"] }
            var meta = next["metadata"] ?? .object([:])
            for field in ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "namespace", "name", "generation"] {
                meta[field] = old["metadata"]?[field]
            }
            next["metadata"] = meta
            if Self.specChanged(old, next) {
                let generation = old.value(atPath: "metadata.generation").flatMap { if case let .number(n) = $0 { n } else { nil } } ?? 1
                next["metadata"]?["generation"] = .number(generation + 1)
            }
        }
        next["metadata"]?["resourceVersion"] = old["metadata"]?["resourceVersion"]
        if next == old { return old }
        state.version += 1
        next["metadata"]?["resourceVersion"] = .string(String(state.version))
        let deleting = next.value(atPath: "metadata.deletionTimestamp") != nil
        let finalizers: [JSONValue] = if case let .array(list)? = next.value(atPath: "metadata.finalizers") { list } else { [] }
        if deleting, finalizers.isEmpty {
            state.objects[kind]?[key] = nil
            publish(Change(kind: kind, type: "DELETED", old: old, object: next, version: state.version), in: &state)
        } else {
            state.objects[kind]?[key] = next
            publish(Change(kind: kind, type: "MODIFIED", old: old, object: next, version: state.version), in: &state)
        }
        return next
    }

    private static func specChanged(_ old: JSONValue, _ new: JSONValue) -> Bool {
        var lhs = old
        var rhs = new
        for field in ["metadata", "status", "apiVersion", "kind"] {
            lhs[field] = nil
            rhs[field] = nil
        }
        return lhs != rhs
    }

    /// Deletes, or marks for deletion while finalizers (or a bound pod's grace period) hold it.
    /// Call with the lock held.
    func remove(kind: Kind, type: ResourceType, namespace: String?, name: String, options: DeleteOptions, in state: inout State) throws(KubeError) {
        let key = Self.key(kind, namespace: namespace, name: name)
        guard let old = state.objects[kind]?[key] else { throw KubeError.notFound("\(type) \"\(name)\" not found") }
        if let uid = options.preconditions?.uid, uid != old.value(atPath: "metadata.uid")?.selectorText {
            throw KubeError.conflict("Precondition failed: UID in precondition: \(uid), UID in object meta: \(old.value(atPath: "metadata.uid")?.selectorText ?? "")")
        }
        if let version = options.preconditions?.resourceVersion, version != old.value(atPath: "metadata.resourceVersion")?.selectorText {
            throw KubeError.conflict(Self.conflictMessage(type, name))
        }
        let finalizers: [JSONValue] = if case let .array(list)? = old.value(atPath: "metadata.finalizers") { list } else { [] }
        let grace = Self.gracePeriod(of: old, kind: kind, options: options)
        // Pods are always deleted gracefully: first marked with a deletionTimestamp (a MODIFIED event),
        // then removed once the grace period is zero and no finalizer remains.
        let graceful = kind.group.isEmpty && kind.plural == "pods"
        var current = old
        if !finalizers.isEmpty || grace > 0 || graceful {
            if current.value(atPath: "metadata.deletionTimestamp") == nil || (graceful && grace == 0) {
                var next = current
                state.version += 1
                if current.value(atPath: "metadata.deletionTimestamp") == nil {
                    next["metadata"]?["deletionTimestamp"] = .string(KubeTime(now().addingTimeInterval(TimeInterval(grace))).description)
                }
                next["metadata"]?["deletionGracePeriodSeconds"] = .number(Double(grace))
                next["metadata"]?["resourceVersion"] = .string(String(state.version))
                state.objects[kind]?[key] = next
                publish(Change(kind: kind, type: "MODIFIED", old: current, object: next, version: state.version), in: &state)
                current = next
            }
            guard graceful, grace == 0, finalizers.isEmpty else { return }
        }
        state.version += 1
        var gone = current
        gone["metadata"]?["resourceVersion"] = .string(String(state.version))
        state.objects[kind]?[key] = nil
        publish(Change(kind: kind, type: "DELETED", old: current, object: gone, version: state.version), in: &state)
        if kind == Self.namespaceKind { removeContents(ofNamespace: name, in: &state) }
    }

    /// Seconds a deletion waits for a kubelet: only pods bound to a node and still running wait.
    private static func gracePeriod(of object: JSONValue, kind: Kind, options: DeleteOptions) -> Int64 {
        guard kind.group.isEmpty, kind.plural == "pods", object.value(atPath: "spec.nodeName") != nil else { return 0 }
        let phase = object.value(atPath: "status.phase")?.selectorText
        if phase == "Succeeded" || phase == "Failed" { return 0 }
        if let requested = options.gracePeriodSeconds { return max(requested, 0) }
        if case let .number(seconds)? = object.value(atPath: "spec.terminationGracePeriodSeconds") { return Int64(seconds) }
        return 30
    }

    private func removeContents(ofNamespace namespace: String, in state: inout State) {
        for kind in state.objects.keys where kind.namespaced {
            for (key, value) in state.objects[kind] ?? [:] where key.hasPrefix(namespace + "/") {
                state.version += 1
                var gone = value
                gone["metadata"]?["resourceVersion"] = .string(String(state.version))
                state.objects[kind]?[key] = nil
                publish(Change(kind: kind, type: "DELETED", old: value, object: gone, version: state.version), in: &state)
            }
        }
    }

    static func conflictMessage(_ type: ResourceType, _ name: String) -> String {
        "Operation cannot be fulfilled on \(type) \"\(name)\": the object has been modified; please apply your changes to the latest version and try again"
    }
}

private extension String {
    /// The string with leading zeros up to `width` characters.
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
