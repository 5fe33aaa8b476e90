import Testing
@testable import Scheduling

/// Spread constraints, pod affinity and anti-affinity, existing pods and the inverse direction.
@Suite struct TopologyTests {
    static let app = LabelSelector(matchLabels: ["app": "web"])

    static func zoneCounts(_ result: SchedulingResult) -> [String: Int] {
        var counts: [String: Int] = [:]
        for index in result.newNodeClaims.indices {
            let zones = result.values(index, Fixture.zoneKey) ?? []
            if zones.count == 1 { counts[zones[0], default: 0] += result.newNodeClaims[index].podUIDs.count }
        }
        return counts
    }

    @Test func zoneSpreadBalancesAcrossZones() {
        let pods = Fixture.pods(6, cpu: 100, labels: ["app": "web"]) {
            $0.topologySpread = [TopologySpreadConstraint(topologyKey: Fixture.zoneKey, labelSelector: Self.app)]
        }
        let result = Scheduler.solve(Fixture.input(pods))
        #expect(result.failures.isEmpty)
        #expect(Self.zoneCounts(result) == ["zone-a": 2, "zone-b": 2, "zone-c": 2])
    }

    @Test func zoneSpreadCountsExistingPods() {
        let existing = Fixture.existingNode("n1", zone: "zone-a", cpu: 1, memoryGiB: 1,
                                            pods: [ExistingPod(labels: ["app": "web"]), ExistingPod(labels: ["app": "web"])],
                                            requested: .units(cpuMillis: 1000))
        let pods = Fixture.pods(4, cpu: 100, labels: ["app": "web"]) {
            $0.topologySpread = [TopologySpreadConstraint(topologyKey: Fixture.zoneKey, labelSelector: Self.app)]
        }
        let result = Scheduler.solve(Fixture.input(pods, nodes: [existing]))
        #expect(Self.zoneCounts(result) == ["zone-b": 2, "zone-c": 2])
    }

    @Test func zoneSpreadWithOnlyOneZoneAllowedByNodeAffinity() {
        // The pod's own node affinity limits eligible domains (nodeAffinityPolicy Honor): all go to zone-a.
        let pods = Fixture.pods(3, cpu: 100, labels: ["app": "web"]) {
            $0.nodeSelector = [Fixture.zoneKey: "zone-a"]
            $0.topologySpread = [TopologySpreadConstraint(topologyKey: Fixture.zoneKey, labelSelector: Self.app)]
        }
        #expect(Scheduler.solve(Fixture.input(pods)).failures.isEmpty)
    }

    @Test func zoneSpreadFailsWhenSkewCannotBeMet() {
        // Only zone-a is offered by the pool but the cluster has zone-b nodes: skew against zone-b grows.
        let existing = Fixture.existingNode("n1", zone: "zone-b", cpu: 1, memoryGiB: 1, requested: .units(cpuMillis: 1000))
        let pods = Fixture.pods(3, cpu: 100, labels: ["app": "web"]) {
            $0.topologySpread = [TopologySpreadConstraint(topologyKey: Fixture.zoneKey, labelSelector: Self.app)]
        }
        let pool = Fixture.pool(requirements: [RequirementSpec(Fixture.zoneKey, .in, ["zone-a"])])
        let result = Scheduler.solve(Fixture.input(pods, pools: [pool], nodes: [existing]))
        #expect(result.newNodeClaims.flatMap(\.podUIDs).count == 1)
        #expect(result.failures.count == 2)
        #expect(result.failures[0].failure.message.contains("unsatisfiable topology constraint for topology spread"))
    }

    @Test func minDomainsForcesZeroMinimum() {
        // Only two zones exist; minDomains 3 makes the global minimum 0, so maxSkew 1 allows one pod per zone.
        let pods = Fixture.pods(3, cpu: 100, labels: ["app": "web"]) {
            $0.topologySpread = [TopologySpreadConstraint(topologyKey: Fixture.zoneKey, labelSelector: Self.app,
                                                          minDomains: 3)]
        }
        let types = Fixture.catalogue.map { Fixture.instanceType($0.name, cpu: $0.capacity.cpu / 1000, memoryGiB: 16,
                                                                 zones: ["zone-a", "zone-b"]) }
        let result = Scheduler.solve(Fixture.input(pods, types: types))
        #expect(result.failures.count == 1)
        #expect(Self.zoneCounts(result) == ["zone-a": 1, "zone-b": 1])
    }

    @Test func hostnameSpreadPutsOnePodPerNode() {
        let pods = Fixture.pods(4, cpu: 100, labels: ["app": "web"]) {
            $0.topologySpread = [TopologySpreadConstraint(topologyKey: Fixture.hostnameKey, labelSelector: Self.app)]
        }
        let result = Scheduler.solve(Fixture.input(pods))
        #expect(result.newNodeClaims.count == 4)
        #expect(result.newNodeClaims.allSatisfy { $0.podUIDs.count == 1 })
        #expect(result.newNodeClaims.allSatisfy { claim in !claim.requirements.contains { $0.key == Fixture.hostnameKey } })
    }

    @Test func hostnameAntiAffinityNeedsANodeEach() {
        let pods = Fixture.pods(5, cpu: 100, labels: ["app": "web"]) {
            $0.requiredPodAntiAffinity = [PodAffinityTerm(labelSelector: Self.app, topologyKey: Fixture.hostnameKey)]
        }
        let generic = Fixture.pods(5, prefix: "g", cpu: 100)
        let result = Scheduler.solve(Fixture.input(pods + generic))
        #expect(result.failures.isEmpty)
        #expect(result.newNodeClaims.count == 5)
        for claim in result.newNodeClaims { #expect(claim.podUIDs.filter { $0.hasPrefix("p") }.count == 1) }
    }

    @Test func inverseAntiAffinityOfAnExistingPodIsHonoured() {
        let guardPod = ExistingPod(labels: ["app": "db"], requiredPodAntiAffinity: [
            PodAffinityTerm(labelSelector: Self.app, topologyKey: Fixture.zoneKey),
        ])
        let node = Fixture.existingNode("n1", zone: "zone-a", cpu: 16, memoryGiB: 64, pods: [guardPod])
        let pods = Fixture.pods(2, cpu: 100, labels: ["app": "web"])
        let result = Scheduler.solve(Fixture.input(pods, nodes: [node]))
        #expect(result.existingNodePlacements.isEmpty)
        #expect(result.newNodeClaims.count == 1)
        #expect(result.values(0, Fixture.zoneKey)?.contains("zone-a") == false)
        // Pods that do not match the selector may use the node.
        let others = Scheduler.solve(Fixture.input(Fixture.pods(2, cpu: 100, labels: ["app": "api"]), nodes: [node]))
        #expect(others.nodeOf.count == 2)
    }

    @Test func zoneSelfAffinityKeepsPodsTogether() {
        let pods = Fixture.pods(6, cpu: 3000, labels: ["app": "web"]) {
            $0.requiredPodAffinity = [PodAffinityTerm(labelSelector: Self.app, topologyKey: Fixture.zoneKey)]
        }
        let result = Scheduler.solve(Fixture.input(pods, types: Array(Fixture.catalogue.prefix(2))))
        #expect(result.failures.isEmpty)
        let zones = Set(result.newNodeClaims.indices.flatMap { result.values($0, Fixture.zoneKey) ?? [] })
        #expect(zones.count == 1)
        #expect(result.newNodeClaims.count == 6)
    }

    @Test func affinityToAbsentPodsFails() {
        var pod = Fixture.pod("p1", labels: ["app": "web"])
        pod.requiredPodAffinity = [PodAffinityTerm(labelSelector: LabelSelector(matchLabels: ["app": "cache"]),
                                                   topologyKey: Fixture.zoneKey)]
        let result = Scheduler.solve(Fixture.input([pod]))
        #expect(result.failures.first?.failure.message.contains("pod affinity") == true)
    }

    @Test func affinityFollowsAnExistingPod() {
        let node = Fixture.existingNode("n1", zone: "zone-c", cpu: 1, memoryGiB: 1, pods: [ExistingPod(labels: ["app": "cache"])],
                                        requested: .units(cpuMillis: 1000))
        var pod = Fixture.pod("p1", labels: ["app": "web"])
        pod.requiredPodAffinity = [PodAffinityTerm(labelSelector: LabelSelector(matchLabels: ["app": "cache"]),
                                                   topologyKey: Fixture.zoneKey)]
        let result = Scheduler.solve(Fixture.input([pod], nodes: [node]))
        #expect(result.values(0, Fixture.zoneKey) == ["zone-c"])
    }

    @Test(arguments: [
        ("same namespace by default", [String](), nil as LabelSelector?, true),
        ("other namespace listed", ["other"], nil, false),
        ("namespace selector matching prod", [], LabelSelector(matchLabels: ["env": "prod"]), true),
        ("namespace selector matching nothing", [], LabelSelector(matchLabels: ["env": "dev"]), false),
        ("empty namespace selector means all", [], LabelSelector(), true),
    ])
    func antiAffinityNamespaces(name: String, namespaces: [String], selector: LabelSelector?, separated: Bool) {
        let first = Fixture.pod("a", cpu: 100, labels: ["app": "web"], namespace: "shop")
        var second = Fixture.pod("b", cpu: 100, labels: ["app": "web"], namespace: "shop")
        second.requiredPodAntiAffinity = [PodAffinityTerm(labelSelector: Self.app, topologyKey: Fixture.hostnameKey,
                                                          namespaces: namespaces, namespaceSelector: selector)]
        var input = Fixture.input([first, second])
        input.namespaceLabels = ["shop": ["env": "prod"], "other": ["env": "test"]]
        let result = Scheduler.solve(input)
        #expect(result.newNodeClaims.count == (separated ? 2 : 1), "\(name)")
    }

    @Test func matchLabelKeysSplitSpreadGroups() {
        // Two revisions each spread over hostnames independently: two pods of different revisions share a node.
        let pods = (0..<4).map { index -> SchedulingPod in
            var pod = Fixture.pod("p\(index)", cpu: 100, labels: ["app": "web", "rev": index < 2 ? "1" : "2"])
            pod.topologySpread = [TopologySpreadConstraint(topologyKey: Fixture.hostnameKey, labelSelector: Self.app,
                                                           matchLabelKeys: ["rev"])]
            return pod
        }
        #expect(Scheduler.solve(Fixture.input(pods)).newNodeClaims.count == 2)
    }
}
