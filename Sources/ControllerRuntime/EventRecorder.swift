import Foundation
import KubeClient
import KubeModel

/// Publishes core/v1 Events about objects, aggregating repeats as client-go does: the same object,
/// type, reason and message within the cache's lifetime bump `count` and `lastTimestamp` of the existing
/// Event instead of creating a new one. As upstream Karpenter's recorder does, a repeat within
/// ``dedupeWindow`` of the last write is dropped without any API call: the provisioner re-nominates
/// every pending pod each round, and must not cost the API server a write per pod every 10 s.
///
/// Records with the same aggregation key run one at a time (the actor alone would interleave them at
/// every API call, so two could both create an Event or one increment could overwrite another);
/// records with different keys still proceed concurrently.
package actor EventRecorder {
    private struct AggregationKey: Hashable {
        var uid: String
        var kind: String
        var namespace: String
        var name: String
        var type: String
        var reason: String
        var message: String
    }

    private let api: any KubeAPI
    private let component: String
    private let now: @Sendable () -> Date
    private let maximumCached: Int
    /// Repeats within this many seconds of the event's last write are dropped (0: every repeat is counted).
    package let dedupeWindow: TimeInterval
    private var cache: [AggregationKey: Event] = [:]
    private var order: [AggregationKey] = []
    /// Keys with a record in progress → records waiting for it, first come first served.
    private var inFlight: [AggregationKey: [CheckedContinuation<Void, Never>]] = [:]
    /// The nanosecond stamp of the last event name used; names never repeat within one recorder.
    private var lastNanos: UInt64 = 0
    /// How many names are tried when one is already taken.
    private static let nameAttempts = 8

    /// Creates a recorder reporting as `component` (e.g. `karpenter`); `now` stamps events; repeats
    /// within `dedupeWindow` seconds (upstream: 2 minutes) are dropped.
    package init(api: any KubeAPI, component: String = "karpenter", maximumCached: Int = 4_096, dedupeWindow: TimeInterval = 120,
                 now: @escaping @Sendable () -> Date = { Date() }) {
        self.api = api
        self.component = component
        self.now = now
        self.maximumCached = maximumCached
        self.dedupeWindow = dedupeWindow
    }

    /// Records an event about `object`; `type` is `Normal` or `Warning`. Returns the stored Event.
    @discardableResult
    package func record<Object: KubeResource>(_ object: Object, type: String = "Normal", reason: String, message: String) async throws -> Event {
        let reference = ObjectReference(
            kind: Object.resourceType.kind, namespace: object.metadata.namespace, name: object.metadata.name,
            uid: object.metadata.uid, apiVersion: Object.resourceType.apiVersion, resourceVersion: object.metadata.resourceVersion)
        // Cluster-scoped objects' events live in `default`, as kubectl expects.
        let namespace = object.metadata.namespace ?? "default"
        let key = AggregationKey(
            uid: object.metadata.uid ?? "", kind: Object.resourceType.kind, namespace: namespace,
            name: object.metadata.name ?? "", type: type, reason: reason, message: message)
        await acquire(key)
        defer { release(key) }
        let timestamp = KubeTime(now())
        if let existing = cache[key], let last = existing.lastTimestamp?.date,
           timestamp.date.timeIntervalSince(last) < dedupeWindow {
            return existing
        }
        if var existing = cache[key] {
            existing.count = (existing.count ?? 1) + 1
            existing.lastTimestamp = timestamp
            let patch = Data(#"{"count":\#(existing.count ?? 1),"lastTimestamp":"\#(timestamp.description)"}"#.utf8)
            do {
                let patched = try await api.patch(Event.self, name: existing.metadata.name ?? "", namespace: namespace, patch: .merge(patch))
                cache[key] = patched
                return patched
            } catch KubeError.notFound {
                cache[key] = nil
            }
        }
        // Names are `<object>.<nanoseconds, hex>` as client-go makes them. Two events in the same
        // nanosecond (a frozen or virtual clock, or a restarted recorder) would collide: names
        // only move forward, and a name already taken is retried with the next one.
        var nanos = max(UInt64(max(0, now().timeIntervalSince1970 * 1e9)), lastNanos + 1)
        var created: Event?
        for attempt in 0..<Self.nameAttempts {
            lastNanos = nanos
            let event = Event(
                metadata: ObjectMeta(name: "\(object.metadata.name ?? "object").\(String(nanos, radix: 16))", namespace: namespace),
                involvedObject: reference, reason: reason, message: message, type: type, count: 1,
                firstTimestamp: timestamp, lastTimestamp: timestamp, source: EventSource(component: component),
                reportingComponent: component)
            do {
                created = try await api.create(event)
                break
            } catch KubeError.alreadyExists where attempt + 1 < Self.nameAttempts {
                nanos += 1
            }
        }
        guard let created else { throw KubeError.alreadyExists("event name for \(reference.kind ?? "") \(reference.name ?? "") taken") }
        remember(key, created)
        return created
    }

    /// Waits until no other record with `key` is in progress, then marks `key` as in progress.
    private func acquire(_ key: AggregationKey) async {
        guard inFlight[key] != nil else {
            inFlight[key] = []
            return
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            inFlight[key, default: []].append(continuation)
        }
        // ``release(_:)`` handed `key` over to this record.
    }

    /// Hands `key` to the next waiting record, or clears its in-progress mark.
    private func release(_ key: AggregationKey) {
        guard var waiters = inFlight[key], !waiters.isEmpty else {
            inFlight[key] = nil
            return
        }
        let next = waiters.removeFirst()
        inFlight[key] = waiters
        next.resume()
    }

    private func remember(_ key: AggregationKey, _ event: Event) {
        if cache[key] == nil { order.append(key) }
        cache[key] = event
        if order.count > maximumCached {
            let evicted = order.removeFirst()
            cache[evicted] = nil
        }
    }
}
