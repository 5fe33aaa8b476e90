@testable import Scheduling
import Simulation
import TestSupport

typealias SeededGenerator = SplitMix64

/// Random but valid solver inputs covering every constraint kind.
enum RandomInput {
    static func make(_ g: inout SeededGenerator) -> SchedulingInput {
        let zones = Fixture.zones
        var types: [InstanceType] = []
        for index in 0..<Int.random(in: 3...8, using: &g) {
            let cpu = Int64([1, 2, 4, 8, 16].randomElement(using: &g) ?? 2)
            let memory = cpu * Int64([2, 4, 8].randomElement(using: &g) ?? 4)
            var type = Fixture.instanceType("t\(index).c\(cpu)", cpu: cpu, memoryGiB: memory,
                                            pods: Int64.random(in: 4...30, using: &g),
                                            arch: Bool.random(using: &g) ? "amd64" : "arm64",
                                            zones: zones.filter { _ in Int.random(in: 0..<4, using: &g) > 0 },
                                            price: Double(cpu) * Double.random(in: 0.02...0.06, using: &g))
            for offering in type.offerings.indices where Int.random(in: 0..<10, using: &g) == 0 {
                type.offerings[offering].available = false
            }
            types.append(type)
        }
        var pools: [SchedulingNodePool] = []
        for index in 0..<Int.random(in: 1...3, using: &g) {
            var pool = Fixture.pool("pool\(index)", weight: Int32.random(in: 0...2, using: &g))
            if Int.random(in: 0..<3, using: &g) == 0 {
                pool.requirements = [RequirementSpec("kubernetes.io/arch", .in, [Bool.random(using: &g) ? "amd64" : "arm64"])]
            }
            if Int.random(in: 0..<4, using: &g) == 0 { pool.taints = [Taint(key: "dedicated", effect: .noSchedule)] }
            if Int.random(in: 0..<3, using: &g) == 0 { pool.labels = ["team": Bool.random(using: &g) ? "a" : "b"] }
            if Int.random(in: 0..<5, using: &g) == 0 { pool.limits = ["cpu": Int64.random(in: 4...40, using: &g) * 1000] }
            if Int.random(in: 0..<5, using: &g) == 0 { pool.nodeLimit = Int.random(in: 1...4, using: &g) }
            pools.append(pool)
        }
        var nodes: [ExistingNode] = []
        for index in 0..<Int.random(in: 0...2, using: &g) {
            var node = Fixture.existingNode("node\(index)", zone: zones.randomElement(using: &g) ?? "zone-a",
                                            cpu: Int64.random(in: 1...4, using: &g), memoryGiB: 8,
                                            requested: .units(cpuMillis: 200, memoryMiB: 256, pods: 1))
            if Bool.random(using: &g) { node.pods = [ExistingPod(labels: ["app": "anti"])] }
            if Int.random(in: 0..<4, using: &g) == 0 { node.taints = [Taint(key: "dedicated", effect: .noSchedule)] }
            nodes.append(node)
        }
        var daemons: [SchedulingPod] = []
        if Bool.random(using: &g) {
            daemons.append(SchedulingPod(uid: "ds", containers: [.units(cpuMillis: Int64.random(in: 50...300, using: &g),
                                                                        memoryMiB: 128)]))
        }
        var pods: [SchedulingPod] = []
        for index in 0..<Int.random(in: 5...30, using: &g) {
            var pod = Fixture.pod("pod\(index)", cpu: [100, 250, 500, 1000, 1500, 3000].randomElement(using: &g) ?? 100,
                                  memoryMiB: [128, 512, 1024, 4096].randomElement(using: &g) ?? 128,
                                  creationTime: Int64.random(in: 0...3, using: &g))
            switch Int.random(in: 0..<12, using: &g) {
            case 0: pod.nodeSelector = ["kubernetes.io/arch": Bool.random(using: &g) ? "amd64" : "arm64"]
            case 1: pod.nodeSelector = [Fixture.zoneKey: zones.randomElement(using: &g) ?? "zone-a"]
            case 2: pod.nodeSelector = ["team": "a"]
            case 3: pod.tolerations = [Toleration(key: "dedicated", operator: .exists)]
            case 4: pod.hostPorts = [HostPort(port: Bool.random(using: &g) ? 80 : 443)]
            case 5:
                pod.labels = ["app": "anti"]
                pod.requiredPodAntiAffinity = [PodAffinityTerm(labelSelector: LabelSelector(matchLabels: ["app": "anti"]),
                                                               topologyKey: Fixture.hostnameKey)]
            case 6:
                pod.labels = ["spread": "s"]
                pod.topologySpread = [TopologySpreadConstraint(topologyKey: Fixture.zoneKey,
                                                               labelSelector: LabelSelector(matchLabels: ["spread": "s"]))]
            case 7:
                pod.labels = ["aff": "x"]
                pod.requiredPodAffinity = [PodAffinityTerm(labelSelector: LabelSelector(matchLabels: ["aff": "x"]),
                                                           topologyKey: Fixture.zoneKey)]
            case 8:
                pod.requiredNodeAffinity = [[RequirementSpec(Fixture.zoneKey, .in, ["zone-z"])],
                                            [RequirementSpec("kubernetes.io/arch", .notIn, ["arm64"])]]
            case 9:
                pod.preferredNodeAffinity = [WeightedNodeTerm(weight: 5, requirements: [
                    RequirementSpec(Fixture.zoneKey, .in, [zones.randomElement(using: &g) ?? "zone-a"])])]
            case 10:
                pod.labels = ["zanti": "z"]
                pod.requiredPodAntiAffinity = [PodAffinityTerm(labelSelector: LabelSelector(matchLabels: ["zanti": "z"]),
                                                               topologyKey: Fixture.zoneKey)]
            default: break
            }
            pods.append(pod)
        }
        return SchedulingInput(pods: pods, existingNodes: nodes, nodePools: pools, instanceTypes: types,
                               daemonSetPods: daemons)
    }
}
