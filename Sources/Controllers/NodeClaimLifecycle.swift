import CloudProvider
import ControllerRuntime
import Foundation
import KubeClient
import KubeModel
import Logging
import Observability

/// Drives one NodeClaim from creation to a ready Node and back: adds the termination finalizer
/// before any cloud call, launches (`Launched`), registers the Node found by provider ID
/// (`Registered`: labels, taints, owner and finalizer synced, unregistered taint removed), waits for
/// initialization (`Initialized`: Node Ready, startup and ephemeral taints gone, requested
/// resources present), deletes claims that do not launch within ``launchTimeout`` or whose Node
/// never registers, and on deletion removes the Node, terminates the instance until the cloud
/// reports it gone and removes the finalizer.
package struct NodeClaimLifecycle: Reconciler {
    let api: any KubeAPI
    let cloudProvider: any CloudProvider
    let state: ClusterState
    let events: EventRecorder
    let clock: any ControllerClock
    let logger: Logger
    /// How long a launched NodeClaim may wait for its Node before it is deleted.
    package var registrationTimeout: TimeInterval = 15 * 60
    /// How long a NodeClaim may stay unlaunched (cloud errors, node class not ready) before it is
    /// deleted, so its pods are provisioned afresh instead of waiting on a launch that keeps failing.
    package var launchTimeout: TimeInterval = 5 * 60
    /// Requeue interval while waiting for registration, initialization or termination.
    package var pollInterval: Duration = .seconds(5)
    /// The `reconcileID` each reconcile logs (random UUIDs; the simulator supplies reproducible ones).
    package var reconcileIDs: @Sendable () -> String = { UUID().uuidString.lowercased() }

    /// Creates the controller; `logger` carries the operator's base fields.
    package init(api: any KubeAPI, cloudProvider: any CloudProvider, state: ClusterState, events: EventRecorder,
                 clock: any ControllerClock, logger: Logger) {
        self.api = api
        self.cloudProvider = cloudProvider
        self.state = state
        self.events = events
        self.clock = clock
        self.logger = logger.with("controller", "nodeclaim.lifecycle")
    }

    /// Reconciles the NodeClaim named `key` one step further.
    package func reconcile(_ key: String) async throws -> ReconcileResult {
        var claim: NodeClaim
        do {
            claim = try await api.get(NodeClaim.self, name: key)
        } catch KubeError.notFound {
            return .done
        }
        state.apply(claim)
        let log = logger.with([
            "controllerGroup": "karpenter.sh", "controllerKind": "NodeClaim", "NodeClaim": .object(name: key),
            "namespace": "", "name": .string(key), "reconcileID": .string(reconcileIDs()),
        ])
        if claim.metadata.isDeleting { return try await finalize(claim, log: log) }
        if !claim.metadata.hasFinalizer(WellKnownFinalizers.termination) {
            _ = claim.metadata.addFinalizer(WellKnownFinalizers.termination)
            claim = try await api.update(claim)
            state.apply(claim)
        }
        let conditions = claim.status?.conditions ?? []
        if !conditions.isTrue(NodeClaimConditionType.launched) {
            let age = clock.now.timeIntervalSince(claim.metadata.creationTimestamp?.date ?? clock.now)
            if age >= launchTimeout {
                log.with(["timeout": .string(GoDuration.format(.seconds(launchTimeout))), "reason": "launch_timeout"])
                    .debug("terminating due to timeout")
                try await deleteIgnoringNotFound(claim)
                return .done
            }
            return try await launch(claim, log: log)
        }
        if !conditions.isTrue(NodeClaimConditionType.registered) { return try await register(claim, log: log) }
        if !conditions.isTrue(NodeClaimConditionType.initialized) { return try await initialize(claim, log: log) }
        return .done
    }

    /// `cloudProvider.create`, then the launched status; insufficient capacity deletes the claim so
    /// the provisioner retries with the remaining offerings.
    private func launch(_ claim: NodeClaim, log: Logger) async throws -> ReconcileResult {
        let launched: NodeClaim
        do {
            launched = try await cloudProvider.create(claim)
        } catch let error as CloudProviderError {
            switch error {
            case .insufficientCapacity:
                log.error("failed launching nodeclaim", metadata: ["error": "\(error)"])
                await record(claim, type: "Warning", reason: "InsufficientCapacityError",
                             message: "NodeClaim \(claim.metadata.name ?? "") event: \(error)")
                try await deleteIgnoringNotFound(claim)
                return .done
            case let .nodeClassNotReady(_, reason):
                log.error("failed launching nodeclaim", metadata: ["error": "\(error)"])
                await record(claim, type: "Warning", reason: "NodeClassNotReady", message: "\(error)")
                var updated = claim
                setCondition(&updated, NodeClaimConditionType.launched, .false, reason: "NodeClassNotReady", message: reason)
                state.apply(try await api.updateStatus(updated))
                return ReconcileResult(requeueAfter: pollInterval)
            case let .createFailed(reason, message):
                log.error("failed launching nodeclaim", metadata: ["error": "\(error)"])
                var updated = claim
                setCondition(&updated, NodeClaimConditionType.launched, .false, reason: reason, message: message)
                state.apply(try await api.updateStatus(updated))
                return ReconcileResult(requeueAfter: pollInterval)
            case .nodeClaimNotFound:
                throw error
            }
        }
        var updated = claim
        var labels = updated.metadata.labels ?? [:]
        for (key, value) in launched.metadata.labels ?? [:] where labels[key] == nil { labels[key] = value }
        if labels != (updated.metadata.labels ?? [:]) {
            updated.metadata.labels = labels
            updated = try await api.update(updated)
        }
        var status = updated.status ?? NodeClaimStatus()
        status.providerID = launched.status?.providerID
        status.imageID = launched.status?.imageID
        status.capacity = launched.status?.capacity
        status.allocatable = launched.status?.allocatable
        updated.status = status
        setCondition(&updated, NodeClaimConditionType.launched, .true, reason: "Launched")
        updated = try await api.updateStatus(updated)
        state.apply(updated)
        log.with([
            "provider-id": .string(status.providerID ?? ""),
            "instance-type": .string(labels[WellKnownLabels.instanceType] ?? ""),
            "zone": .string(labels[WellKnownLabels.zone] ?? ""),
            "capacity-type": .string(labels[WellKnownLabels.capacityType] ?? ""),
            "allocatable": .resources(status.allocatable ?? [:]),
        ]).info("launched nodeclaim")
        return ReconcileResult(requeueAfter: pollInterval)
    }

    func setCondition(_ claim: inout NodeClaim, _ type: String, _ status: ConditionStatus, reason: String,
                      message: String? = nil) {
        var conditions = claim.status?.conditions ?? []
        conditions.set(type, status: status, reason: reason, message: message,
                       observedGeneration: claim.metadata.generation, now: KubeTime(clock.now))
        var updatedStatus = claim.status ?? NodeClaimStatus()
        updatedStatus.conditions = conditions
        claim.status = updatedStatus
    }

    func record(_ claim: NodeClaim, type: String = "Normal", reason: String, message: String) async {
        do {
            _ = try await events.record(claim, type: type, reason: reason, message: message)
        } catch {
            logger.debug("recording event failed", metadata: ["reason": "\(reason)", "error": "\(error)"])
        }
    }

    func deleteIgnoringNotFound(_ claim: NodeClaim) async throws {
        do {
            try await api.delete(NodeClaim.self, name: claim.metadata.name ?? "")
        } catch KubeError.notFound {}
    }
}
