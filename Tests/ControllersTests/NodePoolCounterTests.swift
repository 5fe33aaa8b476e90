import Controllers
import Foundation
import KubeModel
import Testing

@Suite struct NodePoolCounterTests {
    @Test func countsLaunchedCapacityAndNodes() async throws {
        let harness = Harness()
        try await harness.seed(pods: Fixtures.seedPods, daemonSets: Fixtures.seedDaemonSets)
        try await harness.provisioner.schedule()
        let name = try #require(try await harness.nodeClaims().first?.metadata.name)
        _ = try await harness.lifecycle.reconcile(name)
        let counter = NodePoolCounter(api: harness.cluster, state: harness.state, clock: harness.clock)
        _ = try await counter.reconcile("default")
        let pool = try await harness.cluster.get(NodePool.self, name: "default")
        #expect(pool.status?.resources?["cpu"] == "2")
        #expect(pool.status?.resources?["pods"] == "17")
        #expect(pool.status?.resources?["nodes"] == "1")
        #expect(pool.status?.conditions?.isTrue(NodePoolConditionType.ready) == true)
        #expect(pool.status?.conditions?.isTrue(NodePoolConditionType.validationSucceeded) == true)
        #expect(pool.status?.conditions?.isTrue(NodePoolConditionType.nodeClassReady) == true)
    }

    /// A NodePool and its node class, and the conditions the counter should report.
    struct Readiness: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var nodeClasses: [EC2NodeClass] = [Fixtures.nodeClass()]
        var pool = Fixtures.nodePool()
        var deleteNodeClass = false
        var ready: ConditionStatus = .false
        var validation: (status: ConditionStatus, reason: String) = (.true, "ValidationSucceeded")
        var nodeClass: (status: ConditionStatus, reason: String) = (.true, "NodeClassReady")
    }

    static let readiness: [Readiness] = {
        var invalid = Fixtures.nodePool()
        invalid.spec.weight = 0
        return [
            Readiness(testDescription: "node class present", ready: .true),
            Readiness(testDescription: "node class missing", nodeClasses: [], nodeClass: (.false, "NodeClassNotFound")),
            Readiness(testDescription: "node class terminating", deleteNodeClass: true, nodeClass: (.false, "NodeClassTerminating")),
            Readiness(testDescription: "node class not ready",
                      nodeClasses: [Fixtures.nodeClass(conditions: [
                          Condition(type: "Ready", status: .false, reason: "UnhealthyDependents", message: "SubnetsReady=False"),
                      ])],
                      nodeClass: (.false, "UnhealthyDependents")),
            Readiness(testDescription: "node class readiness unknown",
                      nodeClasses: [Fixtures.nodeClass(conditions: [Condition(type: "Ready", status: .unknown)])],
                      nodeClass: (.false, "NodeClassReadinessUnknown")),
            Readiness(testDescription: "invalid pool", pool: invalid, validation: (.false, "NodePoolValidationFailed")),
        ]
    }()

    @Test(arguments: readiness)
    func readyFollowsValidationAndTheNodeClass(_ case: Readiness) async throws {
        let harness = Harness()
        try await harness.seed(nodeClasses: `case`.nodeClasses, pools: [`case`.pool])
        if `case`.deleteNodeClass {
            var nodeClass = try await harness.cluster.get(EC2NodeClass.self, name: "default")
            nodeClass.metadata.finalizers = ["karpenter.k8s.aws/termination"]
            _ = try await harness.cluster.update(nodeClass)
            try await harness.cluster.delete(EC2NodeClass.self, name: "default")
        }
        let counter = NodePoolCounter(api: harness.cluster, state: harness.state, clock: harness.clock)
        let result = try await counter.reconcile("default")
        let conditions = try await harness.cluster.get(NodePool.self, name: "default").status?.conditions ?? []
        #expect(conditions.condition(NodePoolConditionType.ready)?.status == `case`.ready)
        #expect(conditions.condition(NodePoolConditionType.validationSucceeded)?.status == `case`.validation.status)
        #expect(conditions.condition(NodePoolConditionType.validationSucceeded)?.reason == `case`.validation.reason)
        #expect(conditions.condition(NodePoolConditionType.nodeClassReady)?.status == `case`.nodeClass.status)
        #expect(conditions.condition(NodePoolConditionType.nodeClassReady)?.reason == `case`.nodeClass.reason)
        if `case`.ready != .true {
            #expect(conditions.condition(NodePoolConditionType.ready)?.reason == "UnhealthyDependents")
        }
        #expect((result.requeueAfter != nil) == (`case`.nodeClass.status != .true))
    }

    @Test func aNodeClassCreatedLaterMakesThePoolReady() async throws {
        let harness = Harness()
        try await harness.seed(nodeClasses: [])
        let counter = NodePoolCounter(api: harness.cluster, state: harness.state, clock: harness.clock)
        _ = try await counter.reconcile("default")
        #expect(try await harness.cluster.get(NodePool.self, name: "default").status?.conditions?.isTrue(NodePoolConditionType.ready) == false)
        _ = try await harness.cluster.create(Fixtures.nodeClass())
        _ = try await counter.reconcile("default")
        #expect(try await harness.cluster.get(NodePool.self, name: "default").status?.conditions?.isTrue(NodePoolConditionType.ready) == true)
    }
}

@Suite struct NodeTerminationTests {
    @Test func deletingTheNodeTerminatesClaimAndInstance() async throws {
        let harness = Harness()
        try await harness.seed(pods: Fixtures.seedPods)
        try await harness.provisioner.schedule()
        let name = try #require(try await harness.nodeClaims().first?.metadata.name)
        _ = try await harness.lifecycle.reconcile(name)
        let node = try await harness.registerNode(for: try await harness.cluster.get(NodeClaim.self, name: name))
        _ = try await harness.lifecycle.reconcile(name)
        try await harness.cluster.delete(Node.self, name: node.metadata.name ?? "")
        try await harness.sync()
        let termination = NodeTermination(api: harness.cluster, cloudProvider: harness.cloud, state: harness.state,
                                          logger: harness.logger)
        _ = try await termination.reconcile(node.metadata.name ?? "")
        let deleted = try #require(harness.sink.entries.last { $0["message"] as? String == "deleted node" })
        #expect(deleted["Node"] as? [String: String] == ["name": node.metadata.name ?? ""])
        #expect(deleted["NodeClaim"] as? [String: String] == ["name": name])
        #expect(harness.cloud.instances.isEmpty)
        #expect(try await harness.cluster.list(Node.self).items.isEmpty)
        try await harness.sync()
        _ = try await harness.lifecycle.reconcile(name)
        #expect(try await harness.nodeClaims().isEmpty)
    }
}
