import KubeClient
import KubeModel
import Logging
import Observability
import Synchronization

/// A change an informer observed, delivered to its handlers after the store was updated.
package enum InformerEvent<Object: KubeResource>: Sendable {
    /// A new object.
    case added(Object)
    /// A changed object: old and new.
    case updated(old: Object, new: Object)
    /// A removed object (its last known state).
    case deleted(Object)
    /// Periodic resync: the object did not change, but reconcilers get another look.
    case resync(Object)
}

/// Timing of an informer.
package struct InformerOptions: Sendable {
    /// Server-side watch timeout; the watch is reopened from the last version after it.
    package var watchTimeoutSeconds: Int
    /// Page size of the initial and recovery lists.
    package var listPageSize: Int?
    /// First delay after an error; doubled per consecutive error up to ``maximumBackoff``.
    package var initialBackoff: Duration
    /// Longest delay between retries.
    package var maximumBackoff: Duration
    /// How often every stored object is redelivered as `.resync`; nil disables.
    package var resyncPeriod: Duration?

    /// Defaults close to client-go's reflector: 5 min watches, 500-object pages, 0.8 s..30 s backoff.
    package init(
        watchTimeoutSeconds: Int = 300, listPageSize: Int? = 500, initialBackoff: Duration = .milliseconds(800),
        maximumBackoff: Duration = .seconds(30), resyncPeriod: Duration? = nil
    ) {
        self.watchTimeoutSeconds = watchTimeoutSeconds
        self.listPageSize = listPageSize
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.resyncPeriod = resyncPeriod
    }
}

/// Keeps an ``ObjectStore`` equal to the server's state of one kind: lists, then watches from the
/// list's resourceVersion (with bookmarks), reopens watches that end, relists on 410 Gone, and backs
/// off exponentially (on the injected clock) when the server cannot be reached.
///
/// A failed list or watch is logged at ERROR (`failed to list` / `failed to watch`, with `resource`
/// and `error`) before each retry; the normal end of a watch and a 410 relist are routine and logged
/// at DEBUG only.
///
/// Handlers run on the informer's task, in event order, after the store was updated; they must be quick
/// (typically: enqueue a key).
package final class Informer<Object: KubeResource>: Sendable {
    /// Receives every change.
    package typealias Handler = @Sendable (InformerEvent<Object>) -> Void

    private struct State {
        var handlers: [Handler] = []
        var synced = false
        var syncWaiters: [CheckedContinuation<Void, Never>] = []
        var lists = 0
        var failures = 0
        var lastError: String?
    }

    /// The informer's store.
    package let store: ObjectStore<Object>
    private let api: any KubeAPI
    private let namespace: String?
    private let labelSelector: String?
    private let fieldSelector: String?
    private let options: InformerOptions
    private let clock: any Clock<Duration>
    private let logger: Logger
    private let state = Mutex(State())

    /// Creates an informer for `Object` in `namespace` (nil: all namespaces / cluster-scoped).
    /// `logger` receives failures (the default discards them).
    package init(
        api: any KubeAPI, namespace: String? = nil, labelSelector: String? = nil, fieldSelector: String? = nil,
        store: ObjectStore<Object> = ObjectStore(), options: InformerOptions = InformerOptions(), clock: any Clock<Duration> = ContinuousClock(),
        logger: Logger = Logger(label: "controller", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.logger = logger.with("resource", .string(Self.resourceName))
        self.api = api
        self.namespace = namespace
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.store = store
        self.options = options
        self.clock = clock
    }

    /// Adds a handler; it sees events from now on (use the store for the current state).
    package func addHandler(_ handler: @escaping Handler) { state.withLock { $0.handlers.append(handler) } }

    /// True once the first list has been applied.
    package var hasSynced: Bool { state.withLock { $0.synced } }

    /// How many full lists were made (the first one plus every relist).
    package var listCount: Int { state.withLock { $0.lists } }

    /// How many list or watch attempts failed (each one was retried after a backoff).
    package var failureCount: Int { state.withLock { $0.failures } }

    /// The most recent list or watch failure, for health reporting; nil until one happens.
    package var lastError: String? { state.withLock { $0.lastError } }

    /// Returns once the first list has been applied.
    package func waitForSync() async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Bool in
                if state.synced { return true }
                state.syncWaiters.append(continuation)
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Runs until the task is cancelled.
    package func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.listAndWatch() }
            if let period = options.resyncPeriod {
                group.addTask { await self.resyncLoop(every: period) }
            }
            await group.waitForAll()
        }
    }

    /// `plural.group` (or `plural` for the core group), as kubectl names the resource.
    private static var resourceName: String {
        let type = Object.resourceType
        return type.group.isEmpty ? type.plural : "\(type.plural).\(type.group)"
    }

    private func listAndWatch() async {
        var backoff = options.initialBackoff
        var version: String?
        while !Task.isCancelled {
            var listing = false
            do {
                if version == nil {
                    listing = true
                    version = try await relist()
                    listing = false
                }
                backoff = options.initialBackoff
                version = try await watch(from: version)
                logger.debug("watch closed, reopening", metadata: ["resourceVersion": .string(version ?? "")])
            } catch is CancellationError {
                return
            } catch KubeError.gone {
                logger.debug("resource version expired, relisting")
                version = nil
            } catch {
                if Task.isCancelled { return }
                state.withLock { state in
                    state.failures += 1
                    state.lastError = String(describing: error)
                }
                logger.with("error", .string(String(describing: error)))
                    .error(listing ? "failed to list" : "failed to watch")
                do { try await clock.sleep(for: backoff) } catch { return }
                backoff = min(backoff * 2, options.maximumBackoff)
            }
        }
    }

    private func relist() async throws -> String? {
        let list = try await api.listAll(
            Object.self, namespace: namespace,
            options: ListOptions(labelSelector: labelSelector, fieldSelector: fieldSelector, limit: options.listPageSize))
        let delta = store.replace(with: list.items, resourceVersion: list.metadata.resourceVersion)
        let (handlers, waiters) = state.withLock { state in
            state.lists += 1
            state.synced = true
            defer { state.syncWaiters = [] }
            return (state.handlers, state.syncWaiters)
        }
        for handler in handlers {
            for object in delta.deleted { handler(.deleted(object)) }
            for object in delta.added { handler(.added(object)) }
            for (old, new) in delta.updated { handler(.updated(old: old, new: new)) }
        }
        for waiter in waiters { waiter.resume() }
        return list.metadata.resourceVersion
    }

    /// Watches from `version` until the server ends the watch; returns the last version seen.
    /// Throws `KubeError.gone` when the version is too old (the caller relists).
    private func watch(from version: String?) async throws -> String? {
        var current = version
        let watch = try await api.watch(
            Object.self, namespace: namespace,
            options: WatchOptions(resourceVersion: current, labelSelector: labelSelector, fieldSelector: fieldSelector,
                                  allowBookmarks: true, timeoutSeconds: options.watchTimeoutSeconds))
        for try await event in watch {
            let handlers = state.withLock { $0.handlers }
            switch event {
            case let .added(object), let .modified(object):
                let old = store.upsert(object)
                current = object.metadata.resourceVersion ?? current
                for handler in handlers { handler(old.map { .updated(old: $0, new: object) } ?? .added(object)) }
            case let .deleted(object):
                store.remove(object)
                current = object.metadata.resourceVersion ?? current
                for handler in handlers { handler(.deleted(object)) }
            case let .bookmark(resourceVersion):
                store.setResourceVersion(resourceVersion)
                current = resourceVersion
            case let .error(status):
                throw KubeError(code: status.code ?? 500, status: status, context: "watch \(Object.resourceType)")
            }
        }
        return current
    }

    private func resyncLoop(every period: Duration) async {
        while !Task.isCancelled {
            do { try await clock.sleep(for: period) } catch { return }
            let handlers = state.withLock { $0.handlers }
            for object in store.list() {
                for handler in handlers { handler(.resync(object)) }
            }
        }
    }
}
