import Foundation
import KubeClient
import KubeModel
import Simulation
import Testing

/// The synchronous change feed `karpenter simulate` reads between steps, and seeded UIDs.
@Suite struct SimulatedChangeFeedTests {
    func pod(_ name: String) -> Pod {
        Pod(metadata: ObjectMeta(name: name, namespace: "default"), spec: PodSpec(containers: [Container(name: "c", image: "i")]))
    }

    @Test func drainReturnsLaterChangesInOrderAndThenNothing() async throws {
        let cluster = SimulatedCluster()
        _ = try await cluster.create(pod("before"))
        let feed = cluster.changeFeed(Pod.self)
        var created = try await cluster.create(pod("a"))
        created.metadata.labels = ["app": "web"]
        _ = try await cluster.update(created)
        try await cluster.delete(Pod.self, name: "a", namespace: "default")
        let events = try feed.drain().map { event -> String in
            switch event {
            case let .added(pod): "ADDED \(pod.metadata.name ?? "")"
            case let .modified(pod): "MODIFIED \(pod.metadata.name ?? "")"
            case let .deleted(pod): "DELETED \(pod.metadata.name ?? "")"
            case .bookmark, .error: "other"
            }
        }
        #expect(events == ["ADDED a", "MODIFIED a", "MODIFIED a", "DELETED a"])
        #expect(try feed.drain().isEmpty)
    }

    @Test func releasingAFeedRemovesItsWatcher() async throws {
        let cluster = SimulatedCluster()
        var feed: SimulatedChangeFeed<Pod>? = cluster.changeFeed(Pod.self)
        #expect(cluster.watchCount == 1)
        _ = feed
        feed = nil
        #expect(cluster.watchCount == 0)
    }

    @Test func aNameSeedMakesUIDsReproducible() async throws {
        func uids(seed: UInt64) async throws -> [String] {
            let cluster = SimulatedCluster(nameSeed: seed)
            var result: [String] = []
            for name in ["a", "b"] { result.append(try await cluster.create(pod(name)).metadata.uid ?? "") }
            return result
        }
        let first = try await uids(seed: 3)
        #expect(first == (try await uids(seed: 3)))
        #expect(first != (try await uids(seed: 4)))
        #expect(first[0] != first[1])
        #expect(first.allSatisfy { UUID(uuidString: $0) != nil })
    }
}
