import ControllerRuntime
import Foundation
import KubeClient
import KubeModel
import Simulation
import Testing
import TestSupport

@Suite struct EventRecorderTests {
    @Test func repeatsAreAggregatedIntoOneEventWithACount() async throws {
        let clock = FixedClock()
        let cluster = SimulatedCluster(now: { clock.now() })
        let node = try await cluster.create(Node(metadata: ObjectMeta(name: "ip-10-0-0-1")))
        let recorder = EventRecorder(api: cluster, now: { clock.now() })
        try await recorder.record(node, type: "Normal", reason: "DisruptionBlocked", message: "node is not empty")
        clock.advance(by: 130)
        let second = try await recorder.record(node, type: "Normal", reason: "DisruptionBlocked", message: "node is not empty")
        try await recorder.record(node, type: "Warning", reason: "FailedDraining", message: "pdb")
        let events = try await cluster.list(Event.self, namespace: "default").items
        #expect(events.count == 2)
        #expect(second.count == 2)
        #expect(second.lastTimestamp != second.firstTimestamp)
        let aggregated = try #require(events.first { $0.reason == "DisruptionBlocked" })
        #expect(aggregated.count == 2)
        #expect(aggregated.involvedObject.kind == "Node")
        #expect(aggregated.involvedObject.name == "ip-10-0-0-1")
        #expect(aggregated.source?.component == "karpenter")
    }

    @Test func eventsInTheSameNanosecondGetDistinctNamesEvenAcrossRecorders() async throws {
        let clock = FixedClock()
        let cluster = SimulatedCluster(now: { clock.now() })
        let node = try await cluster.create(Node(metadata: ObjectMeta(name: "ip-10-0-0-1")))
        let first = EventRecorder(api: cluster, now: { clock.now() })
        try await first.record(node, reason: "Nominated", message: "Pod should schedule on: nodeclaim/a")
        try await first.record(node, reason: "Nominated", message: "Pod should schedule on: node/b")
        // A restarted controller has a new recorder and the clock has not moved.
        let restarted = EventRecorder(api: cluster, now: { clock.now() })
        try await restarted.record(node, reason: "Nominated", message: "Pod should schedule on: node/c")
        let events = try await cluster.list(Event.self, namespace: "default").items
        #expect(Set(events.compactMap(\.message)) == [
            "Pod should schedule on: nodeclaim/a", "Pod should schedule on: node/b", "Pod should schedule on: node/c",
        ])
        #expect(Set(events.compactMap(\.metadata.name)).count == 3)
    }

    @Test func concurrentRepeatsCreateOneEventAndCountEveryRecord() async throws {
        let clock = FixedClock()
        let cluster = SimulatedCluster(now: { clock.now() })
        let node = try await cluster.create(Node(metadata: ObjectMeta(name: "ip-10-0-0-1")))
        let other = try await cluster.create(Node(metadata: ObjectMeta(name: "ip-10-0-0-2")))
        // Without the dedupe window every repeat is a count increment: the race under test.
        let recorder = EventRecorder(api: cluster, dedupeWindow: 0, now: { clock.now() })
        let repeats = 40
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<repeats {
                group.addTask {
                    try await recorder.record(index.isMultiple(of: 2) ? node : other, reason: "DisruptionBlocked", message: "node is not empty")
                }
            }
            try await group.waitForAll()
        }
        let events = try await cluster.list(Event.self, namespace: "default").items
        #expect(events.count == 2)
        #expect(events.map { Int($0.count ?? 0) }.sorted() == [repeats / 2, repeats / 2])
    }

    @Test func repeatsWithinTheDedupeWindowCostNoAPICall() async throws {
        let clock = FixedClock()
        let cluster = SimulatedCluster(now: { clock.now() })
        let node = try await cluster.create(Node(metadata: ObjectMeta(name: "ip-10-0-0-1")))
        let recorder = EventRecorder(api: cluster, now: { clock.now() })
        try await recorder.record(node, reason: "Nominated", message: "Pod should schedule on: nodeclaim/a")
        let version = cluster.resourceVersion
        clock.advance(by: 10)
        let repeated = try await recorder.record(node, reason: "Nominated", message: "Pod should schedule on: nodeclaim/a")
        #expect(cluster.resourceVersion == version)
        #expect(repeated.count == 1)
        clock.advance(by: 100)
        try await recorder.record(node, reason: "Nominated", message: "Pod should schedule on: nodeclaim/a")
        #expect(cluster.resourceVersion == version)
        clock.advance(by: 11)
        #expect(try await recorder.record(node, reason: "Nominated", message: "Pod should schedule on: nodeclaim/a").count == 2)
    }
}
