import CloudProvider
import ControllerRuntime
import Foundation
import KubeClient
import KubeModel
import Logging

/// The provisioning half of the operator wired together: informers for Pods, Nodes, NodeClaims,
/// NodePools, DaemonSets, Namespaces and EC2NodeClasses feed ``ClusterState`` and the work
/// queues; the ``Provisioner`` runs a round whenever its batch window closes; NodeClaim
/// lifecycle, NodePool status and Node termination run as reconcile loops. Used by the operator; `karpenter simulate`
/// steps the same controllers itself.
package final class ProvisioningControllers: Sendable {
    /// The shared cluster picture.
    package let state: ClusterState
    /// The provisioner (exposed for observation in tests and the simulator).
    package let provisioner: Provisioner
    let lifecycleLoop: ReconcileLoop
    let nodePoolLoop: ReconcileLoop
    let nodeLoop: ReconcileLoop
    let pods: Informer<Pod>
    let nodes: Informer<Node>
    let nodeClaims: Informer<NodeClaim>
    let nodePools: Informer<NodePool>
    let daemonSets: Informer<DaemonSet>
    let nodeClasses: Informer<EC2NodeClass>
    let namespaces: Informer<Namespace>
    let sleeper: any Clock<Duration>
    let logger: Logger

    /// Wires the controllers to `api` and `cloudProvider`. `clock` stamps conditions and drives the
    /// batch window; `sleeper` is what loops wait on (the same time line as `clock`).
    package init(api: any KubeAPI, cloudProvider: any CloudProvider, clock: any ControllerClock,
                 sleeper: any Clock<Duration> = ContinuousClock(), logger: Logger,
                 batchIdle: Duration = .seconds(1), batchMax: Duration = .seconds(10), workers: Int = 4) {
        let state = ClusterState()
        let events = EventRecorder(api: api, now: { clock.now })
        self.state = state
        self.sleeper = sleeper
        self.logger = logger
        provisioner = Provisioner(api: api, cloudProvider: cloudProvider, state: state, events: events, clock: clock,
                                  logger: logger, batchIdle: batchIdle, batchMax: batchMax)
        lifecycleLoop = ReconcileLoop(
            queue: WorkQueue(clock: sleeper),
            reconciler: NodeClaimLifecycle(api: api, cloudProvider: cloudProvider, state: state, events: events,
                                           clock: clock, logger: logger),
            workers: workers, name: "nodeclaim.lifecycle", logger: logger)
        nodePoolLoop = ReconcileLoop(queue: WorkQueue(clock: sleeper),
                                     reconciler: NodePoolCounter(api: api, state: state, clock: clock),
                                     name: "nodepool.counter", logger: logger)
        nodeLoop = ReconcileLoop(queue: WorkQueue(clock: sleeper),
                                 reconciler: NodeTermination(api: api, cloudProvider: cloudProvider, state: state, logger: logger),
                                 name: "node.termination", logger: logger)
        pods = Informer(api: api, clock: sleeper, logger: logger)
        nodes = Informer(api: api, clock: sleeper, logger: logger)
        nodeClaims = Informer(api: api, clock: sleeper, logger: logger)
        nodePools = Informer(api: api, clock: sleeper, logger: logger)
        daemonSets = Informer(api: api, clock: sleeper, logger: logger)
        nodeClasses = Informer(api: api, clock: sleeper, logger: logger)
        namespaces = Informer(api: api, clock: sleeper, logger: logger)
        connectHandlers()
    }

    private func connectHandlers() {
        let state = state
        let provisioner = provisioner
        let lifecycle = lifecycleLoop.queue
        let poolQueue = nodePoolLoop.queue
        let nodeQueue = nodeLoop.queue
        pods.addHandler { event in
            switch event {
            case let .added(pod), let .updated(_, pod), let .resync(pod):
                state.apply(pod)
                provisioner.observe(pod)
            case let .deleted(pod): state.remove(pod)
            }
        }
        nodes.addHandler { event in
            switch event {
            case let .added(node), let .updated(_, node), let .resync(node):
                state.apply(node)
                if node.metadata.isDeleting { nodeQueue.add(node.metadata.key) }
                if let claim = node.spec.providerID.flatMap(state.nodeClaim(providerID:)) {
                    lifecycle.add(claim.metadata.key)
                }
            case let .deleted(node): state.remove(node)
            }
        }
        nodeClaims.addHandler { event in
            switch event {
            case let .added(claim), let .updated(_, claim), let .resync(claim):
                state.apply(claim)
                lifecycle.add(claim.metadata.key)
                if let pool = claim.metadata.labels?[WellKnownLabels.nodePool] { poolQueue.add(pool) }
            case let .deleted(claim):
                state.remove(claim)
                if let pool = claim.metadata.labels?[WellKnownLabels.nodePool] { poolQueue.add(pool) }
                // Pods counting on it are pending again without any change of their own.
                provisioner.triggerIfPending()
            }
        }
        nodePools.addHandler { event in
            switch event {
            case let .added(pool), let .updated(_, pool), let .resync(pool):
                state.apply(pool)
                poolQueue.add(pool.metadata.key)
            case let .deleted(pool): state.remove(pool)
            }
        }
        // A NodePool's readiness follows its node class: any change re-evaluates the pools using it.
        nodeClasses.addHandler { event in
            let nodeClass: EC2NodeClass
            switch event {
            case let .added(object), let .updated(_, object), let .resync(object), let .deleted(object): nodeClass = object
            }
            for pool in state.nodePools where pool.spec.template.spec.nodeClassRef.name == nodeClass.metadata.name {
                poolQueue.add(pool.metadata.key)
            }
        }
        namespaces.addHandler { event in
            switch event {
            case let .added(namespace), let .updated(_, namespace), let .resync(namespace): state.apply(namespace)
            case let .deleted(namespace): state.remove(namespace)
            }
        }
        daemonSets.addHandler { event in
            switch event {
            case let .added(daemonSet), let .updated(_, daemonSet), let .resync(daemonSet): state.apply(daemonSet)
            case let .deleted(daemonSet): state.remove(daemonSet)
            }
        }
    }

    /// Runs every informer and loop until the task is cancelled. The provisioner waits for the
    /// informers' first sync before its first round, so in-flight NodeClaims are always seen.
    package func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.pods.run() }
            group.addTask { await self.nodes.run() }
            group.addTask { await self.nodeClaims.run() }
            group.addTask { await self.nodePools.run() }
            group.addTask { await self.daemonSets.run() }
            group.addTask { await self.nodeClasses.run() }
            group.addTask { await self.namespaces.run() }
            group.addTask { await self.lifecycleLoop.run() }
            group.addTask { await self.nodePoolLoop.run() }
            group.addTask { await self.nodeLoop.run() }
            group.addTask { await self.runProvisioner() }
        }
    }

    /// How often pending pods are looked at again when nothing else triggered a round (upstream: 10 s).
    static let pendingPodInterval: TimeInterval = 10

    /// Waits for informer sync, then runs a provisioning round each time the batch window closes,
    /// and opens a window every ``pendingPodInterval`` while provisionable pods are waiting.
    private func runProvisioner() async {
        await pods.waitForSync()
        await nodes.waitForSync()
        await nodeClaims.waitForSync()
        await nodePools.waitForSync()
        await daemonSets.waitForSync()
        await namespaces.waitForSync()
        var lastLook = provisioner.clock.now
        while !Task.isCancelled {
            do {
                let now = provisioner.clock.now
                if provisioner.deadline == nil, now.timeIntervalSince(lastLook) >= Self.pendingPodInterval {
                    lastLook = now
                    provisioner.triggerIfPending()
                }
                if let round = try await provisioner.reconcileIfDue(), round.retry { provisioner.triggerIfPending() }
                let wait: Duration
                if let deadline = provisioner.deadline {
                    let seconds = max(0, deadline.timeIntervalSince(provisioner.clock.now))
                    wait = .milliseconds(Int64((seconds * 1000).rounded(.up)))
                } else {
                    wait = .milliseconds(100)
                }
                try await sleeper.sleep(for: wait, tolerance: nil)
            } catch is CancellationError {
                return
            } catch {
                logger.with("controller", "provisioner").error("provisioning round failed", metadata: ["error": "\(error)"])
                try? await sleeper.sleep(for: .seconds(1), tolerance: nil)
                provisioner.triggerIfPending()
            }
        }
    }
}
