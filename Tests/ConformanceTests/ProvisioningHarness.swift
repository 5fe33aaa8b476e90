import Controllers
import Foundation
import KubeClient
import KubeModel
import Logging
import Simulation
import TestSupport

/// The world one end-to-end test runs in: the real kube-apiserver and kube-scheduler started by
/// `hack/control-plane.sh` (found through `KARPENTER_TEST_KUBECONFIG`), a ``KwokCloudProvider`` over
/// the real EC2 catalogue as the cloud, and a ``SimulatedKubelet`` that registers a Node there for
/// every instance the cloud launches. The cloud and its kubelets live for the whole test, as they
/// would across a controller restart; the controllers come and go (``run(_:until:_:)``).
///
/// No kube-controller-manager runs: the simulated kubelet also stands in for the node lifecycle
/// controller, clearing the `node.kubernetes.io/not-ready` taint that the API server's
/// TaintNodesByCondition admission puts on every new Node once the Node is Ready.
struct ProvisioningHarness: Sendable {
    /// The zones the simulated cloud launches in (three, like the subnets of a typical cluster).
    static let zones = ["us-east-1a", "us-east-1b", "us-east-1c"]
    /// Time from launch to Node registration: short, on the real clock.
    static let bootDelay: Duration = .milliseconds(300)
    /// Time a registered Node stays NotReady, as a real kubelet's does while its runtime and network
    /// come up. Nodes launched together thus exist before any of them can take pods, which is what
    /// kube-scheduler 1.20's topology spread needs to see every zone as a domain.
    static let readyDelay: Duration = .seconds(1)
    /// How long one phase may wait for what it expects before the test fails (a guard against a
    /// hang, not a timing assertion: every wait returns as soon as the watched state is reached).
    static let phaseLimit: Duration = .seconds(60)

    let api: any KubeAPI
    let cloud: KwokCloudProvider
    let logger: Logger

    /// Builds the world, runs `body` in it with the kubelet following the cloud, and stops the
    /// kubelet when `body` returns or throws. `logLevel` (or `KARPENTER_TEST_CONTROLLER_LOG`, e.g.
    /// `debug`) sends the controllers' log to stderr for diagnosing a failure; by default they log nothing.
    static func withHarness<Value: Sendable>(
        logLevel: Logger.Level? = ProcessInfo.processInfo.environment["KARPENTER_TEST_CONTROLLER_LOG"].flatMap(Logger.Level.init(rawValue:)),
        _ body: @escaping @Sendable (ProvisioningHarness) async throws -> Value
    ) async throws -> Value {
        let api = try RealControlPlane.client()
        try await KarpenterResources.installCRDs(api)
        // Instance IDs (hence provider IDs) and Node addresses of their own, so that Nodes left on
        // this API server by earlier tests or runs are never mistaken for this test's instances.
        let cloud = KwokCloudProvider(catalogue: try SimulatedCatalogue.bundled(),
                                      configuration: .init(zones: zones, seed: UInt64.random(in: 1...UInt64.max)))
        let kubelet = SimulatedKubelet(api: api, configuration: .init(
            bootDelay: bootDelay, readyDelay: readyDelay, firstHost: Int.random(in: 1..<(1 << 16)) << 8))
        let logger = Logger(label: "controller") { label in
            guard let logLevel else { return SwiftLogNoOpLogHandler() }
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = logLevel
            return handler
        }
        let harness = ProvisioningHarness(api: api, cloud: cloud, logger: logger)
        let events = await cloud.events()
        return try await withThrowingTaskGroup(of: Value?.self) { group in
            group.addTask {
                await kubelet.run(events: events)
                return nil
            }
            group.addTask { try await body(harness) }
            return try await firstValue(of: &group, what: "the test body")
        }
    }

    /// Creates a scenario (see ``ProvisioningScenario/create(_:pool:limits:)``), runs `body` with it
    /// and then, whether `body` succeeded or not, deletes its pods, DaemonSets and NodePool, so that
    /// later cases' provisioning rounds do not keep meeting them (its Nodes and NodeClaims stay, inert).
    func withScenario<Value: Sendable>(pool: NodePool, limits: [String: Quantity]? = nil,
                                       _ body: (ProvisioningScenario) async throws -> Value) async throws -> Value {
        let scenario = try await ProvisioningScenario.create(api, pool: pool, limits: limits)
        let result: Result<Value, any Error>
        do {
            result = .success(try await body(scenario))
        } catch {
            result = .failure(error)
        }
        try await scenario.tearDown()
        return try result.get()
    }

    /// Fresh controllers over this world's API server and cloud, with a short batch window.
    func makeControllers() -> ProvisioningControllers {
        ProvisioningControllers(api: api, cloudProvider: cloud, clock: SystemControllerClock(), logger: logger,
                                batchIdle: .milliseconds(100), batchMax: .seconds(2))
    }

    /// Runs `controllers` until `wait` returns, then stops them (also when `wait` throws or the
    /// phase limit passes, which fails with ``PhaseTimedOut`` naming `phase`).
    func run<Value: Sendable>(_ controllers: ProvisioningControllers, until phase: String,
                              _ wait: @escaping @Sendable () async throws -> Value) async throws -> Value {
        try await withThrowingTaskGroup(of: Value?.self) { group in
            group.addTask {
                await controllers.run()
                return nil
            }
            group.addTask {
                try await ContinuousClock().sleep(for: Self.phaseLimit)
                throw PhaseTimedOut(phase: phase, limit: Self.phaseLimit)
            }
            group.addTask { try await wait() }
            return try await Self.firstValue(of: &group, what: phase)
        }
    }

    /// Launched instances of `pool` (the cloud is shared by every scenario of the test).
    func instances(of pool: String) async throws -> [NodeClaim] {
        try await cloud.list().filter { $0.metadata.labels?[WellKnownLabels.nodePool] == pool }
    }

    /// The first value a child task returns; the others (controllers, kubelet, deadline) are then
    /// cancelled and awaited before this returns.
    static func firstValue<Value: Sendable>(of group: inout ThrowingTaskGroup<Value?, any Error>, what: String) async throws -> Value {
        defer { group.cancelAll() }
        while let next = try await group.next() {
            if let next { return next }
        }
        throw PhaseTimedOut(phase: what, limit: nil)
    }
}

/// A phase of an end-to-end test did not reach the state it waits for.
struct PhaseTimedOut: Error, CustomStringConvertible {
    var phase: String
    /// The limit that passed, or nil when every task ended without a result.
    var limit: Duration?

    var description: String {
        if let limit { return "gave up waiting for \(phase) after \(limit)" }
        return "every task ended before \(phase)"
    }
}
