import CloudProvider
import ControllerRuntime
import Controllers
import Foundation
import KubeClient
import KubeModel
import Logging
import Scheduling
import Simulation
import Synchronization

/// One `karpenter simulate` run: the real provisioner, NodeClaim lifecycle and NodePool counter
/// on a SimulatedCluster with a KwokCloudProvider, a SimulatedKubelet and a SimulatedScheduler.
/// The components are stepped in a fixed order on one task; when a step changes nothing the
/// virtual clock jumps to the next timer (batch window, node boot), so a run takes simulated
/// minutes in milliseconds and its order of events depends only on the input and the seed.
struct SimulationRun {
    /// Why a run stopped without finishing.
    enum RunError: Error, CustomStringConvertible {
        case catalogue(String)
        case stuck(steps: Int)

        var description: String {
            switch self {
            case let .catalogue(reason): "cannot load the simulated instance-type catalogue: \(reason)"
            case let .stuck(steps): "the simulation did not settle after \(steps) steps; this is a bug, please report it with the scenario"
            }
        }
    }

    let scenario: Scenario
    let seed: UInt64
    let logger: Logger
    let clock: VirtualClock
    /// How long a launched instance takes to register its Node.
    var bootDelay: TimeInterval = 30
    /// Upper bound on steps, so a controller bug cannot spin forever.
    var stepLimit = 100_000

    /// Runs until nothing is pending or in flight and returns what happened.
    func run() async throws -> SimulationReport {
        let clock = clock
        let cluster = SimulatedCluster(now: { clock.now }, nameSeed: seed)
        let catalogue: SimulatedCatalogue
        do {
            catalogue = try SimulatedCatalogue.bundled()
        } catch {
            throw RunError.catalogue("\(error)")
        }
        let cloud = KwokCloudProvider(catalogue: catalogue, configuration: .init(seed: seed))
        let state = ClusterState()
        let events = EventRecorder(api: cluster, now: { clock.now })
        // Rounds take no simulated time, and reconcile IDs count up: the output depends only on input and seed.
        let frozen = ContinuousClock.now
        let provisioner = Provisioner(api: cluster, cloudProvider: cloud, state: state, events: events, clock: clock, logger: logger,
                                      stopwatch: { frozen })
        var lifecycle = NodeClaimLifecycle(api: cluster, cloudProvider: cloud, state: state, events: events, clock: clock, logger: logger)
        let reconciles = Mutex<UInt64>(0)
        lifecycle.reconcileIDs = {
            let count = reconciles.withLock { count in
                count += 1
                return count
            }
            return "00000000-0000-4000-8000-" + String(String(count, radix: 16).suffix(12)).leftPadded(to: 12)
        }
        let counter = NodePoolCounter(api: cluster, state: state, clock: clock)
        let kubelet = SimulatedKubelet(api: cluster, now: { clock.now })
        let scheduler = SimulatedScheduler(cluster: cluster, now: { clock.now })
        try await create(scenario, in: cluster)
        let start = clock.now

        var observed: [String: String] = [:]
        var bootAt: [String: Date] = [:]
        var booted = Set<String>()
        var boundAt: [String: Date] = [:]
        for step in 0... {
            guard step < stepLimit else { throw RunError.stuck(steps: step) }
            let before = cluster.resourceVersion
            for key in try await scheduler.schedulePending().bound { boundAt[key] = clock.now }
            try await state.resync(from: cluster)
            // What the pod informer does: every new version of a provisionable pod opens or extends a batch.
            for pod in try await cluster.listAll(Pod.self).items where ClusterState.isProvisionable(pod) {
                let version = pod.metadata.resourceVersion ?? ""
                if observed.updateValue(version, forKey: pod.metadata.key) != version { provisioner.observe(pod) }
            }
            try await provisioner.reconcileIfDue()
            try await state.resync(from: cluster)
            for claim in try await cluster.listAll(NodeClaim.self).items {
                _ = try await lifecycle.reconcile(claim.metadata.key)
            }
            for pool in scenario.nodePools { _ = try await counter.reconcile(pool.metadata.key) }
            for claim in try await cluster.listAll(NodeClaim.self).items {
                guard let name = claim.metadata.name, claim.status?.conditions?.isTrue(NodeClaimConditionType.launched) == true else { continue }
                let due = bootAt[name] ?? clock.now.addingTimeInterval(bootDelay)
                bootAt[name] = due
                if due <= clock.now, booted.insert(name).inserted { _ = try await kubelet.register(claim) }
            }
            if cluster.resourceVersion != before { continue }
            let timers = [provisioner.deadline].compactMap { $0 } + bootAt.filter { !booted.contains($0.key) }.map(\.value)
            guard let next = timers.min() else { break }
            clock.advance(to: next)
        }
        return try await report(cluster: cluster, cloud: cloud, start: start, boundAt: boundAt)
    }

    /// Creates the scenario's namespaces, node classes, pools, daemonsets and pods.
    private func create(_ scenario: Scenario, in cluster: SimulatedCluster) async throws {
        let namespaces = Set((scenario.pods.map(\.metadata) + scenario.daemonSets.map(\.metadata)).map { $0.namespace ?? "default" })
        for namespace in namespaces.sorted() where (try? await cluster.get(Namespace.self, name: namespace)) == nil {
            _ = try await cluster.create(Namespace(metadata: ObjectMeta(name: namespace)))
        }
        for nodeClass in scenario.nodeClasses { _ = try await cluster.create(nodeClass) }
        for pool in scenario.nodePools { _ = try await cluster.create(pool) }
        for daemonSet in scenario.daemonSets { _ = try await cluster.create(daemonSet.inNamespace()) }
        for pod in scenario.pods { _ = try await cluster.create(pod.inNamespace()) }
    }

    /// Placement, bind latency, nodes and their price at the end of the run.
    private func report(cluster: SimulatedCluster, cloud: KwokCloudProvider, start: Date, boundAt: [String: Date]) async throws -> SimulationReport {
        let pods = try await cluster.listAll(Pod.self).items
        var report = SimulationReport(totalPods: pods.count, simulatedSeconds: clock.now.timeIntervalSince(start))
        report.bindSeconds = pods.compactMap { pod in
            boundAt[pod.metadata.key].map { $0.timeIntervalSince(pod.metadata.creationTimestamp?.date ?? start) }
        }
        report.unschedulable = pods.filter { !$0.isBound }.map(\.metadata.key).sorted()
        var prices: [String: [InstanceType]] = [:]
        for pool in try await cluster.listAll(NodePool.self).items {
            prices[pool.metadata.name ?? ""] = try await cloud.instanceTypes(for: pool)
        }
        for claim in try await cluster.listAll(NodeClaim.self).items {
            let labels = claim.metadata.labels ?? [:]
            let type = labels[WellKnownLabels.instanceType] ?? "unknown"
            let capacityType = labels[WellKnownLabels.capacityType] ?? "unknown"
            let offering = prices[labels[WellKnownLabels.nodePool] ?? ""]?.first { $0.name == type }?.offerings.first {
                $0.zone == labels[WellKnownLabels.zone] && $0.capacityType == capacityType
            }
            report.add(node: SimulationReport.NodeKey(instanceType: type, capacityType: capacityType), price: offering?.price ?? 0)
            report.nodeClaims.append(claim)
        }
        return report
    }
}

private extension KubeResource {
    /// The object with `default` as its namespace when it names none.
    func inNamespace() -> Self {
        var copy = self
        if copy.metadata.namespace == nil { copy.metadata.namespace = "default" }
        return copy
    }
}

private extension String {
    /// The string with leading zeros up to `width` characters.
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
