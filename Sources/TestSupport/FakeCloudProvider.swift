import CloudProvider
import Controllers
import Foundation
import KubeModel
import Scheduling
import Synchronization

/// An in-memory cloud with real semantics for controller tests: launches the cheapest available
/// offering the NodeClaim's requirements allow, is idempotent per NodeClaim name, reports
/// insufficient capacity when every allowed offering is exhausted, and reports not-found for
/// instances that do not exist (so deletion loops terminate).
package final class FakeCloudProvider: CloudProvider {
    /// One running instance.
    package struct Instance: Sendable {
        /// `aws:///<zone>/<instance-id>`.
        package var providerID: String
        /// The NodeClaim it was launched for (launches are idempotent per name).
        package var claimName: String
        /// Its instance type.
        package var type: InstanceType
        /// Its zone.
        package var zone: String
        /// `spot` or `on-demand`.
        package var capacityType: String
    }

    struct State {
        var instances: [String: Instance] = [:]
        var exhausted: Set<OfferingKey> = []
        var next: UInt64 = 0xcf1182591adb49e6
        var createCalls = 0
        var failure: CloudProviderError?
    }

    /// Provider name.
    package let name = "fake"
    /// The instance types offered to every NodePool.
    package let catalogue: [InstanceType]
    private let state = Mutex(State())

    /// A cloud offering `catalogue` (default: four EC2-like types in three zones).
    package init(catalogue: [InstanceType] = FakeCloudProvider.defaultCatalogue) { self.catalogue = catalogue }

    /// Makes an offering fail with insufficient capacity from now on.
    package func exhaust(_ key: OfferingKey) { state.withLock { _ = $0.exhausted.insert(key) } }
    /// Makes every `create` fail with `error` until called again with nil (e.g. an API outage).
    package func failCreates(with error: CloudProviderError?) { state.withLock { $0.failure = error } }
    /// Instances currently running.
    package var instances: [Instance] { state.withLock { Array($0.instances.values) } }
    /// How many times `create` was called.
    package var createCalls: Int { state.withLock { $0.createCalls } }

    /// See ``CloudProvider``.
    package func create(_ nodeClaim: NodeClaim) async throws -> NodeClaim {
        let claimName = nodeClaim.metadata.name ?? ""
        return try state.withLock { state in
            state.createCalls += 1
            if let failure = state.failure { throw failure }
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

    /// See ``CloudProvider``.
    package func delete(_ nodeClaim: NodeClaim) async throws {
        let providerID = nodeClaim.status?.providerID ?? ""
        try state.withLock { state in
            guard state.instances.removeValue(forKey: providerID) != nil else {
                throw CloudProviderError.nodeClaimNotFound(providerID: providerID)
            }
        }
    }

    /// See ``CloudProvider``.
    package func get(providerID: String) async throws -> NodeClaim {
        guard let instance = state.withLock({ $0.instances[providerID] }) else {
            throw CloudProviderError.nodeClaimNotFound(providerID: providerID)
        }
        let claim = NodeClaim(metadata: ObjectMeta(name: instance.claimName), spec: NodeClaimSpec(nodeClassRef: NodeClassReference(name: "default")))
        return launched(claim, instance)
    }

    /// See ``CloudProvider``.
    package func list() async throws -> [NodeClaim] {
        var result: [NodeClaim] = []
        for instance in instances { result.append(try await get(providerID: instance.providerID)) }
        return result
    }

    /// See ``CloudProvider``.
    package func instanceTypes(for nodePool: NodePool) async throws -> [InstanceType] { catalogue }

    /// See ``CloudProvider``.
    package func isDrifted(_ nodeClaim: NodeClaim) async throws -> String? { nil }

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

extension FakeCloudProvider {
    /// The zones of the default catalogue.
    package static let zones = ["us-east-1a", "us-east-1b", "us-east-1c"]

    /// An EC2-like instance type whose allocatable follows upstream's reservations.
    package static func instanceType(_ name: String, cpu: Int64, memoryMiB: Int64, pods: Int64, spot: Double, onDemand: Double,
                             zones: [String] = zones) -> InstanceType {
        let vmMemory = memoryMiB - Int64((Double(memoryMiB) * 0.075).rounded(.up))
        let kubeCPU: Int64 = cpu <= 1000 ? 60 : cpu <= 2000 ? 70 : 80
        return InstanceType(
            name: name, labels: [WellKnownLabels.arch: "amd64", WellKnownLabels.os: "linux"],
            capacity: .units(cpuMillis: cpu, memoryMiB: vmMemory, storageGiB: 20, pods: pods),
            overhead: .init(kubeReserved: .units(cpuMillis: kubeCPU, memoryMiB: 11 * pods + 255, storageGiB: 1),
                            evictionThreshold: .units(memoryMiB: 100, storageGiB: 2)),
            offerings: zones.flatMap {
                [Offering(zone: $0, capacityType: "spot", price: spot), Offering(zone: $0, capacityType: "on-demand", price: onDemand)]
            })
    }

    /// t3.medium, t3.large, m5.large and m5.xlarge with spot and on-demand prices; t3.medium's
    /// allocatable is the seed's (1930m, 3246Mi, 17 pods, 17Gi).
    package static let defaultCatalogue: [InstanceType] = [
        instanceType("t3.medium", cpu: 2000, memoryMiB: 4096, pods: 17, spot: 0.0125, onDemand: 0.0416),
        instanceType("t3.large", cpu: 2000, memoryMiB: 8192, pods: 35, spot: 0.025, onDemand: 0.0832),
        instanceType("m5.large", cpu: 2000, memoryMiB: 8192, pods: 29, spot: 0.035, onDemand: 0.096),
        instanceType("m5.xlarge", cpu: 4000, memoryMiB: 16384, pods: 58, spot: 0.07, onDemand: 0.192),
    ]
}
