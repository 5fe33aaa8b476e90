import Controllers
import Foundation
import Logging
import TestSupport
import Testing
@testable import karpenter

/// `karpenter simulate` in process: the embedded default scenario, option parsing, the run's
/// timers and its determinism.
@Suite struct SimulateCommandTests {
    /// Builder: a scenario with the seed's NodePool and node class plus `replicas` pods in two
    /// deployments, one spread over zones.
    static func scenario(replicas: Int = 20) throws -> Scenario {
        var scenario = Scenario()
        try scenario.load(SeedScenario.yaml, source: SeedScenario.source)
        try scenario.load("""
            apiVersion: karpenter.sh/v1
            kind: NodePool
            metadata:
              name: mixed
            spec:
              template:
                spec:
                  requirements:
                    - key: karpenter.sh/capacity-type
                      operator: In
                      values: ["spot", "on-demand"]
                    - key: karpenter.k8s.aws/instance-cpu
                      operator: Lt
                      values: ["9"]
                  nodeClassRef:
                    group: karpenter.k8s.aws
                    kind: EC2NodeClass
                    name: default
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: \(replicas)
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  topologySpreadConstraints:
                    - maxSkew: 1
                      topologyKey: topology.kubernetes.io/zone
                      whenUnsatisfiable: DoNotSchedule
                      labelSelector:
                        matchLabels:
                          app: web
                  containers:
                    - name: app
                      image: example
                      resources:
                        requests:
                          cpu: 700m
                          memory: 1Gi
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: jobs
            spec:
              replicas: \(replicas)
              template:
                spec:
                  containers:
                    - name: app
                      image: example
                      resources:
                        requests:
                          cpu: 1500m
                          memory: 3Gi
            """, source: "test")
        return scenario
    }

    static func run(_ scenario: Scenario, seed: UInt64) async throws -> SimulationReport {
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        return try await SimulationRun(scenario: scenario, seed: seed, logger: logger, clock: VirtualClock()).run().report
    }

    @Test func podsOfALaunchLostToInsufficientCapacityAreProvisionedAgain() async throws {
        var scenario = Scenario()
        try scenario.load(SeedScenario.yaml, source: SeedScenario.source)
        let sink = CapturingLogHandler.Sink()
        let logger = sink.logger(level: .info)
        var run = SimulationRun(scenario: scenario, seed: 1, logger: logger, clock: VirtualClock())
        run.failedLaunches = 1
        let report = try await run.run().report
        #expect(report.unschedulable.isEmpty)
        #expect(report.nodeClaims.count == 1)
        #expect(sink.messages.filter { $0 == "failed launching nodeclaim" }.count == 1)
        #expect(sink.messages.filter { $0 == "created nodeclaim" }.count == 2)
    }

    @Test func theEmbeddedSeedIsTheDeployFileByteForByte() throws {
        let file = Fixture.repositoryRoot().appendingPathComponent("deploy/examples/scenarios/seed.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(SeedScenario.yaml == text, "run hack/embed-seed-scenario.sh after editing deploy/examples/scenarios/seed.yaml")
    }

    @Test func theEmbeddedSeedLoads() throws {
        var scenario = Scenario()
        try scenario.load(SeedScenario.yaml, source: SeedScenario.source)
        #expect(scenario.nodePools.map(\.metadata.name) == ["default"])
        #expect(scenario.nodeClasses.count == 1)
        #expect(scenario.pods.count == 3)
        #expect(scenario.daemonSets.count == 5)
    }

    @Test func theSameSeedGivesTheSameReport() async throws {
        let scenario = try Self.scenario()
        let first = try await Self.run(scenario, seed: 11)
        let second = try await Self.run(scenario, seed: 11)
        #expect(first.unschedulable.isEmpty)
        #expect(first.bindSeconds.count == 43)
        #expect(first.table == second.table)
        #expect(first.table != (try await Self.run(scenario, seed: 12)).table)
    }

    struct SpeedCase: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var speed: Double??
        var testDescription: String { name }
    }

    @Test(arguments: [
        SpeedCase(name: "default is as fast as possible", arguments: [], speed: .some(nil)),
        SpeedCase(name: "one simulated minute per second", arguments: ["--speed", "60"], speed: 60),
        SpeedCase(name: "slower than real time", arguments: ["--speed=0.5"], speed: 0.5),
        SpeedCase(name: "zero is refused", arguments: ["--speed", "0"], speed: nil),
        SpeedCase(name: "negative is refused", arguments: ["--speed", "-2"], speed: nil),
        SpeedCase(name: "infinity is refused", arguments: ["--speed", "inf"], speed: nil),
        SpeedCase(name: "words are refused", arguments: ["--speed", "fast"], speed: nil),
    ])
    func speedParsing(_ testCase: SpeedCase) throws {
        if let expected = testCase.speed {
            let command = try SimulateCommand.parse(testCase.arguments)
            #expect(command.speed == expected)
        } else {
            #expect(throws: (any Error).self) { try SimulateCommand.parse(testCase.arguments) }
        }
    }

    @Test func timersFireInOrderOnceEach() {
        let start = Date(timeIntervalSince1970: 1_000)
        var timeline = SimulationTimeline()
        #expect(timeline.next == nil)
        timeline.requeue("b", at: start.addingTimeInterval(5))
        timeline.requeue("a", at: start.addingTimeInterval(5))
        timeline.requeue("c", at: start.addingTimeInterval(10))
        timeline.boot("claim", at: start.addingTimeInterval(3))
        #expect(timeline.next == start.addingTimeInterval(3))
        #expect(timeline.dueRequeues(at: start.addingTimeInterval(4)).isEmpty)
        #expect(timeline.dueBoots(at: start.addingTimeInterval(4)) == ["claim"])
        #expect(timeline.dueBoots(at: start.addingTimeInterval(4)).isEmpty)
        timeline.requeue("c", at: nil)
        #expect(timeline.dueRequeues(at: start.addingTimeInterval(20)) == ["a", "b"])
        #expect(timeline.next == nil)
    }
}
