import Testing
@testable import Scheduling

/// Preferences are treated as required and relaxed one step per retry in upstream's order.
@Suite struct PreferenceTests {
    static let app = LabelSelector(matchLabels: ["app": "web"])

    @Test func satisfiablePreferredNodeAffinityIsHonoured() {
        var pod = Fixture.pod("p1")
        pod.preferredNodeAffinity = [
            WeightedNodeTerm(weight: 1, requirements: [RequirementSpec(Fixture.zoneKey, .in, ["zone-a"])]),
            WeightedNodeTerm(weight: 50, requirements: [RequirementSpec(Fixture.zoneKey, .in, ["zone-b"])]),
        ]
        let result = Scheduler.solve(Fixture.input([pod]))
        #expect(result.values(0, Fixture.zoneKey) == ["zone-b"])
    }

    @Test func unsatisfiablePreferenceFallsBackToTheNextHeaviest() {
        var pod = Fixture.pod("p1")
        pod.preferredNodeAffinity = [
            WeightedNodeTerm(weight: 90, requirements: [RequirementSpec(Fixture.zoneKey, .in, ["zone-z"])]),
            WeightedNodeTerm(weight: 10, requirements: [RequirementSpec(Fixture.zoneKey, .in, ["zone-c"])]),
        ]
        let result = Scheduler.solve(Fixture.input([pod]))
        #expect(result.failures.isEmpty)
        #expect(result.values(0, Fixture.zoneKey) == ["zone-c"])
    }

    @Test func requiredTermsAreTriedInOrder() {
        var pod = Fixture.pod("p1")
        pod.requiredNodeAffinity = [
            [RequirementSpec(Fixture.zoneKey, .in, ["zone-z"])],
            [RequirementSpec(Fixture.zoneKey, .in, ["zone-b"])],
            [RequirementSpec(Fixture.zoneKey, .in, ["zone-a"])],
        ]
        let result = Scheduler.solve(Fixture.input([pod]))
        #expect(result.values(0, Fixture.zoneKey) == ["zone-b"])
    }

    @Test func preferredPodAffinityIsDroppedBeforePreferredNodeAffinity() {
        // Both preferences are unsatisfiable together: affinity to absent pods and a zone preference.
        // Relaxation drops pod affinity first, so the node preference (zone-c) survives.
        var pod = Fixture.pod("p1", labels: ["app": "web"])
        pod.preferredPodAffinity = [WeightedPodAffinityTerm(weight: 100, term: PodAffinityTerm(
            labelSelector: LabelSelector(matchLabels: ["app": "cache"]), topologyKey: Fixture.zoneKey))]
        pod.preferredNodeAffinity = [WeightedNodeTerm(weight: 1, requirements: [
            RequirementSpec(Fixture.zoneKey, .in, ["zone-c"])])]
        let result = Scheduler.solve(Fixture.input([pod]))
        #expect(result.failures.isEmpty)
        #expect(result.values(0, Fixture.zoneKey) == ["zone-c"])
    }

    @Test func preferredAntiAffinityIsDroppedBeforeNodePreference() {
        let existing = Fixture.existingNode("n1", zone: "zone-a", cpu: 1, memoryGiB: 1,
                                            pods: [ExistingPod(labels: ["app": "web"])], requested: .units(cpuMillis: 1000))
        var pod = Fixture.pod("p1", labels: ["app": "web"])
        pod.preferredPodAntiAffinity = [WeightedPodAffinityTerm(weight: 10, term: PodAffinityTerm(
            labelSelector: Self.app, topologyKey: Fixture.zoneKey))]
        pod.preferredNodeAffinity = [WeightedNodeTerm(weight: 1, requirements: [
            RequirementSpec(Fixture.zoneKey, .in, ["zone-a"])])]
        let result = Scheduler.solve(Fixture.input([pod], nodes: [existing]))
        #expect(result.values(0, Fixture.zoneKey) == ["zone-a"])
    }

    @Test func scheduleAnywaySpreadIsHonouredWhenPossibleAndDroppedOtherwise() {
        let spread = TopologySpreadConstraint(topologyKey: Fixture.hostnameKey, whenUnsatisfiable: .scheduleAnyway,
                                              labelSelector: Self.app)
        let pods = Fixture.pods(3, cpu: 100, labels: ["app": "web"]) { $0.topologySpread = [spread] }
        #expect(Scheduler.solve(Fixture.input(pods)).newNodeClaims.count == 3)
        // With a one-node limit the constraint must be relaxed and all pods share the node.
        let limited = Scheduler.solve(Fixture.input(pods, pools: [Fixture.pool(nodeLimit: 1)]))
        #expect(limited.failures.isEmpty)
        #expect(limited.newNodeClaims.count == 1)
    }

    @Test func preferNoScheduleTaintIsToleratedOnlyAfterRelaxation() {
        let tainted = Fixture.pool("a-tainted", weight: 10, taints: [Taint(key: "spot", effect: .preferNoSchedule)])
        let clean = Fixture.pool("b-clean", weight: 1)
        let result = Scheduler.solve(Fixture.input([Fixture.pod("p1")], pools: [tainted, clean]))
        #expect(result.newNodeClaims.first?.nodePool == "b-clean")
        let alone = Scheduler.solve(Fixture.input([Fixture.pod("p1")], pools: [tainted]))
        #expect(alone.newNodeClaims.first?.nodePool == "a-tainted")
    }

    @Test func upstreamPreferencePodsAllSchedule() {
        // Upstream's preference benchmark shape at small scale: satisfiable zone preference,
        // unsatisfiable zone anti-preference (weight 10), satisfiable hostname anti-preference (weight 1).
        let pods = Fixture.pods(20, cpu: 100, labels: ["app": "nginx"]) {
            $0.preferredNodeAffinity = [WeightedNodeTerm(weight: 1, requirements: [
                RequirementSpec(Fixture.zoneKey, .in, ["zone-a"])])]
            let nginx = LabelSelector(matchLabels: ["app": "nginx"])
            $0.preferredPodAntiAffinity = [
                WeightedPodAffinityTerm(weight: 10, term: PodAffinityTerm(labelSelector: nginx, topologyKey: Fixture.zoneKey)),
                WeightedPodAffinityTerm(weight: 1, term: PodAffinityTerm(labelSelector: nginx,
                                                                         topologyKey: Fixture.hostnameKey)),
            ]
        }
        let result = Scheduler.solve(Fixture.input(pods))
        #expect(result.failures.isEmpty)
    }
}
