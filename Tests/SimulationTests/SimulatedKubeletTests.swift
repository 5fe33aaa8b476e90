import Foundation
import KubeClient
import KubeModel
import Simulation
import TestSupport
import Testing

/// Node registration for launched NodeClaims against the in-memory cluster, on a manual clock.
@Suite struct SimulatedKubeletTests {
    static let fixedNow: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_800_000_000) }

    static func launchedClaim(name: String = "default-abcde") async throws -> NodeClaim {
        var claim = KwokCloudProviderTests.nodeClaim(name: name)
        claim.spec.taints = [Taint(key: "dedicated", value: "monitoring", effect: .noSchedule)]
        claim.spec.startupTaints = [Taint(key: "node.cilium.io/agent-not-ready", effect: .noExecute)]
        return try await KwokCloudProviderTests.provider().create(claim)
    }

    @Test func registersTheNodeAfterTheBootDelay() async throws {
        let cluster = SimulatedCluster(now: Self.fixedNow)
        let clock = ManualClock()
        let kubelet = SimulatedKubelet(api: cluster, configuration: .init(bootDelay: .seconds(20)), clock: clock, now: Self.fixedNow)
        let claim = try await Self.launchedClaim()
        let booting = Task { try await kubelet.boot(claim) }
        await clock.waitForSleepers(1)
        #expect(try await cluster.list(Node.self).items.isEmpty)
        clock.advance(by: .seconds(20))
        let node = try await booting.value
        let stored = try await cluster.get(Node.self, name: node.metadata.name ?? "")
        let name = try #require(stored.metadata.name)
        #expect(name == "ip-10-0-0-10.ec2.internal")
        #expect(stored.spec.providerID == claim.status?.providerID)
        #expect(stored.metadata.labels?[WellKnownLabels.hostname] == name)
        #expect(stored.metadata.labels?[WellKnownLabels.instanceType] == "t3.medium")
        #expect(stored.spec.taints?.map(\.description) == [
            "karpenter.sh/unregistered:NoExecute", "dedicated=monitoring:NoSchedule", "node.cilium.io/agent-not-ready:NoExecute",
        ])
        #expect(stored.status?.allocatable == claim.status?.allocatable)
        #expect(stored.status?.capacity == claim.status?.capacity)
        #expect(stored.readyStatus == "True")
    }

    @Test func registrationIsIdempotentAndTerminationRemovesTheNode() async throws {
        let cluster = SimulatedCluster(now: Self.fixedNow)
        let kubelet = SimulatedKubelet(api: cluster, configuration: .init(bootDelay: .zero), clock: ManualClock(), now: Self.fixedNow)
        let claim = try await Self.launchedClaim()
        let first = try await kubelet.register(claim)
        let second = try await kubelet.register(claim)
        #expect(first.metadata.name == second.metadata.name)
        #expect(try await cluster.list(Node.self).items.count == 1)
        try await kubelet.terminated(claim)
        #expect(try await cluster.list(Node.self).items.isEmpty)
        try await kubelet.terminated(claim)  // already gone: no error
    }

    @Test func nodeCanRegisterNotReadyAndBecomeReadyLater() async throws {
        let cluster = SimulatedCluster(now: Self.fixedNow)
        let kubelet = SimulatedKubelet(api: cluster, configuration: .init(bootDelay: .zero, registerReady: false),
                                       clock: ManualClock(), now: Self.fixedNow)
        let node = try await kubelet.register(try await Self.launchedClaim())
        let name = try #require(node.metadata.name)
        let notReady = "node.kubernetes.io/not-ready:NoSchedule"
        let before = try await cluster.get(Node.self, name: name)
        #expect(before.readyStatus == "False")
        #expect(before.spec.taints?.map(\.description).contains(notReady) == true)
        try await kubelet.setReady(nodeName: name, true)
        let after = try await cluster.get(Node.self, name: name)
        #expect(after.readyStatus == "True")
        #expect(after.spec.taints?.map(\.description).contains(notReady) == false)
    }

    @Test func readyDelayRegistersNotReadyThenReadyAndAddressBlocksStartAtFirstHost() async throws {
        let cluster = SimulatedCluster(now: Self.fixedNow)
        let clock = ManualClock()
        let kubelet = SimulatedKubelet(api: cluster, configuration: .init(bootDelay: .seconds(20), readyDelay: .seconds(10), firstHost: 0x01_0200),
                                       clock: clock, now: Self.fixedNow)
        let booting = Task { try await kubelet.boot(try await Self.launchedClaim()) }
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(20))
        await clock.waitForSleepers(1)
        let name = "ip-10-1-2-0.ec2.internal"
        let notReady = "node.kubernetes.io/not-ready:NoSchedule"
        let registered = try await cluster.get(Node.self, name: name)
        #expect(registered.readyStatus == "False")
        #expect(registered.spec.taints?.map(\.description).contains(notReady) == true)
        clock.advance(by: .seconds(10))
        let ready = try await booting.value
        #expect(ready.metadata.name == name)
        let stored = try await cluster.get(Node.self, name: name)
        #expect(stored.readyStatus == "True")
        #expect(stored.spec.taints?.map(\.description).contains(notReady) == false)
    }

    @Test func followsTheCloudsEvents() async throws {
        let cluster = SimulatedCluster(now: Self.fixedNow)
        let clock = ManualClock()
        let provider = try KwokCloudProviderTests.provider()
        let kubelet = SimulatedKubelet(api: cluster, configuration: .init(bootDelay: .seconds(5)), clock: clock, now: Self.fixedNow)
        let events = await provider.events()
        let running = Task { await kubelet.run(events: events) }
        defer { running.cancel() }
        let claim = try await provider.create(KwokCloudProviderTests.nodeClaim(name: "a"))
        _ = try await provider.create(KwokCloudProviderTests.nodeClaim(name: "b"))
        await clock.waitForSleepers(2)
        clock.advance(by: .seconds(5))
        var nodes = try await cluster.list(Node.self).items
        while nodes.count < 2 {
            await Task.yield()
            nodes = try await cluster.list(Node.self).items
        }
        #expect(Set(nodes.compactMap(\.spec.providerID)).count == 2)
        try await provider.delete(claim)
        while try await cluster.list(Node.self).items.count > 1 { await Task.yield() }
        #expect(try await cluster.list(Node.self).items.first?.spec.providerID != claim.status?.providerID)
    }
}
