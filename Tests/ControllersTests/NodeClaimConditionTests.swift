import CloudProvider
import Controllers
import Foundation
import KubeModel
import TestSupport
import Testing

/// Upstream's conditions, reasons, events and log lines on the NodeClaim lifecycle's failure and
/// waiting paths.
@Suite struct NodeClaimConditionTests {
    @Test func nodeClassNotReadyDeletesTheNodeClaimWithAnEvent() async throws {
        let cloud = FakeCloudProvider()
        cloud.failCreates(with: .nodeClassNotReady(name: "default", reason: "no subnets matched the selector terms"))
        let (harness, claim) = try await Harness.provisioned(cloud: cloud)
        let name = claim.metadata.name ?? ""
        _ = try await harness.lifecycle.reconcile(name)
        #expect(harness.sink.entries.last?["message"] as? String == "failed launching nodeclaim")
        #expect(harness.sink.entries.last?["level"] as? String == "ERROR")
        #expect(try await harness.events(reason: "NodeClassNotReady").first?.type == "Warning")
        _ = try await harness.lifecycle.reconcile(name)
        #expect(try await harness.nodeClaims().isEmpty)
    }

    /// A launch failure the cloud reports and one it does not classify.
    struct LaunchFailure: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var error: any Error & Sendable
        var reason: String
        var rethrown: Bool
    }

    /// An error no CloudProvider case describes, as a credentials provider would throw.
    struct ExpiredCredentials: Error, CustomStringConvertible {
        var description: String { "the web identity token expired; no credentials to sign CreateFleet" }
    }

    static let launchFailures = [
        LaunchFailure(testDescription: "cloud create error",
                      error: CloudProviderError.createFailed(reason: "UnauthorizedOperation", message: "not allowed to call CreateFleet"),
                      reason: "UnauthorizedOperation", rethrown: false),
        LaunchFailure(testDescription: "unclassified error", error: ExpiredCredentials(),
                      reason: "LaunchFailed", rethrown: true),
    ]

    @Test(arguments: launchFailures)
    func launchFailureLeavesLaunchedUnknownWithAReasonAndAnErrorLine(_ failure: LaunchFailure) async throws {
        let cloud = FakeCloudProvider()
        cloud.failCreates(throwing: failure.error)
        let (harness, claim) = try await Harness.provisioned(cloud: cloud)
        let name = claim.metadata.name ?? ""
        do {
            _ = try await harness.lifecycle.reconcile(name)
            #expect(!failure.rethrown)
        } catch {
            #expect(failure.rethrown, "\(error)")
        }
        let failing = try await harness.cluster.get(NodeClaim.self, name: name)
        let launched = try #require(failing.status?.conditions?.condition(NodeClaimConditionType.launched))
        #expect(launched.status == .unknown)
        #expect(launched.reason == failure.reason)
        #expect(launched.message?.isEmpty == false)
        let line = try #require(harness.sink.entries.last)
        #expect(line["message"] as? String == "failed launching nodeclaim")
        #expect(line["level"] as? String == "ERROR")
        #expect(line["error"] as? String != nil)
        // The same failure again does not rewrite the status.
        _ = try? await harness.lifecycle.reconcile(name)
        #expect(try await harness.cluster.get(NodeClaim.self, name: name).metadata.resourceVersion == failing.metadata.resourceVersion)
    }

    /// A Node that does not yet initialize its claim, and the reason expected.
    struct Waiting: Sendable, CustomTestStringConvertible {
        var testDescription: String { reason }
        var reason: String
        var ready = true
        var extraTaints: [KubeModel.Taint] = []
        var startupTaints: [KubeModel.Taint]?
        var extraRequests: [String: Quantity] = [:]
    }

    static let waiting = [
        Waiting(reason: "NodeNotReady", ready: false),
        Waiting(reason: "StartupTaintsExist", startupTaints: [KubeModel.Taint(key: "example.com/agent-not-ready", effect: .noSchedule)]),
        Waiting(reason: "KnownEphemeralTaintsExist",
                extraTaints: [KubeModel.Taint(key: "node.kubernetes.io/unreachable", effect: .noSchedule)]),
        Waiting(reason: "ResourceNotRegistered", extraRequests: ["example.com/fpga": Quantity(1)]),
    ]

    @Test(arguments: waiting)
    func initializedIsUnknownWithTheReasonItWaitsFor(_ case: Waiting) async throws {
        let (harness, claim) = try await Harness.provisioned(pool: Fixtures.nodePool(startupTaints: `case`.startupTaints))
        let name = claim.metadata.name ?? ""
        if !`case`.extraRequests.isEmpty {
            var updated = claim
            var resources = updated.spec.resources ?? ResourceRequests()
            resources.requests = (resources.requests ?? [:]).merging(`case`.extraRequests) { $1 }
            updated.spec.resources = resources
            _ = try await harness.cluster.update(updated)
        }
        _ = try await harness.lifecycle.reconcile(name)
        try await harness.registerNode(for: try await harness.cluster.get(NodeClaim.self, name: name),
                                       extraTaints: `case`.extraTaints, ready: `case`.ready)
        _ = try await harness.lifecycle.reconcile(name)
        let waiting = try await harness.cluster.get(NodeClaim.self, name: name)
        #expect(waiting.status?.conditions?.isTrue(NodeClaimConditionType.registered) == true)
        let initialized = try #require(waiting.status?.conditions?.condition(NodeClaimConditionType.initialized))
        #expect(initialized.status == .unknown)
        #expect(initialized.reason == `case`.reason)
        #expect(initialized.message?.isEmpty == false)
        // Waiting on: no status write while nothing changes.
        try await harness.sync()
        _ = try await harness.lifecycle.reconcile(name)
        #expect(try await harness.cluster.get(NodeClaim.self, name: name).metadata.resourceVersion == waiting.metadata.resourceVersion)
    }

    @Test func registrationTimeoutLogsUpstreamsTimeoutLine() async throws {
        let (harness, claim) = try await Harness.provisioned(logLevel: .debug)
        let name = claim.metadata.name ?? ""
        _ = try await harness.lifecycle.reconcile(name)
        harness.clock.advance(by: 15 * 60)
        _ = try await harness.lifecycle.reconcile(name)
        let line = try #require(harness.sink.entries.last { $0["message"] as? String == "terminating due to timeout" })
        #expect(line["level"] as? String == "DEBUG")
        #expect(line["timeout"] as? String == "15m0s")
        #expect(line["reason"] as? String == "registration_timeout")
        #expect(line["ttl"] == nil)
    }
}
