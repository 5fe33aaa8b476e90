import CloudProvider
import ControllerRuntime
import Foundation
import KubeClient
import KubeModel
import Logging
import Observability
import Scheduling
import Synchronization

/// Turns unschedulable pods into NodeClaims: batches triggers (idle / max window), snapshots the
/// cluster including in-flight NodeClaims, runs ``Scheduling/Scheduler/solve(_:)``, re-checks
/// NodePool limits, creates the NodeClaims and nominates the pods (`Nominated` events); pods that
/// fit nowhere get a `FailedScheduling` event. Never binds pods: the kube-scheduler does.
package final class Provisioner: Sendable {
    let api: any KubeAPI
    let cloudProvider: any CloudProvider
    let state: ClusterState
    let events: EventRecorder
    let clock: any ControllerClock
    let logger: Logger
    private let batcher: Mutex<Batcher>
    /// Where a round's logged `duration` is measured (the simulator freezes it: rounds take no simulated time).
    let stopwatch: @Sendable () -> ContinuousClock.Instant

    /// Creates the provisioner; `logger` should carry the operator's base fields, the provisioner
    /// adds `controller: provisioner`.
    package init(api: any KubeAPI, cloudProvider: any CloudProvider, state: ClusterState, events: EventRecorder,
                 clock: any ControllerClock, logger: Logger, batchIdle: Duration = .seconds(1),
                 batchMax: Duration = .seconds(10), stopwatch: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.stopwatch = stopwatch
        self.api = api
        self.cloudProvider = cloudProvider
        self.state = state
        self.events = events
        self.clock = clock
        self.logger = logger.with("controller", "provisioner")
        self.batcher = Mutex(Batcher(idle: batchIdle, maximum: batchMax))
    }

    /// Feeds a pod change: a provisionable pod opens or extends the batch window.
    package func observe(_ pod: Pod) {
        guard ClusterState.isProvisionable(pod) else { return }
        let now = clock.now
        batcher.withLock { $0.trigger(at: now) }
    }

    /// Opens (or extends) a batch window if any provisionable pod is waiting. Pods whose NodeClaim
    /// was deleted (insufficient capacity, launch or registration timeout) or whose round failed do
    /// not change, so nothing else would bring them back; upstream likewise looks at every pending
    /// pod again every 10 s. Returns whether a window is now open.
    @discardableResult
    package func triggerIfPending() -> Bool {
        guard state.hasProvisionablePods else { return false }
        let now = clock.now
        batcher.withLock { $0.trigger(at: now) }
        return true
    }

    /// When the open batch window closes, or `nil` when nothing is waiting.
    package var deadline: Date? { batcher.withLock { $0.deadline } }

    /// Runs a scheduling round if the batch window has closed at the clock's current time.
    /// Returns the round, or `nil` when the window is still open or none is open.
    @discardableResult
    package func reconcileIfDue() async throws -> ProvisioningRound? {
        let now = clock.now
        guard batcher.withLock({ $0.close(at: now) }) else { return nil }
        return try await schedule()
    }

    /// One scheduling round over every provisionable pod, regardless of the batch window.
    @discardableResult
    package func schedule() async throws -> ProvisioningRound {
        let started = stopwatch()
        let pods = state.provisionablePods
        guard !pods.isEmpty else { return ProvisioningRound() }
        var instanceTypes: [String: [InstanceType]] = [:]
        let pools = state.nodePools.filter { !$0.metadata.isDeleting }.sorted { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }
        for pool in pools where !isReady(pool) {
            logger.with("NodePool", .object(name: pool.metadata.name ?? "")).info("ignoring nodepool, not ready")
        }
        let ready = pools.filter(isReady)
        if ready.isEmpty {
            // Nothing could be provisioned: leave the pods alone rather than flood them with events.
            logger.info("no nodepools found")
            return ProvisioningRound()
        }
        for pool in ready {
            let name = pool.metadata.name ?? ""
            do {
                let types = try await cloudProvider.instanceTypes(for: pool)
                if types.isEmpty {
                    logger.with("NodePool", .object(name: name)).info("skipping, no resolved instance types found")
                } else {
                    instanceTypes[name] = types
                }
            } catch {
                logger.with("NodePool", .object(name: name)).error("skipping, unable to resolve instance types", metadata: ["error": "\(error)"])
            }
        }
        let input = state.schedulingInput(pods: pods, instanceTypes: instanceTypes)
        logger.with([
            "Pods": .string(Self.summarize(pods.map(\.metadata.key))),
            "duration": .string(GoDuration.format(stopwatch() - started)),
        ]).info("found provisionable pod(s)")
        let result = Scheduler.solve(input)
        return try await apply(result, pods: pods)
    }

    private func apply(_ result: SchedulingResult, pods: [Pod]) async throws -> ProvisioningRound {
        let byUID = Dictionary(pods.map { (SchedulingPod(kube: $0).uid, $0) }, uniquingKeysWith: { first, _ in first })
        var round = ProvisioningRound()
        if !result.newNodeClaims.isEmpty {
            logger.with([
                "nodeclaims": .int(result.newNodeClaims.count),
                "pods": .int(result.newNodeClaims.reduce(0) { $0 + $1.podUIDs.count }),
            ]).info("computed new nodeclaim(s) to fit pod(s)")
        }
        let inFlight = result.existingNodePlacements.filter { state.nodeClaim(named: $0.nodeName) != nil }
        if !inFlight.isEmpty {
            logger.with([
                "nodes": .int(inFlight.count), "pods": .int(inFlight.reduce(0) { $0 + $1.podUIDs.count }),
            ]).info("computed unready node(s) will fit pod(s)")
        }
        // NodeClaims first: every event is an API call, and capacity must not wait behind them.
        var nominations: [(pod: Pod, target: String)] = []
        for claim in result.newNodeClaims {
            let claimPods = claim.podUIDs.compactMap { byUID[$0] }
            do {
                let created = try await create(claim)
                round.created.append(created)
                let name = created.metadata.name ?? ""
                state.nominate(claimPods.map(\.metadata.key), to: name)
                nominations += claimPods.map { ($0, "nodeclaim/\(name)") }
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                // One failed create (a limit reached meanwhile, a rejected or lost API call) costs
                // only its own pods; they stay pending and the next round retries them.
                logger.with("NodePool", .object(name: claim.nodePool)).error("could not schedule pod", metadata: ["error": "\(error)"])
                for pod in claimPods {
                    await record(pod, type: "Warning", reason: "FailedScheduling", message: "Failed to schedule pod, \(error)")
                }
                round.retry = true
            }
        }
        for placement in result.existingNodePlacements {
            let kind = state.nodeClaim(named: placement.nodeName) != nil ? "nodeclaim" : "node"
            for uid in placement.podUIDs {
                guard let pod = byUID[uid] else { continue }
                if kind == "nodeclaim" { state.nominate([pod.metadata.key], to: placement.nodeName) }
                nominations.append((pod, "\(kind)/\(placement.nodeName)"))
            }
        }
        for (pod, target) in nominations {
            await record(pod, reason: "Nominated", message: "Pod should schedule on: \(target)")
        }
        for failure in result.failures {
            guard let pod = byUID[failure.uid] else { continue }
            round.failed.append(pod.metadata.key)
            logger.with("Pod", .object(name: pod.metadata.name ?? "", namespace: pod.metadata.namespace))
                .error("could not schedule pod", metadata: ["error": "\(failure.failure.message)"])
            await record(pod, type: "Warning", reason: "FailedScheduling", message: "Failed to schedule pod, \(failure.failure.message)")
        }
        return round
    }

    private func record(_ pod: Pod, type: String = "Normal", reason: String, message: String) async {
        do {
            _ = try await events.record(pod, type: type, reason: reason, message: message)
        } catch {
            logger.debug("recording event failed", metadata: ["reason": "\(reason)", "error": "\(error)"])
        }
    }

    private func isReady(_ pool: NodePool) -> Bool {
        guard let ready = pool.status?.conditions?.condition(NodePoolConditionType.ready) else { return true }
        return ready.status != .false
    }

    /// `a, b, c, d, e and N other(s)`: the first five items, then a count of the rest.
    package static func summarize(_ items: [String], limit: Int = 5) -> String {
        let head = items.prefix(limit).joined(separator: ", ")
        return items.count > limit ? "\(head) and \(items.count - limit) other(s)" : head
    }
}

/// What one scheduling round did.
package struct ProvisioningRound: Sendable {
    /// NodeClaims created, as the API server returned them.
    package var created: [NodeClaim] = []
    /// Keys of pods that fit nowhere.
    package var failed: [String] = []
    /// Whether a NodeClaim could not be created, so the round should be retried soon.
    package var retry = false
}
