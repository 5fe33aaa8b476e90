import ControllerRuntime
import KubeClient
import KubeModel
import Simulation
import Synchronization
import Testing
import TestSupport

@Suite struct InformerTests {
    func pod(_ name: String) -> Pod {
        Pod(metadata: ObjectMeta(name: name, namespace: "default"), spec: PodSpec(containers: [Container(name: "c", image: "i")]))
    }

    /// Yields until `condition` holds (the informer runs on its own task).
    func eventually(_ condition: () -> Bool) async {
        while !condition() { await Task.yield() }
    }

    @Test func rewatchesFromLastVersionWhenAWatchEndsWithoutRelisting() async throws {
        let cluster = SimulatedCluster()
        _ = try await cluster.create(pod("a"))
        let informer = Informer<Pod>(api: cluster, namespace: "default", clock: ManualClock())
        let task = Task { await informer.run() }
        defer { task.cancel() }
        await informer.waitForSync()
        await eventually { cluster.watchCount == 1 }
        cluster.closeAllWatches()
        _ = try await cluster.create(pod("b"))
        await eventually { informer.store.count == 2 }
        #expect(informer.listCount == 1)
    }

    @Test func relistsAfterGoneAndReportsDeletionsMissedMeanwhile() async throws {
        let cluster = SimulatedCluster()
        let api = FakeUnreliableAPI(cluster: cluster)
        _ = try await cluster.create(pod("a"))
        _ = try await cluster.create(pod("b"))
        let informer = Informer<Pod>(api: api, namespace: "default", clock: ManualClock())
        let deleted = Mutex<[String]>([])
        informer.addHandler { event in
            if case let .deleted(pod) = event { deleted.withLock { $0.append(pod.metadata.name ?? "") } }
        }
        let task = Task { await informer.run() }
        defer { task.cancel() }
        await informer.waitForSync()
        await eventually { cluster.watchCount == 1 }
        // The watch drops; while nobody watches, b goes away and history is compacted.
        api.holdWatches()
        cluster.closeAllWatches()
        await eventually { api.heldWatches == 1 }
        try await cluster.delete(Pod.self, name: "b", namespace: "default", options: DeleteOptions(gracePeriodSeconds: 0))
        _ = try await cluster.create(pod("c"))
        cluster.compactHistory()
        api.releaseWatches()
        await eventually { informer.listCount == 2 && informer.store.count == 2 }
        #expect(informer.store.keys().sorted() == ["default/a", "default/c"])
        #expect(deleted.withLock { $0 } == ["b"])
    }

    @Test func resyncRedeliversEveryObjectOnTheClock() async throws {
        let cluster = SimulatedCluster()
        _ = try await cluster.create(pod("a"))
        let clock = ManualClock()
        let informer = Informer<Pod>(api: cluster, namespace: "default", options: InformerOptions(resyncPeriod: .seconds(30)), clock: clock)
        let resynced = Mutex(0)
        informer.addHandler { event in
            if case .resync = event { resynced.withLock { $0 += 1 } }
        }
        let task = Task { await informer.run() }
        defer { task.cancel() }
        await informer.waitForSync()
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(30))
        await eventually { resynced.withLock { $0 } == 1 }
    }

    @Test func aFailedListIsLoggedAsAnErrorAndRetriedAfterTheBackoff() async throws {
        let cluster = SimulatedCluster()
        _ = try await cluster.create(pod("a"))
        let api = FakeUnreliableAPI(cluster: cluster, failingLists: 1, error: .server(code: 503, message: "list pods: service unavailable"))
        let clock = ManualClock()
        let logs = CapturingLogHandler.Sink()
        let informer = Informer<Pod>(api: api, namespace: "default", clock: clock, logger: logs.logger())
        let task = Task { await informer.run() }
        defer { task.cancel() }
        await clock.waitForSleepers(1)
        let errors = logs.records.filter { $0.level == .error }
        #expect(errors.map(\.message) == ["failed to list"])
        #expect(errors.first?.string("resource") == "pods")
        #expect(errors.first?.string("error") == "list pods: service unavailable")
        clock.advance(by: .milliseconds(800))
        await informer.waitForSync()
        #expect(informer.store.count == 1)
    }

    @Test func theEndOfAWatchAndAGoneRelistAreNotErrors() async throws {
        let cluster = SimulatedCluster()
        let api = FakeUnreliableAPI(cluster: cluster)
        _ = try await cluster.create(pod("a"))
        let logs = CapturingLogHandler.Sink()
        let informer = Informer<Pod>(api: api, namespace: "default", clock: ManualClock(), logger: logs.logger())
        let task = Task { await informer.run() }
        defer { task.cancel() }
        await informer.waitForSync()
        await eventually { cluster.watchCount == 1 }
        api.holdWatches()
        cluster.closeAllWatches()
        await eventually { api.heldWatches == 1 }
        _ = try await cluster.create(pod("b"))
        cluster.compactHistory()
        api.releaseWatches()
        await eventually { informer.listCount == 2 && informer.store.count == 2 }
        let records = logs.records
        #expect(records.filter { $0.level == .error }.isEmpty)
        #expect(records.map(\.message).prefix(2) == ["watch closed, reopening", "resource version expired, relisting"])
        #expect(records.allSatisfy { $0.level == .debug && $0.string("resource") == "pods" })
    }
}
