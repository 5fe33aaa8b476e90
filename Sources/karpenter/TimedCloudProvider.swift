import CloudProvider
import Controllers
import Foundation
import KubeModel
import Scheduling
import Synchronization

/// A cloud provider that notes when each NodeClaim's `create` call reached it, in simulated and in
/// wall time, and adds up the wall time spent inside the simulated cloud, then forwards every call
/// unchanged. This is where `karpenter simulate --stats` measures "pod creation to cloud create call".
final class TimedCloudProvider: CloudProvider {
    /// When the first `create` for one NodeClaim arrived.
    struct CreateCall {
        var simulated: Date
        var wall: ContinuousClock.Instant
        /// Wall time spent so far outside the controllers (simulated API server and cloud).
        var external: Duration
    }

    private let base: any CloudProvider
    private let clock: any ControllerClock
    private let elsewhere: @Sendable () -> Duration
    private let calls = Mutex<[String: CreateCall]>([:])
    private let spent = Mutex<Duration>(.zero)

    /// Wraps `base`; `clock` gives the simulated time, `elsewhere` the wall time spent so far in the
    /// simulated API server.
    init(_ base: any CloudProvider, clock: any ControllerClock, elsewhere: @escaping @Sendable () -> Duration) {
        self.base = base
        self.clock = clock
        self.elsewhere = elsewhere
    }

    /// The first create call per NodeClaim name.
    var createCalls: [String: CreateCall] { calls.withLock { $0 } }

    /// Wall time spent so far in the simulated API server and in this cloud.
    var external: Duration { elsewhere() + spent.withLock { $0 } }

    private func timed<Result>(_ call: () async throws -> Result) async rethrows -> Result {
        let started = ContinuousClock.now
        defer { spent.withLock { $0 += ContinuousClock.now - started } }
        return try await call()
    }

    var name: String { base.name }

    func create(_ nodeClaim: NodeClaim) async throws -> NodeClaim {
        let call = CreateCall(simulated: clock.now, wall: .now, external: external)
        let name = nodeClaim.metadata.name ?? ""
        calls.withLock { calls in if calls[name] == nil { calls[name] = call } }
        return try await timed { try await base.create(nodeClaim) }
    }

    func delete(_ nodeClaim: NodeClaim) async throws { try await timed { try await base.delete(nodeClaim) } }
    func get(providerID: String) async throws -> NodeClaim { try await timed { try await base.get(providerID: providerID) } }
    func list() async throws -> [NodeClaim] { try await timed { try await base.list() } }
    func instanceTypes(for nodePool: NodePool) async throws -> [InstanceType] {
        try await timed { try await base.instanceTypes(for: nodePool) }
    }
    func isDrifted(_ nodeClaim: NodeClaim) async throws -> String? { try await timed { try await base.isDrifted(nodeClaim) } }
}
