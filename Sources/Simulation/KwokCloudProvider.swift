import AWSClient
import AWSProvider
import CloudProvider
import KubeModel
import Scheduling

/// A cloud in memory over the real EC2 catalogue, for `karpenter simulate` and end-to-end tests:
/// launches "instances" for NodeClaims (cheapest compatible offering, spot first), remembers them
/// until deleted, and reports them like EC2 would. Zones, launch latency (on an injected clock) and
/// insufficient-capacity faults are configurable. Nodes are registered separately by
/// ``SimulatedKubelet``, which follows ``events()``.
///
/// Invariant: at most one live instance per NodeClaim name, so a controller that restarts and
/// launches the same NodeClaim again gets the instance it already has.
package actor KwokCloudProvider: CloudProvider {
    /// Settings fixed at creation.
    package struct Configuration: Sendable {
        /// Zones offerings may be in; nil = every zone in the catalogue.
        package var zones: [String]?
        /// Time between the create call and its return (measured on the injected clock).
        package var launchLatency: Duration = .zero
        /// Seed for instance IDs: the same seed and the same launches give the same IDs.
        package var seed: UInt64 = 1
        /// `status.imageID` of every instance.
        package var imageID = "ami-0123456789abcdef0"

        /// Defaults: every zone, no latency, seed 1.
        package init(zones: [String]? = nil, launchLatency: Duration = .zero, seed: UInt64 = 1) {
            self.zones = zones
            self.launchLatency = launchLatency
            self.seed = seed
        }
    }

    /// What happened to an instance, for the simulated kubelet.
    package enum InstanceEvent: Sendable, Equatable {
        /// Launched; the NodeClaim as ``create(_:)`` returned it.
        case launched(NodeClaim)
        /// Terminated; the NodeClaim as it was launched.
        case terminated(NodeClaim)
    }

    /// Provider name in metrics and logs.
    package nonisolated let name = "kwok"
    let catalogue: SimulatedCatalogue
    let configuration: Configuration
    let clock: any Clock<Duration>
    let allowedZones: Set<String>
    /// Labels of each catalogue type (parallel to `catalogue.instanceTypes`), incl. the instance-type label.
    let typeLabels: [[String: String]]
    /// Launched NodeClaims by NodeClaim name.
    var instances: [String: NodeClaim] = [:]
    /// NodeClaim name by provider ID.
    var namesByProviderID: [String: String] = [:]
    /// Offerings that fail with insufficient capacity until restored.
    var exhaustedOfferings: Set<OfferingKey> = []
    /// `instanceTypes(for:)` result, valid until the exhausted offerings change.
    var mappedTypes: [InstanceType]?
    /// Launches still to fail with insufficient capacity.
    var failingLaunches = 0
    var idGenerator: SplitMix64
    var launchCount = 0
    var subscribers: [Int: AsyncStream<InstanceEvent>.Continuation] = [:]
    var nextSubscriberID = 0

    /// Creates the cloud over `catalogue`; `clock` times the launch latency.
    package init(catalogue: SimulatedCatalogue, configuration: Configuration = Configuration(),
                 clock: any Clock<Duration> = ContinuousClock()) {
        self.catalogue = catalogue
        self.configuration = configuration
        self.clock = clock
        self.allowedZones = Set(configuration.zones ?? catalogue.zones)
        self.idGenerator = SplitMix64(seed: configuration.seed)
        self.typeLabels = catalogue.instanceTypes.map { info in
            var labels = InstanceTypeMapping.labels(info)
            labels[WellKnownLabels.instanceType] = info.name
            return labels
        }
    }

    // MARK: Faults

    /// Makes `offering` fail with insufficient capacity until ``restore(_:)``.
    package func exhaust(_ offering: OfferingKey) {
        exhaustedOfferings.insert(offering)
        mappedTypes = nil
    }

    /// Ends an ``exhaust(_:)`` fault.
    package func restore(_ offering: OfferingKey) {
        exhaustedOfferings.remove(offering)
        mappedTypes = nil
    }

    /// Makes the next `count` launches fail with insufficient capacity for every offering they could use.
    package func failNextLaunches(_ count: Int) { failingLaunches = max(0, count) }

    // MARK: Observation

    /// Instances launched and not yet terminated.
    package var instanceCount: Int { instances.count }

    /// Launch and terminate events from now on (each subscriber sees every later event).
    package func events() -> AsyncStream<InstanceEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: InstanceEvent.self)
        let id = nextSubscriberID
        nextSubscriberID += 1
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return stream
    }

    private func unsubscribe(_ id: Int) { subscribers[id] = nil }

    func publish(_ event: InstanceEvent) {
        for continuation in subscribers.values { continuation.yield(event) }
    }

    // MARK: CloudProvider

    /// Launches (or returns the already launched) instance for `nodeClaim`, after the launch latency.
    package func create(_ nodeClaim: NodeClaim) async throws -> NodeClaim {
        let claimName = nodeClaim.metadata.name ?? ""
        if let existing = instances[claimName] { return existing }
        let launched = try launch(nodeClaim)
        instances[claimName] = launched
        namesByProviderID[launched.status?.providerID ?? ""] = claimName
        publish(.launched(launched))
        if configuration.launchLatency > .zero {
            try await clock.sleep(for: configuration.launchLatency)
        }
        return launched
    }

    /// Terminates the instance; throws `nodeClaimNotFound` when there is none (any more).
    package func delete(_ nodeClaim: NodeClaim) async throws {
        let providerID = nodeClaim.status?.providerID
        let claimName = providerID.flatMap { namesByProviderID[$0] } ?? nodeClaim.metadata.name ?? ""
        guard let instance = instances.removeValue(forKey: claimName) else {
            throw CloudProviderError.nodeClaimNotFound(providerID: providerID ?? claimName)
        }
        namesByProviderID[instance.status?.providerID ?? ""] = nil
        publish(.terminated(instance))
    }

    /// The launched NodeClaim behind `providerID`.
    package func get(providerID: String) async throws -> NodeClaim {
        guard let claimName = namesByProviderID[providerID], let instance = instances[claimName] else {
            throw CloudProviderError.nodeClaimNotFound(providerID: providerID)
        }
        return instance
    }

    /// Every live instance, ordered by NodeClaim name.
    package func list() async throws -> [NodeClaim] {
        instances.keys.sorted().compactMap { instances[$0] }
    }

    /// The whole catalogue (the solver filters by the NodePool), with offerings in the configured
    /// zones and exhausted offerings marked unavailable.
    package func instanceTypes(for nodePool: NodePool) async throws -> [InstanceType] {
        if let mappedTypes { return mappedTypes }
        let mapped = catalogue.instanceTypes.map { info in
            var info = info
            info.offerings.removeAll { !allowedZones.contains($0.zone) }
            return InstanceTypeMapping.instanceType(info, unavailable: exhaustedOfferings)
        }
        mappedTypes = mapped
        return mapped
    }

    /// Simulated instances never drift.
    package func isDrifted(_ nodeClaim: NodeClaim) async throws -> String? { nil }
}
