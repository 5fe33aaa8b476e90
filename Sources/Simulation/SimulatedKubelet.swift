import Foundation
import KubeClient
import KubeModel

/// Stands in for the kubelets of simulated instances: after a boot delay it registers a Node for each
/// launched NodeClaim — against any ``KubeAPI``, the in-memory ``SimulatedCluster`` or a real API
/// server — and removes the Node when the instance is terminated (unless someone already did). An
/// instance terminated before its Node registered never registers one.
///
/// The Node carries what a real EKS node would at registration: the NodeClaim's provider ID and
/// labels (plus `kubernetes.io/hostname`), the `karpenter.sh/unregistered:NoExecute` taint with the
/// NodeClaim's taints and startup taints, capacity, allocatable and a Ready condition (NotReady, with
/// the `node.kubernetes.io/not-ready` taint, until the ready delay has passed when one is set). Time
/// (the boot and ready delays) comes from the injected clock. Node names are
/// `ip-10-x-y-z.ec2.internal`, allocated in launch order so a run is reproducible.
package actor SimulatedKubelet {
    /// Settings fixed at creation.
    package struct Configuration: Sendable {
        /// Time from launch to Node registration.
        package var bootDelay: Duration = .seconds(30)
        /// Whether nodes become Ready; false leaves them NotReady until ``setReady(nodeName:_:)``.
        package var registerReady = true
        /// Time from registration to Ready. A real kubelet registers its Node NotReady and reports
        /// Ready once its runtime and network are up; zero registers the Node Ready at once.
        package var readyDelay: Duration = .zero
        /// Host number (within 10.0.0.0/8) of the first Node's address; later Nodes count up from it.
        /// Kubelets that share one API server need disjoint ranges, as instances in one VPC have
        /// distinct addresses, or their Node names collide.
        package var firstHost = 10

        /// Creates the settings.
        package init(bootDelay: Duration = .seconds(30), registerReady: Bool = true, readyDelay: Duration = .zero,
                     firstHost: Int = 10) {
            self.bootDelay = bootDelay
            self.registerReady = registerReady
            self.readyDelay = readyDelay
            self.firstHost = firstHost
        }

        /// Whether the Node is Ready when it is created.
        var readyAtRegistration: Bool { registerReady && readyDelay == .zero }
    }

    /// A boot or termination that ``run(events:)`` could not complete.
    package struct Failure: Error, Sendable, CustomStringConvertible {
        /// `boot` or `terminate`.
        package var operation: String
        /// The instance's provider ID.
        package var providerID: String
        /// What went wrong.
        package var error: String

        package var description: String { "simulated kubelet could not \(operation) \(providerID): \(error)" }
    }

    /// Writes of one Node retried after a conflict before the conflict is reported: the other
    /// writer (Karpenter adopting the Node) finishes in one or two rounds; more means a bug.
    static let conflictRetries = 5

    let api: any KubeAPI
    let configuration: Configuration
    let clock: any Clock<Duration>
    let now: @Sendable () -> Date
    /// Node name by provider ID, for every instance seen.
    var nodeNames: [String: String] = [:]
    /// Provider IDs of instances the cloud terminated: they never register (again).
    var terminatedInstances: Set<String> = []
    var nextAddress = 0
    let failureSink: AsyncStream<Failure>.Continuation

    /// Boots and terminations ``run(events:)`` could not complete (API errors other than a
    /// Node that is already gone), newest 100 kept until read. Follow it to fail a test or log.
    package nonisolated let failures: AsyncStream<Failure>

    /// Creates a kubelet writing to `api`; `clock` times boot, `now` stamps conditions.
    package init(api: any KubeAPI, configuration: Configuration = Configuration(),
                 clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.api = api
        self.configuration = configuration
        self.clock = clock
        self.now = now
        (failures, failureSink) = AsyncStream.makeStream(of: Failure.self, bufferingPolicy: .bufferingNewest(100))
    }

    /// Follows a cloud's instance events until the stream ends or the task is cancelled: each launch
    /// boots concurrently, each termination removes its Node. Failures go to ``failures``.
    package func run(events: AsyncStream<KwokCloudProvider.InstanceEvent>) async {
        await withTaskGroup(of: Void.self) { group in
            for await event in events {
                switch event {
                case let .launched(claim):
                    group.addTask { await self.reporting("boot", claim) { _ = try await self.boot(claim) } }
                case let .terminated(claim):
                    markTerminated(claim)
                    group.addTask { await self.reporting("terminate", claim) { try await self.terminated(claim) } }
                }
            }
        }
    }

    private nonisolated func reporting(_ operation: String, _ claim: NodeClaim, _ body: () async throws -> Void) async {
        do {
            try await body()
        } catch is CancellationError {
            return
        } catch {
            failureSink.yield(Failure(operation: operation, providerID: claim.status?.providerID ?? "", error: "\(error)"))
        }
    }

    /// Waits the boot delay, then registers the Node (and, with a ready delay, makes it Ready after
    /// that delay). Returns nil, and leaves no Node, when the instance was terminated meanwhile.
    package func boot(_ claim: NodeClaim) async throws -> Node? {
        _ = nodeName(for: claim)
        if configuration.bootDelay > .zero { try await clock.sleep(for: configuration.bootDelay) }
        guard !isTerminated(claim) else { return nil }
        let node = try await register(claim)
        // Terminated while the Node was being created: the termination found nothing to delete.
        guard !isTerminated(claim) else {
            try await terminated(claim)
            return nil
        }
        guard configuration.registerReady, !configuration.readyAtRegistration else { return node }
        try await clock.sleep(for: configuration.readyDelay)
        guard !isTerminated(claim) else { return nil }
        return try await setReady(nodeName: node.metadata.name ?? "", true)
    }

    func isTerminated(_ claim: NodeClaim) -> Bool {
        claim.status?.providerID.map { terminatedInstances.contains($0) } ?? false
    }

    func markTerminated(_ claim: NodeClaim) {
        if let providerID = claim.status?.providerID { terminatedInstances.insert(providerID) }
    }

    /// Registers the Node for `claim` now; returns the existing Node if it is already registered.
    package func register(_ claim: NodeClaim) async throws -> Node {
        let name = nodeName(for: claim)
        let node = self.node(named: name, for: claim)
        do {
            var created = try await api.create(node)
            if created.status?.allocatable == nil, let status = node.status {
                created.status = status
                created = try await api.updateStatus(created)
            }
            return try await syncNotReadyTaint(created, ready: configuration.readyAtRegistration)
        } catch KubeError.alreadyExists {
            return try await api.get(Node.self, name: name)
        }
    }

    /// Deletes the Node of a terminated instance (and keeps it from registering later); a Node
    /// already gone is fine.
    package func terminated(_ claim: NodeClaim) async throws {
        markTerminated(claim)
        guard let providerID = claim.status?.providerID, let name = nodeNames[providerID] else { return }
        do {
            try await api.delete(Node.self, name: name)
        } catch KubeError.notFound {
            return
        }
    }

    /// Flips the Node's Ready condition (a node that becomes Ready late, or fails); a conflict with
    /// another writer rereads the Node and tries again, up to ``conflictRetries`` times. Returns the
    /// Node as stored.
    @discardableResult
    package func setReady(nodeName: String, _ ready: Bool) async throws -> Node {
        var attempt = 0
        while true {
            attempt += 1
            var node = try await api.get(Node.self, name: nodeName)
            var status = node.status ?? NodeStatus()
            var conditions = (status.conditions ?? []).filter { $0.type != "Ready" }
            conditions.append(readyCondition(ready))
            status.conditions = conditions
            node.status = status
            do {
                node = try await api.updateStatus(node)
            } catch KubeError.conflict where attempt <= Self.conflictRetries {
                try Task.checkCancellation()
                continue
            }
            return try await syncNotReadyTaint(node, ready: ready)
        }
    }

    /// What the node lifecycle controller does (the simulation has none): a Ready node loses the
    /// `node.kubernetes.io/not-ready:NoSchedule` taint admission put on it; a NotReady one gets it back.
    /// A conflict (Karpenter registering the Node at the same moment) rereads the Node and tries
    /// again, up to ``conflictRetries`` times.
    func syncNotReadyTaint(_ node: Node, ready: Bool) async throws -> Node {
        let notReady = Taint.notReady
        var current = node
        var attempt = 0
        while true {
            attempt += 1
            var taints = current.spec.taints ?? []
            let tainted = taints.contains { $0.matches(notReady) }
            guard tainted == ready else { return current }
            if ready { taints.removeAll { $0.matches(notReady) } } else { taints.append(notReady) }
            var updated = current
            updated.spec.taints = taints
            do {
                return try await api.update(updated)
            } catch KubeError.conflict where attempt <= Self.conflictRetries {
                try Task.checkCancellation()
                current = try await api.get(Node.self, name: current.metadata.name ?? "")
            }
        }
    }

    /// The name the Node of `claim` has or will have.
    package func nodeName(for claim: NodeClaim) -> String {
        let providerID = claim.status?.providerID ?? "nodeclaim/\(claim.metadata.name ?? "")"
        if let name = nodeNames[providerID] { return name }
        // 10.0.0.0/8 minus the network addresses: host numbers start at 10.0.0.10 (by default), one per instance.
        let host = (nextAddress + configuration.firstHost) & 0xFF_FFFF
        nextAddress += 1
        let name = "ip-10-\((host >> 16) & 0xFF)-\((host >> 8) & 0xFF)-\(host & 0xFF).ec2.internal"
        nodeNames[providerID] = name
        return name
    }

    /// The Node object a kubelet would register for `claim`.
    func node(named name: String, for claim: NodeClaim) -> Node {
        var labels = claim.metadata.labels ?? [:]
        labels[WellKnownLabels.hostname] = name
        var taints = [Taint.unregistered]
        for taint in (claim.spec.taints ?? []) + (claim.spec.startupTaints ?? []) where !taints.contains(where: { $0.matches(taint) }) {
            taints.append(taint)
        }
        let address = name.dropFirst(3).prefix { $0 != "." }.replacingOccurrences(of: "-", with: ".")
        let status = NodeStatus(
            capacity: claim.status?.capacity, allocatable: claim.status?.allocatable,
            conditions: [readyCondition(configuration.readyAtRegistration)],
            addresses: [NodeAddress(type: "InternalIP", address: address), NodeAddress(type: "Hostname", address: name)])
        return Node(metadata: ObjectMeta(name: name, labels: labels),
                    spec: NodeSpec(providerID: claim.status?.providerID, taints: taints), status: status)
    }

    func readyCondition(_ ready: Bool) -> NodeCondition {
        let time = KubeTime(now())
        return NodeCondition(type: "Ready", status: ready ? "True" : "False",
                             reason: ready ? "KubeletReady" : "KubeletNotReady",
                             message: ready ? "kubelet is posting ready status" : "container runtime network not ready",
                             lastHeartbeatTime: time, lastTransitionTime: time)
    }
}
