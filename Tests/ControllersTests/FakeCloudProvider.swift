import CloudProvider
import Foundation
import KubeModel
import Scheduling
import Synchronization

/// An in-memory cloud with real semantics for controller tests: launches the cheapest available
/// offering the NodeClaim's requirements allow, is idempotent per NodeClaim name, reports
/// insufficient capacity when every allowed offering is exhausted, and reports not-found for
/// instances that do not exist (so deletion loops terminate).
final class FakeCloudProvider: CloudProvider {
    struct Instance: Sendable {
        var providerID: String
        var claimName: String
        var type: InstanceType
        var zone: String
        var capacityType: String
    }

    struct State {
        var instances: [String: Instance] = [:]
        var exhausted: Set<OfferingKey> = []
        var next: UInt64 = 0xcf1182591adb49e6
        var createCalls = 0
    }

    let name = "fake"
    let catalogue: [InstanceType]
    private let state = Mutex(State())

    init(catalogue: [InstanceType] = Fixtures.catalogue) { self.catalogue = catalogue }

    /// Makes an offering fail with insufficient capacity from now on.
    func exhaust(_ key: OfferingKey) { state.withLock { _ = $0.exhausted.insert(key) } }
    /// Instances currently running.
    var instances: [Instance] { state.withLock { Array($0.instances.values) } }
    /// How many times `create` was called.
    var createCalls: Int { state.withLock { $0.createCalls } }

    func create(_ nodeClaim: NodeClaim) async throws -> NodeClaim {
        let claimName = nodeClaim.metadata.name ?? ""
        return try state.withLock { state in
            state.createCalls += 1
            if let existing = state.instances.values.first(where: { $0.claimName == claimName }) {
                return launched(nodeClaim, existing)
            }
            func allowed(_ key: String) -> [String]? {
                nodeClaim.spec.requirements.first { $0.key == key && $0.operator == .in }?.values
            }
            let types = allowed(WellKnownLabels.instanceType)
            let capacityTypes = allowed(WellKnownLabels.capacityType)
            let zones = allowed(WellKnownLabels.zone)
            var tried: [OfferingKey] = []
            var best: (InstanceType, Offering)?
            for type in catalogue where types?.contains(type.name) ?? true {
                for offering in type.offerings where offering.available
                    && (capacityTypes?.contains(offering.capacityType) ?? true) && (zones?.contains(offering.zone) ?? true) {
                    let key = OfferingKey(instanceType: type.name, zone: offering.zone, capacityType: offering.capacityType)
                    if state.exhausted.contains(key) { tried.append(key); continue }
                    if best.map({ offering.price < $0.1.price }) ?? true { best = (type, offering) }
                }
            }
            guard let (type, offering) = best else {
                throw CloudProviderError.insufficientCapacity(offerings: tried, message: "no capacity for \(claimName)")
            }
            let id = "i-0" + String(state.next, radix: 16)
            state.next += 1
            let instance = Instance(providerID: "aws:///\(offering.zone)/\(id)", claimName: claimName, type: type,
                                    zone: offering.zone, capacityType: offering.capacityType)
            state.instances[instance.providerID] = instance
            return launched(nodeClaim, instance)
        }
    }

    func delete(_ nodeClaim: NodeClaim) async throws {
        let providerID = nodeClaim.status?.providerID ?? ""
        try state.withLock { state in
            guard state.instances.removeValue(forKey: providerID) != nil else {
                throw CloudProviderError.nodeClaimNotFound(providerID: providerID)
            }
        }
    }

    func get(providerID: String) async throws -> NodeClaim {
        guard let instance = state.withLock({ $0.instances[providerID] }) else {
            throw CloudProviderError.nodeClaimNotFound(providerID: providerID)
        }
        let claim = NodeClaim(metadata: ObjectMeta(name: instance.claimName), spec: NodeClaimSpec(nodeClassRef: NodeClassReference(name: "default")))
        return launched(claim, instance)
    }

    func list() async throws -> [NodeClaim] {
        var result: [NodeClaim] = []
        for instance in instances { result.append(try await get(providerID: instance.providerID)) }
        return result
    }

    func instanceTypes(for nodePool: NodePool) async throws -> [InstanceType] { catalogue }

    func isDrifted(_ nodeClaim: NodeClaim) async throws -> String? { nil }

    private func launched(_ claim: NodeClaim, _ instance: Instance) -> NodeClaim {
        var result = claim
        var labels = claim.metadata.labels ?? [:]
        labels[WellKnownLabels.instanceType] = instance.type.name
        labels[WellKnownLabels.zone] = instance.zone
        labels[WellKnownLabels.capacityType] = instance.capacityType
        result.metadata.labels = labels
        var status = claim.status ?? NodeClaimStatus()
        status.providerID = instance.providerID
        status.imageID = "ami-09c00c2e93ce7bd23"
        status.capacity = instance.type.capacity.kubeList()
        status.allocatable = instance.type.allocatable.kubeList()
        result.status = status
        return result
    }
}
