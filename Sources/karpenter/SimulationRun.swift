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
/// The components are stepped in a fixed order on one task and only see what changed: change feeds
/// (``SimulationPicture``) feed the ClusterState and mark NodeClaims, NodePools and pods dirty, and
/// reconcilers' requeues are timers on the virtual time line (``SimulationTimeline``). When a step
/// changes nothing the virtual clock jumps to the next timer (requeue, batch window, node boot), so a
/// run takes simulated minutes in milliseconds and its order of events depends only on the input and
/// the seed.
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
    /// How many of the first launches fail with insufficient capacity (a fault drill).
    var failedLaunches = 0
    /// Upper bound on steps, so a controller bug cannot spin forever.
    var stepLimit = 1_000_000
    /// Simulated seconds per wall second (`--speed`), or nil for as fast as possible.
    var speed: Double?
    /// Where progress lines go on long runs.
    var progress: @Sendable (String) -> Void = { _ in }

    /// Runs until nothing is pending or in flight and returns what happened.
    func run() async throws -> (report: SimulationReport, stats: SimulationStats) {
        let clock = clock
        // The run reads changes through its own feeds and never resumes a watch: keep little history.
        let cluster = SimulatedCluster(now: { clock.now }, historyLimit: 64, nameSeed: seed)
        let catalogue: SimulatedCatalogue
        do {
            catalogue = try SimulatedCatalogue.bundled()
        } catch {
            throw RunError.catalogue("\(error)")
        }
        // The controllers talk to the cluster and the cloud through timers, so --stats can subtract
        // the simulated server's and cloud's time from the controllers' wall time.
        let api = TimedKubeAPI(cluster)
        let kwok = KwokCloudProvider(catalogue: catalogue, configuration: .init(seed: seed))
        await kwok.failNextLaunches(failedLaunches)
        let cloud = TimedCloudProvider(kwok, clock: clock, elsewhere: { api.total })
        let state = ClusterState()
        let events = EventRecorder(api: api, now: { clock.now })
        // Rounds take no simulated time, and reconcile IDs count up: the output depends only on input and seed.
        let frozen = ContinuousClock.now
        let provisioner = Provisioner(api: api, cloudProvider: cloud, state: state, events: events, clock: clock, logger: logger,
                                      stopwatch: { frozen })
        var lifecycle = NodeClaimLifecycle(api: api, cloudProvider: cloud, state: state, events: events, clock: clock, logger: logger)
        let reconciles = Mutex<UInt64>(0)
        lifecycle.reconcileIDs = {
            let count = reconciles.withLock { count in
                count += 1
                return count
            }
            return "00000000-0000-4000-8000-" + String(String(count, radix: 16).suffix(12)).leftPadded(to: 12)
        }
        let counter = NodePoolCounter(api: api, state: state, clock: clock)
        let kubelet = SimulatedKubelet(api: cluster, now: { clock.now })
        let scheduler = SimulatedScheduler(cluster: cluster, now: { clock.now })
        var picture = SimulationPicture(cluster: cluster)
        try await create(scenario, in: cluster)
        let start = clock.now

        var timeline = SimulationTimeline()
        var pacer = SimulationPacer(speed: speed, start: start, emit: progress)
        var stats = SimulationStats()
        var boundAt: [String: Date] = [:]
        var windowOpened: Date?
        var nominatedIn: [String: (round: Int, claim: String)] = [:]
        let observe: (Pod) -> Void = { pod in
            guard ClusterState.isProvisionable(pod) else { return }
            if windowOpened == nil { windowOpened = clock.now }
            provisioner.observe(pod)
        }
        // What the informers do in the operator (see ProvisioningControllers): absorb changes, and
        // when a NodeClaim went away, look at the pending pods again.
        func drain() throws {
            try picture.drain(into: state, observe: observe)
            guard picture.claimDeleted else { return }
            picture.claimDeleted = false
            if provisioner.triggerIfPending(), windowOpened == nil { windowOpened = clock.now }
        }
        let status = { () -> String in
            "karpenter simulate: \(String(format: "%.0f", clock.now.timeIntervalSince(start)))s simulated, "
                + "\(boundAt.count)/\(picture.pods.count) pods bound, \(picture.claims.count) nodeclaims, "
                + "\(picture.nodes.count) nodes, step \(stats.steps)"
        }
        for step in 0... {
            guard step < stepLimit else { throw RunError.stuck(steps: step) }
            stats.steps = step + 1
            pacer.tick(status)
            let before = cluster.resourceVersion
            try drain()
            let toSchedule = picture.podsToSchedule()
            picture.untriedPods = []
            picture.retryAllPods = false
            if !toSchedule.isEmpty {
                let pass = try await scheduler.schedule(toSchedule, nodes: Array(picture.nodes.values), placed: picture.placedPods)
                for key in pass.bound { boundAt[key] = clock.now }
            }
            try drain()
            if let deadline = provisioner.deadline, deadline <= clock.now {
                let pending = state.provisionablePods.map(\.metadata.key)
                let wallStarted = ContinuousClock.now
                let externalAtStart = cloud.external
                let opened = windowOpened ?? clock.now
                if try await provisioner.reconcileIfDue() != nil { windowOpened = nil }
                if windowOpened == nil, !pending.isEmpty {
                    let index = stats.rounds.count
                    stats.rounds.append(SimulationStats.Round(
                        windowOpened: opened, windowClosed: clock.now, wallStarted: wallStarted,
                        wallDuration: ContinuousClock.now - wallStarted, externalAtStart: externalAtStart, pods: pending.count))
                    let calls = cloud.createCalls
                    for key in pending where nominatedIn[key].map({ calls[$0.claim] == nil }) ?? true {
                        if let claim = state.nomination(forPod: key) { nominatedIn[key] = (index, claim) }
                    }
                }
            }
            try drain()
            let claims = picture.dirtyClaims.union(timeline.dueRequeues(at: clock.now)).sorted()
            picture.dirtyClaims = []
            for key in claims {
                let result = try await lifecycle.reconcile(key)
                stats.reconciles += 1
                timeline.requeue(key, at: result.requeueAfter.map { clock.now.addingTimeInterval($0.timeInterval) })
            }
            try drain()
            let pools = picture.dirtyPools.sorted()
            picture.dirtyPools = []
            for pool in pools { _ = try await counter.reconcile(pool) }
            for name in picture.launched { timeline.boot(name, at: clock.now.addingTimeInterval(bootDelay)) }
            picture.launched = []
            for name in timeline.dueBoots(at: clock.now) {
                if let claim = picture.claims[name], !claim.metadata.isDeleting { _ = try await kubelet.register(claim) }
            }
            if cluster.resourceVersion != before { continue }
            let timers = [provisioner.deadline, timeline.next].compactMap { $0 }
            guard let next = timers.min() else { break }
            try await pacer.wait(until: next, status)
            clock.advance(to: next)
        }
        stats.wallTime = pacer.elapsed
        stats.latencies = latencies(pods: picture.pods, nominations: nominatedIn, rounds: stats.rounds, calls: cloud.createCalls, start: start)
        stats.peakRSSBytes = SimulationStats.currentPeakRSS()
        return (try await report(cluster: cluster, cloud: cloud, start: start, boundAt: boundAt), stats)
    }

    /// Per pod nominated to a NodeClaim that reached the cloud: creation to create call.
    private func latencies(pods: [String: Pod], nominations: [String: (round: Int, claim: String)], rounds: [SimulationStats.Round],
                           calls: [String: TimedCloudProvider.CreateCall], start: Date) -> [SimulationStats.PodLatency] {
        nominations.keys.sorted().compactMap { key in
            guard let nomination = nominations[key], let call = calls[nomination.claim] else { return nil }
            let round = rounds[nomination.round]
            let created = pods[key]?.metadata.creationTimestamp?.date ?? start
            return SimulationStats.PodLatency(
                simulated: call.simulated.timeIntervalSince(created),
                window: round.windowClosed.timeIntervalSince(round.windowOpened),
                wall: (call.wall - round.wallStarted).timeInterval,
                controller: (call.wall - round.wallStarted - (call.external - round.externalAtStart)).timeInterval)
        }
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
    private func report(cluster: SimulatedCluster, cloud: any CloudProvider, start: Date, boundAt: [String: Date]) async throws -> SimulationReport {
        let pods = try await cluster.listAll(Pod.self).items
        var report = SimulationReport(totalPods: pods.count, simulatedSeconds: clock.now.timeIntervalSince(start))
        report.bindSeconds = pods.compactMap { pod in
            boundAt[pod.metadata.key].map { $0.timeIntervalSince(pod.metadata.creationTimestamp?.date ?? start) }
        }
        report.unschedulable = pods.filter { !$0.isBound }.map(\.metadata.key).sorted()
        var prices: [String: [String: InstanceType]] = [:]
        for pool in try await cluster.listAll(NodePool.self).items {
            let types = try await cloud.instanceTypes(for: pool)
            prices[pool.metadata.name ?? ""] = Dictionary(types.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        }
        for claim in try await cluster.listAll(NodeClaim.self).items {
            let labels = claim.metadata.labels ?? [:]
            let type = labels[WellKnownLabels.instanceType] ?? "unknown"
            let capacityType = labels[WellKnownLabels.capacityType] ?? "unknown"
            let offering = prices[labels[WellKnownLabels.nodePool] ?? ""]?[type]?.offerings.first {
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
