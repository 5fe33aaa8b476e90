import Testing
@testable import Scheduling

/// Positive and negative cases for node-level constraints.
@Suite struct ConstraintTests {
    @Test func packsPodsOntoTheCheapestFittingPlan() {
        let result = Scheduler.solve(Fixture.input(Fixture.pods(3, cpu: 1000, memoryMiB: 1024)))
        #expect(result.failures.isEmpty)
        #expect(result.newNodeClaims.count == 1)
        #expect(result.newNodeClaims[0].podUIDs.count == 3)
        // 3 cores do not fit the 2-core types; the cheapest 4-core type (arm64) is first.
        #expect(result.newNodeClaims[0].instanceTypeNames.first == "g.xlarge")
        #expect(!result.newNodeClaims[0].instanceTypeNames.contains("m.large"))
    }

    @Test(arguments: [
        ("arm64 selector picks graviton", ["kubernetes.io/arch": "arm64"], "g.large" as String?),
        ("amd64 selector avoids graviton", ["kubernetes.io/arch": "amd64"], "m.large"),
        ("beta arch key is normalised", ["beta.kubernetes.io/arch": "arm64"], "g.large"),
        ("unknown custom label fails", ["team": "a"], nil),
        ("zone selector", ["topology.kubernetes.io/zone": "zone-b"], "g.large"),
        ("unknown zone fails", ["topology.kubernetes.io/zone": "zone-z"], nil),
    ])
    func nodeSelector(name: String, selector: [String: String], firstType: String?) {
        var pod = Fixture.pod("p1", cpu: 500)
        pod.nodeSelector = selector
        let result = Scheduler.solve(Fixture.input([pod]))
        if let firstType {
            #expect(result.failures.isEmpty, "\(name)")
            #expect(result.newNodeClaims.first?.instanceTypeNames.first == firstType, "\(name)")
        } else {
            #expect(result.newNodeClaims.isEmpty, "\(name)")
            #expect(result.failures.map(\.uid) == ["p1"], "\(name)")
        }
    }

    @Test func zoneSelectorNarrowsTheClaim() {
        var pod = Fixture.pod("p1")
        pod.nodeSelector = [Fixture.zoneKey: "zone-b"]
        let result = Scheduler.solve(Fixture.input([pod]))
        #expect(result.values(0, Fixture.zoneKey) == ["zone-b"])
    }

    @Test func customLabelDefinedByTheNodePoolIsSelectable() {
        var pod = Fixture.pod("p1")
        pod.nodeSelector = ["team": "a"]
        let result = Scheduler.solve(Fixture.input([pod], pools: [Fixture.pool(labels: ["team": "a"])]))
        #expect(result.failures.isEmpty)
        let other = Scheduler.solve(Fixture.input([pod], pools: [Fixture.pool(labels: ["team": "b"])]))
        #expect(other.failures.count == 1)
        #expect(other.failures[0].failure.message.contains("incompatible requirements, key team"))
    }

    @Test func gtAndLtOnInstanceLabels() {
        var pod = Fixture.pod("p1", cpu: 500)
        pod.requiredNodeAffinity = [[RequirementSpec("karpenter.k8s.aws/instance-cpu", .greaterThan, ["4"])]]
        let types = Fixture.catalogue.map { type -> InstanceType in
            var type = type
            type.labels["karpenter.k8s.aws/instance-cpu"] = String(type.capacity.cpu / 1000)
            return type
        }
        let result = Scheduler.solve(Fixture.input([pod], types: types))
        #expect(result.newNodeClaims.first?.instanceTypeNames == ["m.2xlarge", "m.4xlarge"])
    }

    @Test(arguments: [
        ("untolerated NoSchedule fails", [Toleration](), TaintEffect.noSchedule, false),
        ("tolerated NoSchedule", [Toleration(key: "dedicated", operator: .equal, value: "gpu")], .noSchedule, true),
        ("Exists with empty key tolerates all", [Toleration(operator: .exists)], .noExecute, true),
        ("wrong value fails", [Toleration(key: "dedicated", operator: .equal, value: "cpu")], .noSchedule, false),
        ("effect mismatch fails", [Toleration(key: "dedicated", operator: .exists, effect: .noExecute)], .noSchedule,
         false),
        ("PreferNoSchedule relaxed by adding a toleration", [Toleration](), .preferNoSchedule, true),
    ])
    func taints(name: String, tolerations: [Toleration], effect: TaintEffect, schedules: Bool) {
        var pod = Fixture.pod("p1")
        pod.tolerations = tolerations
        let pool = Fixture.pool(taints: [Taint(key: "dedicated", value: "gpu", effect: effect)])
        let result = Scheduler.solve(Fixture.input([pod], pools: [pool]))
        #expect(result.failures.isEmpty == schedules, "\(name)")
        if !schedules {
            #expect(result.failures.first?.failure.message.contains("did not tolerate taint") == true, "\(name)")
        }
    }

    @Test func startupTaintsAreIgnored() {
        var pool = Fixture.pool()
        pool.startupTaints = [Taint(key: "node.cilium.io/agent-not-ready", effect: .noSchedule)]
        #expect(Scheduler.solve(Fixture.input([Fixture.pod("p1")], pools: [pool])).failures.isEmpty)
    }

    @Test func hostPortConflictsSplitPlans() {
        let pods = Fixture.pods(2, cpu: 100) { $0.hostPorts = [HostPort(port: 8080)] }
        let result = Scheduler.solve(Fixture.input(pods))
        #expect(result.newNodeClaims.count == 2)
        let differentPorts = [Fixture.pod("a", cpu: 100), Fixture.pod("b", cpu: 100)].enumerated().map { index, pod in
            var pod = pod
            pod.hostPorts = [HostPort(port: Int32(8080 + index))]
            return pod
        }
        #expect(Scheduler.solve(Fixture.input(differentPorts)).newNodeClaims.count == 1)
        let differentIPs = [Fixture.pod("a", cpu: 100), Fixture.pod("b", cpu: 100)].enumerated().map { index, pod in
            var pod = pod
            pod.hostPorts = [HostPort(ip: "10.0.0.\(index + 1)", port: 8080)]
            return pod
        }
        #expect(Scheduler.solve(Fixture.input(differentIPs)).newNodeClaims.count == 1)
    }

    @Test func hostPortTakenByADaemonSetFails() {
        var daemon = SchedulingPod(uid: "ds", containers: [.units(cpuMillis: 10)])
        daemon.hostPorts = [HostPort(port: 9100)]
        var pod = Fixture.pod("p1")
        pod.hostPorts = [HostPort(port: 9100)]
        let result = Scheduler.solve(Fixture.input([pod], daemons: [daemon]))
        #expect(result.failures.first?.failure.message.contains("host port") == true)
    }

    @Test func hostPortUsedOnAnExistingNodeSkipsIt() {
        var node = Fixture.existingNode("n1")
        node.hostPortsUsed = [HostPort(port: 80)]
        var pod = Fixture.pod("p1", cpu: 100)
        pod.hostPorts = [HostPort(port: 80)]
        let result = Scheduler.solve(Fixture.input([pod], nodes: [node]))
        #expect(result.existingNodePlacements.isEmpty)
        #expect(result.newNodeClaims.count == 1)
    }

    @Test func volumeTopologyRestrictsTheZone() {
        var pod = Fixture.pod("p1")
        pod.volumeRequirements = [RequirementSpec(Fixture.zoneKey, .in, ["zone-c"])]
        let result = Scheduler.solve(Fixture.input([pod]))
        #expect(result.values(0, Fixture.zoneKey) == ["zone-c"])
        pod.nodeSelector = [Fixture.zoneKey: "zone-a"]
        #expect(Scheduler.solve(Fixture.input([pod])).failures.count == 1)
    }

    @Test func extendedResourcesNeedATypeThatHasThem() {
        var pod = Fixture.pod("p1", cpu: 500)
        pod.containers = [.units(cpuMillis: 500, extended: ["nvidia.com/gpu": 1])]
        #expect(Scheduler.solve(Fixture.input([pod])).failures.count == 1)
        let gpu = Fixture.instanceType("p.xlarge", cpu: 4, memoryGiB: 61, price: 0.9, extended: ["nvidia.com/gpu": 1])
        let result = Scheduler.solve(Fixture.input([pod], types: Fixture.catalogue + [gpu]))
        #expect(result.newNodeClaims.first?.instanceTypeNames == ["p.xlarge"])
    }

    @Test func tooLargeForEveryTypeReportsUpstreamText() {
        let result = Scheduler.solve(Fixture.input([Fixture.pod("big", cpu: 64000)]))
        let message = result.failures.first?.failure.message ?? ""
        #expect(message.contains("no instance type met the scheduling requirements or had enough resources"))
        #expect(message.contains("\"cpu\":\"64\""))
    }

    @Test func capacityTypeAndUnavailableOfferings() {
        var pod = Fixture.pod("p1", cpu: 500)
        pod.nodeSelector = [Fixture.capacityTypeKey: "spot"]
        var types = Fixture.catalogue
        types[0].offerings = types[0].offerings.map {
            var offering = $0
            if offering.capacityType == "spot" { offering.available = false }
            return offering
        }
        let result = Scheduler.solve(Fixture.input([pod], types: types))
        #expect(result.newNodeClaims.first?.instanceTypeNames.contains("m.large") == false)
        #expect(result.values(0, Fixture.capacityTypeKey) == ["spot"])
    }

    @Test func minValuesKeepsEnoughFamilies() {
        var pod = Fixture.pod("p1", cpu: 500)
        pod.requiredNodeAffinity = [[RequirementSpec("karpenter.k8s.aws/instance-family", .exists, minValues: 2)]]
        let result = Scheduler.solve(Fixture.input([pod]))
        #expect(result.failures.isEmpty)
        pod.requiredNodeAffinity = [[RequirementSpec("karpenter.k8s.aws/instance-family", .exists, minValues: 3)]]
        let failed = Scheduler.solve(Fixture.input([pod]))
        #expect(failed.failures.first?.failure.message.contains("minValues requirement is not met") == true)
    }

    @Test func truncatesInstanceTypesCheapestFirst() {
        let types = (1...80).map { Fixture.instanceType("t.\($0)", cpu: Int64($0), memoryGiB: Int64($0) * 4) }
        var input = Fixture.input([Fixture.pod("p1", cpu: 100)], types: types)
        let result = Scheduler.solve(input)
        #expect(result.newNodeClaims[0].instanceTypeNames.count == 60)
        #expect(result.newNodeClaims[0].instanceTypeNames.first == "t.1")
        input.maxInstanceTypes = 5
        #expect(Scheduler.solve(input).newNodeClaims[0].instanceTypeNames == ["t.1", "t.2", "t.3", "t.4", "t.5"])
    }
}
