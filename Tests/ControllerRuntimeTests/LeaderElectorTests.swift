import ControllerRuntime
import KubeClient
import KubeModel
import Simulation
import Synchronization
import Testing
import TestSupport

@Suite struct LeaderElectorTests {
    @Test func leaderRunsUntilCancelledThenReleasesTheLease() async throws {
        let wall = FixedClock()
        let clock = ManualClock()
        let cluster = SimulatedCluster(now: { wall.now() })
        let elector = LeaderElector(api: cluster, config: LeaderElectionConfig(namespace: "kube-system", identity: "a"), clock: clock, now: { wall.now() })
        let leading = Mutex(false)
        let task = Task {
            await elector.run {
                leading.withLock { $0 = true }
                try? await clock.sleep(for: .seconds(1_000_000))
            }
        }
        while !leading.withLock({ $0 }) { await Task.yield() }
        let held = try await cluster.get(Lease.self, name: "karpenter-leader-election", namespace: "kube-system")
        #expect(held.spec.holderIdentity == "a")
        // Renewals happen every retry period on the injected clock (the leader's work sleeps too).
        await clock.waitForSleepers(2)
        wall.advance(by: 2)
        clock.advance(by: .seconds(2))
        await clock.waitForSleepers(2)
        let renewed = try await cluster.get(Lease.self, name: "karpenter-leader-election", namespace: "kube-system")
        #expect(renewed.spec.renewTime != held.spec.renewTime)
        task.cancel()
        await task.value
        let released = try await cluster.get(Lease.self, name: "karpenter-leader-election", namespace: "kube-system")
        #expect(released.spec.holderIdentity == nil)
        #expect(await elector.isLeader == false)
    }
}
