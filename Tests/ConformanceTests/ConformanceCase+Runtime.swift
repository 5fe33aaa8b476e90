import ControllerRuntime
import Foundation
import KubeClient
import KubeModel
import Synchronization
import Testing
import TestSupport

extension ConformanceCase {
    static func leaseAcquisitionAndTakeover(_ api: any KubeAPI) async throws {
        let namespace = try await makeNamespace(api, "lease")
        let wall = FixedClock()
        let clock = ManualClock()
        func elector(_ identity: String) -> LeaderElector {
            LeaderElector(api: api, config: LeaderElectionConfig(namespace: namespace, identity: identity), clock: clock, now: { wall.now() })
        }
        let first = elector("replica-a")
        let second = elector("replica-b")
        #expect(try await first.tryAcquireOrRenew())
        #expect(try await second.tryAcquireOrRenew() == false)
        wall.advance(by: 10)
        #expect(try await first.tryAcquireOrRenew())
        #expect(try await second.tryAcquireOrRenew() == false)
        // The holder stops renewing: after a full lease duration without change the other one takes over.
        wall.advance(by: 14)
        #expect(try await second.tryAcquireOrRenew() == false)
        wall.advance(by: 2)
        #expect(try await second.tryAcquireOrRenew())
        #expect(try await first.tryAcquireOrRenew() == false)
        let lease = try await api.get(Lease.self, name: "karpenter-leader-election", namespace: namespace)
        #expect(lease.spec.holderIdentity == "replica-b")
        #expect(lease.spec.leaseDurationSeconds == 15)
        #expect(lease.spec.leaseTransitions == 1)
        // Releasing on shutdown hands over at once.
        await second.release()
        #expect(try await first.tryAcquireOrRenew())
    }

    static func karpenterResourcesCRUD(_ backend: ConformanceBackend) async throws {
        let api = backend.api
        try await backend.installCRDs()
        let suffix = Fixtures.suffix()

        let nodeClass = try await api.create(KarpenterResources.fixture(EC2NodeClass.self, file: "ec2nodeclass-minimal.json", name: "nc-\(suffix)"))
        #expect(nodeClass.spec.role == "KarpenterNodeRole-weasel-eks")
        #expect(nodeClass.status == nil)

        var pool = try await api.create(KarpenterResources.fixture(NodePool.self, file: "nodepool-default.json", name: "np-\(suffix)"))
        #expect(pool.metadata.generation == 1)
        pool.spec.weight = 10
        pool = try await api.update(pool)
        #expect(pool.spec.weight == 10)
        #expect(pool.metadata.generation == 2)
        let pools = try await api.list(NodePool.self, options: ListOptions(labelSelector: "conformance=karpenter"))
        #expect(pools.items.contains { $0.metadata.name == "np-\(suffix)" })

        var claim = try KarpenterResources.fixture(NodeClaim.self, file: "nodeclaim-full.json", name: "nc-\(suffix)")
        let recordedStatus = claim.status
        claim.metadata.finalizers = ["karpenter.sh/termination"]
        let created = try await api.create(claim)
        // Custom resources with a status subresource drop status on create and take it only via /status.
        #expect(created.status == nil)
        var withStatus = created
        withStatus.status = recordedStatus
        withStatus.spec.expireAfter = nil
        let statusWritten = try await api.updateStatus(withStatus)
        #expect(statusWritten.status?.providerID == recordedStatus?.providerID)
        #expect(statusWritten.spec == created.spec)
        #expect(statusWritten.metadata.generation == created.metadata.generation)

        try await api.delete(NodeClaim.self, name: "nc-\(suffix)")
        var deleting = try await api.get(NodeClaim.self, name: "nc-\(suffix)")
        #expect(deleting.metadata.isDeleting)
        deleting.metadata.removeFinalizer("karpenter.sh/termination")
        _ = try await api.update(deleting)
        try await api.delete(NodePool.self, name: "np-\(suffix)")
        try await api.delete(EC2NodeClass.self, name: "nc-\(suffix)")
        await expectError(api, matches: { if case .notFound = $0 { true } else { false } }) {
            _ = try await api.get(NodeClaim.self, name: "nc-\(suffix)")
        }
    }

    static func informerMirrorsServer(_ api: any KubeAPI) async throws {
        let namespace = try await makeNamespace(api, "inform")
        _ = try await api.create(Fixtures.pod(name: "before", namespace: namespace))
        let store = ObjectStore<Pod>(indexes: [StoreIndex.podsByNodeName: StoreIndex.nodeName])
        let informer = Informer(api: api, namespace: namespace, store: store)
        let events = EventLog()
        informer.addHandler { event in events.append(event) }
        let task = Task { await informer.run() }
        defer { task.cancel() }
        await informer.waitForSync()
        #expect(store.keys() == ["\(namespace)/before"])
        var bound = try await api.create(Fixtures.pod(name: "bound", namespace: namespace, nodeName: "node-x"))
        bound.metadata.labels?["changed"] = "yes"
        bound = try await api.update(bound)
        try await api.delete(Pod.self, name: "before", namespace: namespace, options: DeleteOptions(gracePeriodSeconds: 0))
        await events.waitFor { $0.contains("deleted before") }
        #expect(events.entries == ["added before", "added bound", "updated bound", "updated before", "deleted before"])
        #expect(store.byIndex(StoreIndex.podsByNodeName, "node-x").map(\.metadata.name) == ["bound"])
        #expect(store.get("\(namespace)/bound")?.metadata.resourceVersion == bound.metadata.resourceVersion)
    }
}

/// Collects informer events as short strings and lets a test await a condition on them.
final class EventLog: Sendable {
    private struct State {
        var entries: [String] = []
        var waiters: [(condition: @Sendable ([String]) -> Bool, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())

    func append(_ event: InformerEvent<Pod>) {
        let line = switch event {
        case let .added(pod): "added \(pod.metadata.name ?? "")"
        case let .updated(_, pod): "updated \(pod.metadata.name ?? "")"
        case let .deleted(pod): "deleted \(pod.metadata.name ?? "")"
        case let .resync(pod): "resync \(pod.metadata.name ?? "")"
        }
        let ready = state.withLock { state in
            state.entries.append(line)
            let entries = state.entries
            let ready = state.waiters.filter { $0.condition(entries) }.map(\.continuation)
            state.waiters.removeAll { $0.condition(entries) }
            return ready
        }
        for continuation in ready { continuation.resume() }
    }

    var entries: [String] { state.withLock { $0.entries } }

    /// Suspends until `condition` holds for the collected entries.
    func waitFor(_ condition: @escaping @Sendable ([String]) -> Bool) async {
        await withCheckedContinuation { continuation in
            let done = state.withLock { state in
                if condition(state.entries) { return true }
                state.waiters.append((condition, continuation))
                return false
            }
            if done { continuation.resume() }
        }
    }
}
