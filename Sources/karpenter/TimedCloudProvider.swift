import CloudProvider
import Controllers
import Foundation
import KubeModel
import Scheduling
import Synchronization

/// A cloud provider that notes when each NodeClaim's `create` call reached it, in simulated and in
/// wall time, then forwards every call unchanged. This is where `karpenter simulate --stats` measures
/// "pod creation to cloud create call".
final class TimedCloudProvider: CloudProvider {
    /// When the first `create` for one NodeClaim arrived.
    struct CreateCall {
        var simulated: Date
        var wall: ContinuousClock.Instant
    }

    private let base: any CloudProvider
    private let clock: any ControllerClock
    private let calls = Mutex<[String: CreateCall]>([:])

    /// Wraps `base`; `clock` gives the simulated time.
    init(_ base: any CloudProvider, clock: any ControllerClock) {
        self.base = base
        self.clock = clock
    }

    /// The first create call per NodeClaim name.
    var createCalls: [String: CreateCall] { calls.withLock { $0 } }

    var name: String { base.name }

    func create(_ nodeClaim: NodeClaim) async throws -> NodeClaim {
        let call = CreateCall(simulated: clock.now, wall: .now)
        let name = nodeClaim.metadata.name ?? ""
        calls.withLock { calls in if calls[name] == nil { calls[name] = call } }
        return try await base.create(nodeClaim)
    }

    func delete(_ nodeClaim: NodeClaim) async throws { try await base.delete(nodeClaim) }
    func get(providerID: String) async throws -> NodeClaim { try await base.get(providerID: providerID) }
    func list() async throws -> [NodeClaim] { try await base.list() }
    func instanceTypes(for nodePool: NodePool) async throws -> [InstanceType] { try await base.instanceTypes(for: nodePool) }
    func isDrifted(_ nodeClaim: NodeClaim) async throws -> String? { try await base.isDrifted(nodeClaim) }
}
