import Testing
@testable import Scheduling

/// NodePool order, limits, existing nodes first, daemonset overhead, determinism.
@Suite struct NodePoolTests {
    @Test func higherWeightWins() {
        let pools = [Fixture.pool("a", weight: 1), Fixture.pool("b", weight: 50)]
        #expect(Scheduler.solve(Fixture.input([Fixture.pod("p")], pools: pools)).newNodeClaims.first?.nodePool == "b")
    }

    @Test func equalWeightsOrderByNameDescendingLikeUpstream() {
        let pools = [Fixture.pool("alpha", weight: 5), Fixture.pool("zulu", weight: 5), Fixture.pool("mike", weight: 5)]
        #expect(Scheduler.solve(Fixture.input([Fixture.pod("p")], pools: pools)).newNodeClaims.first?.nodePool == "zulu")
    }

    @Test func poolThatCannotTakeThePodIsSkipped() {
        let pools = [Fixture.pool("arm", weight: 50, requirements: [RequirementSpec("kubernetes.io/arch", .in, ["arm64"])]),
                     Fixture.pool("any", weight: 1)]
        var pod = Fixture.pod("p")
        pod.nodeSelector = ["kubernetes.io/arch": "amd64"]
        #expect(Scheduler.solve(Fixture.input([pod], pools: pools)).newNodeClaims.first?.nodePool == "any")
    }

    @Test func nodeLimitStopsNewClaims() {
        let pods = Fixture.pods(3, cpu: 100) {
            $0.requiredPodAntiAffinity = [PodAffinityTerm(labelSelector: LabelSelector(), topologyKey: Fixture.hostnameKey)]
        }
        let result = Scheduler.solve(Fixture.input(pods, pools: [Fixture.pool(nodeLimit: 2)]))
        #expect(result.newNodeClaims.count == 2)
        #expect(result.failures.count == 1)
        #expect(result.failures[0].failure.message.contains("node limits have been exhausted for nodepool"))
    }

    @Test func cpuLimitFiltersLargeTypesAndCountsLaunchedCapacity() {
        // 10 cores left: the first claim may only use types up to 8 cores (the largest is counted), the second
        // then has 2 cores left.
        let pool = Fixture.pool(limits: ["cpu": 10_000])
        let first = Scheduler.solve(Fixture.input([Fixture.pod("p", cpu: 500)], pools: [pool]))
        #expect(first.newNodeClaims[0].instanceTypeNames.contains("m.4xlarge") == false)
        let big = Scheduler.solve(Fixture.input([Fixture.pod("p", cpu: 12_000)], pools: [pool]))
        #expect(big.failures.first?.failure.message.contains("all available instance types exceed limits") == true)
        let pods = Fixture.pods(2, cpu: 100) {
            $0.requiredPodAntiAffinity = [PodAffinityTerm(labelSelector: LabelSelector(), topologyKey: Fixture.hostnameKey)]
        }
        let two = Scheduler.solve(Fixture.input(pods, pools: [pool]))
        #expect(two.newNodeClaims.count == 2)
        #expect(Set(two.newNodeClaims[1].instanceTypeNames) == ["m.large", "g.large"])
    }

    @Test func existingUsageCountsAgainstLimits() {
        var pool = Fixture.pool(limits: ["cpu": 10_000])
        pool.usage = .units(cpuMillis: 9_000)
        let result = Scheduler.solve(Fixture.input([Fixture.pod("p", cpu: 500)], pools: [pool]))
        #expect(result.failures.count == 1)
    }

    @Test func existingNodesAreUsedFirst() {
        let node = Fixture.existingNode("n1", cpu: 4, memoryGiB: 16)
        let result = Scheduler.solve(Fixture.input(Fixture.pods(5, cpu: 1000, memoryMiB: 512), nodes: [node]))
        #expect(result.nodeOf.count == 4)
        #expect(result.newNodeClaims.flatMap(\.podUIDs).count == 1)
    }

    @Test func existingNodeRemainingCapacityIsRespected() {
        let node = Fixture.existingNode("n1", cpu: 4, memoryGiB: 16, requested: .units(cpuMillis: 3500))
        let result = Scheduler.solve(Fixture.input(Fixture.pods(2, cpu: 400), nodes: [node]))
        #expect(result.nodeOf.count == 1)
        #expect(result.newNodeClaims.count == 1)
    }

    @Test func existingNodeTaintsAndLabelsAreRespected() {
        let tainted = Fixture.existingNode("n1", taints: [Taint(key: "x", effect: .noSchedule)])
        #expect(Scheduler.solve(Fixture.input([Fixture.pod("p")], nodes: [tainted])).nodeOf.isEmpty)
        var pod = Fixture.pod("p")
        pod.nodeSelector = ["team": "a"]
        let labelled = Fixture.existingNode("n1", labels: ["team": "a"])
        #expect(Scheduler.solve(Fixture.input([pod], nodes: [labelled])).nodeOf == ["p": "n1"])
    }

    @Test func initializedNodesComeBeforeUninitialized() {
        var fresh = Fixture.existingNode("a-fresh")
        fresh.initialized = false
        let ready = Fixture.existingNode("b-ready")
        #expect(Scheduler.solve(Fixture.input([Fixture.pod("p")], nodes: [fresh, ready])).nodeOf == ["p": "b-ready"])
    }

    @Test func daemonSetOverheadShrinksUsableCapacity() {
        // 1.8 cores fit a 2-core type alone, but not with a 500m daemonset.
        let pod = Fixture.pod("p", cpu: 1800, memoryMiB: 512)
        let without = Scheduler.solve(Fixture.input([pod]))
        #expect(without.newNodeClaims[0].instanceTypeNames.contains("m.large"))
        let daemon = SchedulingPod(uid: "ds", containers: [.units(cpuMillis: 500, memoryMiB: 128)])
        let with = Scheduler.solve(Fixture.input([pod], daemons: [daemon]))
        #expect(!with.newNodeClaims[0].instanceTypeNames.contains("m.large"))
        #expect(with.newNodeClaims[0].requests.cpu == 1800 + 500)
    }

    @Test func daemonSetThatCannotRunOnThePoolAddsNoOverhead() {
        var daemon = SchedulingPod(uid: "ds", containers: [.units(cpuMillis: 500)])
        daemon.nodeSelector = ["kubernetes.io/arch": "arm64"]
        let pod = Fixture.pod("p", cpu: 1800, memoryMiB: 512)
        let result = Scheduler.solve(Fixture.input([pod], daemons: [daemon]))
        #expect(result.newNodeClaims[0].instanceTypeNames.contains("m.large"))
        #expect(!result.newNodeClaims[0].instanceTypeNames.contains("g.large"))
        let tolerant = Fixture.pool(taints: [Taint(key: "x", effect: .noSchedule)])
        var tolerating = pod
        tolerating.tolerations = [Toleration(key: "x", operator: .exists)]
        let untolerated = SchedulingPod(uid: "ds2", containers: [.units(cpuMillis: 500)])
        let tainted = Scheduler.solve(Fixture.input([tolerating], pools: [tolerant], daemons: [untolerated]))
        #expect(tainted.newNodeClaims[0].requests.cpu == 1800)
    }

    @Test func sameInputGivesIdenticalOutput() {
        var generator = SeededGenerator(seed: 7)
        let input = RandomInput.make(&generator)
        #expect(Scheduler.solve(input) == Scheduler.solve(input))
    }

    @Test func podOrderInTheInputDoesNotChangeTheResult() {
        var generator = SeededGenerator(seed: 11)
        var input = RandomInput.make(&generator)
        let first = Scheduler.solve(input)
        input.pods.reverse()
        #expect(Scheduler.solve(input) == first)
    }
}
