import DequeModule
import Foundation
import KubeClient
import KubeModel
import Synchronization

/// An in-memory ``KubeAPI`` with the API server's semantics on everything the controllers use: a global
/// resourceVersion, 409 on stale writes and duplicate names, 410 for watches from versions older than
/// the retained history, finalizers holding deletions with a `deletionTimestamp`, status subresource
/// isolation, label and field selectors, list pagination, evictions honouring PodDisruptionBudgets, and
/// watch fan-out. Objects are stored in JSON form keyed by group and resource (not version), so a kind
/// written as `policy/v1beta1` reads back as `policy/v1`, as on a real server.
///
/// The conformance suite runs against this and the real kube-apiserver; where they differ the real one
/// is right and this is fixed.
package final class SimulatedCluster: KubeAPI {
    /// Identifies a resource independent of version.
    struct Kind: Hashable {
        var group: String
        var plural: String
        var namespaced: Bool

        init(_ type: ResourceType) {
            group = type.group
            plural = type.plural
            namespaced = type.namespaced
        }
    }

    /// One recorded change, kept for watches that resume from an older version.
    struct Change {
        var kind: Kind
        var type: String
        var old: JSONValue?
        var object: JSONValue
        var version: Int
    }

    struct Watcher {
        var kind: Kind
        var namespace: String?
        var labels: SelectorQuery?
        var fields: SelectorQuery?
        var channel: SimulatedWatchChannel
    }

    struct State {
        var objects: [Kind: [String: JSONValue]] = [:]
        var version: Int
        var history: Deque<Change> = []
        /// Oldest version a watch may resume from.
        var oldestWatchable: Int
        var watchers: [UInt64: Watcher] = [:]
        var nextWatcherID: UInt64 = 1
        /// Seeded source of `generateName` suffixes; `nil` draws them at random.
        var names: SplitMix64?
        /// Seeded source of `metadata.uid`s (separate from names, so adding it changed no name); `nil`
        /// draws random UUIDs. Solvers order equal pods by UID, so a reproducible run needs both.
        var uids: SplitMix64?
        /// Latest decoded form of stored objects of watched kinds (see ``decodeStored(_:_:)``).
        var memo: [Kind: [String: Memo]] = [:]
    }

    let state: Mutex<State>
    let now: @Sendable () -> Date
    private let historyLimit: Int

    /// Creates a cluster holding the `default` and `kube-system` namespaces. Versions start at
    /// `firstResourceVersion`, so older versions are already "compacted" (410), like an API server's
    /// watch cache that starts after etcd's history; `historyLimit` bounds the events kept for resuming.
    /// With `nameSeed`, `generateName` suffixes and UIDs come from seeded generators (reproducible runs).
    package init(now: @escaping @Sendable () -> Date = { Date() }, firstResourceVersion: Int = 100, historyLimit: Int = 10_000,
                 nameSeed: UInt64? = nil) {
        self.now = now
        self.historyLimit = max(historyLimit, 1)
        state = Mutex(State(version: firstResourceVersion, oldestWatchable: firstResourceVersion, names: nameSeed.map(SplitMix64.init(seed:)),
                            uids: nameSeed.map { SplitMix64(seed: $0 ^ 0x5549_4453_5549_4453) }))
        for name in ["default", "kube-system", "kube-node-lease"] {
            _ = try? insert(Namespace(metadata: ObjectMeta(name: name)))
        }
    }

    // MARK: reads

    /// The stored object, or `.notFound`.
    package func get<Object: KubeResource>(_ type: Object.Type, name: String, namespace: String?) async throws -> Object {
        let kind = Kind(Object.resourceType)
        let key = Self.key(kind, namespace: namespace, name: name)
        guard let value = state.withLock({ $0.objects[kind]?[key] }) else {
            throw KubeError.notFound("\(Object.resourceType) \"\(name)\" not found")
        }
        return try decodeStored(Object.self, value)
    }

    /// Matching objects sorted by key, paged by `limit`/`continue`.
    package func list<Object: KubeResource>(_ type: Object.Type, namespace: String?, options: ListOptions) async throws -> KubeList<Object> {
        let kind = Kind(Object.resourceType)
        let labels = try options.labelSelector.map { selector throws(KubeError) in try Self.parse(selector) }
        let fields = try options.fieldSelector.map { selector throws(KubeError) in try Self.parse(selector) }
        let (matching, version) = state.withLock { state in
            let all = (state.objects[kind] ?? [:]).sorted { $0.key < $1.key }
            let start = options.continue.flatMap { token in token.split(separator: ":", maxSplits: 1).last.map(String.init) }
            let selected = all.filter { key, value in
                (start.map { key > $0 } ?? true)
                    && Self.matches(value, kind: kind, namespace: namespace, labels: labels, fields: fields)
            }
            return (selected, state.version)
        }
        var items = matching
        var meta = ListMeta(resourceVersion: String(version))
        if let limit = options.limit, limit > 0, items.count > limit {
            items = Array(items.prefix(limit))
            meta.continue = "\(version):\(items.last?.key ?? "")"
            meta.remainingItemCount = Int64(matching.count - limit)
        }
        // Like the API server, list items carry no apiVersion/kind (the list does).
        let decoded = try items.map { _, value in
            var item = value
            item["apiVersion"] = nil
            item["kind"] = nil
            return try Self.decode(Object.self, item)
        }
        return KubeList(items: decoded, metadata: meta)
    }

    /// Replays history after the version (or the current objects without one), then streams live changes.
    package func watch<Object: KubeResource>(_ type: Object.Type, namespace: String?, options: WatchOptions) async throws -> KubeWatch<Object> {
        let kind = Kind(Object.resourceType)
        let labels = try options.labelSelector.map { selector throws(KubeError) in try Self.parse(selector) }
        let fields = try options.fieldSelector.map { selector throws(KubeError) in try Self.parse(selector) }
        let channel = SimulatedWatchChannel()
        let watcher = Watcher(kind: kind, namespace: namespace, labels: labels, fields: fields, channel: channel)
        let requested = options.resourceVersion.flatMap(Int.init)
        let id: UInt64? = state.withLock { state in
            if let requested, requested != 0, requested < state.oldestWatchable {
                let status = KubeError.gone("too old resource version: \(requested) (\(state.oldestWatchable))").status
                channel.send((type: "ERROR", object: (try? JSONValue(encoding: status)) ?? .null))
                channel.close()
                return nil
            }
            if let requested, requested != 0 {
                for change in state.history where change.version > requested && change.kind == kind {
                    if let entry = Self.translate(change, for: watcher) { channel.send(entry) }
                }
            } else {
                for (_, value) in (state.objects[kind] ?? [:]).sorted(by: { $0.key < $1.key })
                where Self.matches(value, kind: kind, namespace: namespace, labels: labels, fields: fields) {
                    channel.send((type: "ADDED", object: value))
                }
            }
            let id = state.nextWatcherID
            state.nextWatcherID += 1
            state.watchers[id] = watcher
            return id
        }
        let lease = WatchLease(cluster: self, id: id)
        return KubeWatch {
            _ = lease
            guard let entry = await channel.next() else { return nil }
            switch entry.type {
            case "ADDED": return .added(try Self.decode(Object.self, entry.object))
            case "MODIFIED": return .modified(try Self.decode(Object.self, entry.object))
            case "DELETED": return .deleted(try Self.decode(Object.self, entry.object))
            default: return .error(try entry.object.decode(Status.self))
            }
        }
    }

    // MARK: test controls

    /// Ends every open watch cleanly, as an API server does at a watch timeout or restart.
    package func closeAllWatches() {
        let channels = state.withLock { state -> [SimulatedWatchChannel] in
            defer { state.watchers = [:] }
            return state.watchers.values.map(\.channel)
        }
        for channel in channels { channel.close() }
    }

    /// Forgets the event history, so watches from any earlier version get 410 Gone (etcd compaction).
    package func compactHistory() {
        state.withLock { state in
            state.history = []
            state.oldestWatchable = state.version
        }
    }

    /// The current global resourceVersion.
    package var resourceVersion: String { state.withLock { String($0.version) } }

    /// Number of open watches.
    package var watchCount: Int { state.withLock { $0.watchers.count } }

    func removeWatcher(_ id: UInt64) {
        let watcher = state.withLock { $0.watchers.removeValue(forKey: id) }
        watcher?.channel.close()
    }

    // MARK: shared plumbing

    /// Records a change and hands it to matching watchers. Call with the lock held.
    func publish(_ change: Change, in state: inout State) {
        Self.forgetMemo(of: change, in: &state)
        state.history.append(change)
        if state.history.count > historyLimit {
            let dropped = state.history.count - historyLimit
            state.oldestWatchable = state.history[dropped - 1].version
            state.history.removeFirst(dropped)
        }
        for watcher in state.watchers.values where watcher.kind == change.kind {
            if let entry = Self.translate(change, for: watcher) { watcher.channel.send(entry) }
        }
    }

    /// What `watcher` sees of `change`: objects moving into or out of its selection appear as
    /// ADDED or DELETED, as with the API server's filtered watches.
    static func translate(_ change: Change, for watcher: Watcher) -> SimulatedWatchChannel.Entry? {
        let now = matches(change.object, kind: watcher.kind, namespace: watcher.namespace, labels: watcher.labels, fields: watcher.fields)
        let before = change.old.map { matches($0, kind: watcher.kind, namespace: watcher.namespace, labels: watcher.labels, fields: watcher.fields) } ?? false
        switch change.type {
        case "MODIFIED":
            if now && before { return (type: "MODIFIED", object: change.object) }
            if now { return (type: "ADDED", object: change.object) }
            if before { return (type: "DELETED", object: change.object) }
            return nil
        default:
            return now ? (type: change.type, object: change.object) : nil
        }
    }

    static func key(_ kind: Kind, namespace: String?, name: String) -> String {
        kind.namespaced ? "\(namespace ?? "")/\(name)" : name
    }

    static func matches(_ value: JSONValue, kind: Kind, namespace: String?, labels: SelectorQuery?, fields: SelectorQuery?) -> Bool {
        if kind.namespaced, let namespace, !namespace.isEmpty, value.value(atPath: "metadata.namespace")?.selectorText != namespace { return false }
        if let labels {
            let labelValues: [String: JSONValue] = if case let .object(members)? = value.value(atPath: "metadata.labels") { members } else { [:] }
            if !labels.matches({ labelValues[$0]?.selectorText }) { return false }
        }
        if let fields, !fields.matches({ value.value(atPath: $0)?.selectorText ?? "" }) { return false }
        return true
    }

    static func parse(_ selector: String) throws(KubeError) -> SelectorQuery {
        do {
            return try SelectorQuery(parsing: selector)
        } catch {
            throw KubeError.badRequest("unable to parse selector \"\(selector)\": \(error)")
        }
    }

    static func decode<Object: Decodable>(_ type: Object.Type, _ value: JSONValue) throws -> Object {
        do {
            return try value.decode(Object.self)
        } catch {
            throw KubeError.decoding("cannot decode \(Object.self): \(error)")
        }
    }
}

/// Removes a watcher from the cluster when the consumer drops its ``KubeWatch``.
final class WatchLease: Sendable {
    let cluster: SimulatedCluster
    private let id: UInt64?

    init(cluster: SimulatedCluster, id: UInt64?) {
        self.cluster = cluster
        self.id = id
    }

    deinit { if let id { cluster.removeWatcher(id) } }
}
