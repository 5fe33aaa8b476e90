import KubeClient
import KubeModel
import Simulation
import Synchronization

/// A `SimulatedCluster` behind a connection that fails or stalls: the next `failingLists` list calls
/// throw `error` (as a real client does when the API server is unreachable), and while watches are
/// held (``holdWatches()``) new watch requests wait until ``releaseWatches()`` (a slow connection),
/// which lets a test change the cluster between a watch ending and the next one starting.
/// Everything else is served by the cluster with its full semantics.
final class FakeUnreliableAPI: KubeAPI {
    private struct Hold {
        var holding = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    let cluster: SimulatedCluster
    private let error: KubeError
    private let remainingFailures: Mutex<Int>
    private let hold = Mutex(Hold())

    init(cluster: SimulatedCluster, failingLists: Int = 0, error: KubeError = .server(code: 503, message: "unavailable")) {
        self.cluster = cluster
        self.error = error
        remainingFailures = Mutex(failingLists)
    }

    /// Makes new watch requests wait until ``releaseWatches()``.
    func holdWatches() { hold.withLock { $0.holding = true } }

    /// How many watch requests are waiting.
    var heldWatches: Int { hold.withLock { $0.waiters.count } }

    /// Lets every held watch request (and later ones) through.
    func releaseWatches() {
        let waiters = hold.withLock { hold in
            hold.holding = false
            defer { hold.waiters = [] }
            return hold.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    private func failIfScripted() throws {
        let fail = remainingFailures.withLock { remaining -> Bool in
            guard remaining > 0 else { return false }
            remaining -= 1
            return true
        }
        if fail { throw error }
    }

    func get<Object: KubeResource>(_ type: Object.Type, name: String, namespace: String?) async throws -> Object {
        try await cluster.get(type, name: name, namespace: namespace)
    }

    func list<Object: KubeResource>(_ type: Object.Type, namespace: String?, options: ListOptions) async throws -> KubeList<Object> {
        try failIfScripted()
        return try await cluster.list(type, namespace: namespace, options: options)
    }

    func watch<Object: KubeResource>(_ type: Object.Type, namespace: String?, options: WatchOptions) async throws -> KubeWatch<Object> {
        await withCheckedContinuation { continuation in
            let held = hold.withLock { hold -> Bool in
                if hold.holding { hold.waiters.append(continuation) }
                return hold.holding
            }
            if !held { continuation.resume() }
        }
        return try await cluster.watch(type, namespace: namespace, options: options)
    }

    func create<Object: KubeResource>(_ object: Object) async throws -> Object { try await cluster.create(object) }

    func update<Object: KubeResource>(_ object: Object, subresource: KubeSubresource?) async throws -> Object {
        try await cluster.update(object, subresource: subresource)
    }

    func patch<Object: KubeResource>(
        _ type: Object.Type, name: String, namespace: String?, patch: KubePatch, subresource: KubeSubresource?
    ) async throws -> Object {
        try await cluster.patch(type, name: name, namespace: namespace, patch: patch, subresource: subresource)
    }

    func delete<Object: KubeResource>(_ type: Object.Type, name: String, namespace: String?, options: DeleteOptions) async throws {
        try await cluster.delete(type, name: name, namespace: namespace, options: options)
    }

    func evict(podName: String, namespace: String, options: DeleteOptions) async throws {
        try await cluster.evict(podName: podName, namespace: namespace, options: options)
    }
}
