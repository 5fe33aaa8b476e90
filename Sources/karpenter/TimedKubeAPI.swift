import Foundation
import KubeClient
import KubeModel
import Synchronization

/// A Kubernetes API that adds up the wall time spent inside another one, then forwards every call
/// unchanged. `karpenter simulate --stats` puts it between the controllers and the in-memory API
/// server, so the controller's own processing can be told apart from the simulated server's JSON
/// work (which stands in for network round trips).
final class TimedKubeAPI: KubeAPI {
    private let base: any KubeAPI
    private let spent = Mutex<Duration>(.zero)

    /// Wraps `base`.
    init(_ base: any KubeAPI) { self.base = base }

    /// Total wall time spent inside `base` so far.
    var total: Duration { spent.withLock { $0 } }

    private func timed<Result>(_ call: () async throws -> Result) async rethrows -> Result {
        let started = ContinuousClock.now
        defer { spent.withLock { $0 += ContinuousClock.now - started } }
        return try await call()
    }

    func get<Object: KubeResource>(_ type: Object.Type, name: String, namespace: String?) async throws -> Object {
        try await timed { try await base.get(type, name: name, namespace: namespace) }
    }

    func list<Object: KubeResource>(_ type: Object.Type, namespace: String?, options: ListOptions) async throws -> KubeList<Object> {
        try await timed { try await base.list(type, namespace: namespace, options: options) }
    }

    func watch<Object: KubeResource>(_ type: Object.Type, namespace: String?, options: WatchOptions) async throws -> KubeWatch<Object> {
        try await base.watch(type, namespace: namespace, options: options)
    }

    func create<Object: KubeResource>(_ object: Object) async throws -> Object {
        try await timed { try await base.create(object) }
    }

    func update<Object: KubeResource>(_ object: Object, subresource: KubeSubresource?) async throws -> Object {
        try await timed { try await base.update(object, subresource: subresource) }
    }

    func patch<Object: KubeResource>(
        _ type: Object.Type, name: String, namespace: String?, patch: KubePatch, subresource: KubeSubresource?
    ) async throws -> Object {
        try await timed { try await base.patch(type, name: name, namespace: namespace, patch: patch, subresource: subresource) }
    }

    func delete<Object: KubeResource>(_ type: Object.Type, name: String, namespace: String?, options: DeleteOptions) async throws {
        try await timed { try await base.delete(type, name: name, namespace: namespace, options: options) }
    }

    func evict(podName: String, namespace: String, options: DeleteOptions) async throws {
        try await timed { try await base.evict(podName: podName, namespace: namespace, options: options) }
    }
}
