import Simulation
import Scheduling

/// Upstream's scheduling benchmark (reference benchmarks-upstream §1.1): 400 fake instance types,
/// the five-class diverse pod mix, and the 4000 preference pods.
enum UpstreamWorkload {
    static let zones = ["test-zone-1", "test-zone-2", "test-zone-3"]
    static let zoneKey = "topology.kubernetes.io/zone"
    static let hostnameKey = "kubernetes.io/hostname"

    /// Type i (0..<400): i+1 vCPU, 2(i+1) GiB, 10(i+1) pods; price 0.1/vCPU + 0.1/GiB; spot in zones
    /// 1-2 and on-demand in zones 1-3; no overhead.
    static func instanceTypes() -> [InstanceType] {
        (0..<400).map { i in
            let cpu = Int64(i + 1)
            let price = 0.1 * Double(cpu) + 0.1 * Double(2 * cpu)
            var offerings = zones.prefix(2).map { Offering(zone: $0, capacityType: "spot", price: price) }
            offerings += zones.map { Offering(zone: $0, capacityType: "on-demand", price: price) }
            var labels = ["kubernetes.io/arch": "amd64", "kubernetes.io/os": "linux"]
            if cpu > 4 { labels["size"] = "large" } else { labels["size"] = "small" }
            return InstanceType(name: "fake-it-\(i)", labels: labels,
                                capacity: .units(cpuMillis: cpu * 1000, memoryMiB: 2 * cpu * 1024, pods: 10 * cpu),
                                offerings: offerings)
        }
    }

    /// Upstream's pool has limits of 10M CPU / 10M Gi, i.e. effectively none; milli-unit memory cannot hold
    /// 10M Gi in Int64, so the pool here is simply unlimited.
    static let nodePool = SchedulingNodePool(name: "default")

    static func shape(_ random: inout SplitMix64, uid: String) -> SchedulingPod {
        let cpu = random.pick([Int64(100), 250, 500, 1000, 1500])
        let memory = random.pick([Int64(100), 256, 512, 1024, 2048, 4096])
        return SchedulingPod(uid: uid, namespace: "default", containers: [.units(cpuMillis: cpu, memoryMiB: memory)])
    }

    /// The diverse mix: count/5 pods in each class, remainder generic.
    static func diversePods(_ count: Int, seed: UInt64 = 42) -> [SchedulingPod] {
        var random = SplitMix64(seed: seed)
        let letters = ["a", "b", "c", "d", "e", "f", "g"]
        var pods: [SchedulingPod] = []
        let perClass = count / 5
        for index in 0..<count {
            var pod = shape(&random, uid: String(format6(index)))
            let kind = perClass == 0 ? 0 : min(index / perClass, 5)
            switch kind {
            case 1, 2:
                let value = random.pick(letters)
                pod.labels = ["my-label": value]
                pod.topologySpread = [TopologySpreadConstraint(
                    maxSkew: 1, topologyKey: kind == 1 ? zoneKey : hostnameKey, whenUnsatisfiable: .doNotSchedule,
                    labelSelector: LabelSelector(matchLabels: ["my-label": value]))]
            case 3:
                let value = random.pick(letters)
                pod.labels = ["my-affininity": value]
                pod.requiredPodAffinity = [PodAffinityTerm(
                    labelSelector: LabelSelector(matchLabels: ["my-affininity": value]), topologyKey: zoneKey)]
            case 4:
                pod.labels = ["app": "nginx"]
                pod.requiredPodAntiAffinity = [PodAffinityTerm(
                    labelSelector: LabelSelector(matchLabels: ["app": "nginx"]), topologyKey: hostnameKey)]
            default:
                pod.labels = ["my-label": random.pick(letters)]
            }
            pods.append(pod)
        }
        return pods
    }

    /// 4000 pods labelled app=nginx: satisfiable zone preference, unsatisfiable zone anti-preference
    /// (weight 10), satisfiable hostname anti-preference (weight 1).
    static func preferencePods(_ count: Int = 4000, seed: UInt64 = 42) -> [SchedulingPod] {
        var random = SplitMix64(seed: seed)
        let nginx = LabelSelector(matchLabels: ["app": "nginx"])
        return (0..<count).map { index in
            var pod = shape(&random, uid: format6(index))
            pod.labels = ["app": "nginx"]
            pod.preferredNodeAffinity = [WeightedNodeTerm(weight: 1, requirements: [
                RequirementSpec(zoneKey, .in, ["test-zone-1"])])]
            pod.preferredPodAntiAffinity = [
                WeightedPodAffinityTerm(weight: 10, term: PodAffinityTerm(labelSelector: nginx, topologyKey: zoneKey)),
                WeightedPodAffinityTerm(weight: 1, term: PodAffinityTerm(labelSelector: nginx, topologyKey: hostnameKey)),
            ]
            return pod
        }
    }

    static func format6(_ index: Int) -> String {
        let digits = String(index)
        return "pod-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Runs one batch `iterations` times and reports the mean.
    static func run(name: String, pods: [SchedulingPod], iterations: Int) -> BenchReport {
        let input = SchedulingInput(pods: pods, nodePools: [nodePool], instanceTypes: instanceTypes())
        var result: SchedulingResult?
        let timing = best(of: iterations) { result = Scheduler.solve(input) }
        let seconds = timing.cpu
        let scheduled = pods.count - (result?.failures.count ?? pods.count)
        return BenchReport(fields: [
            ("benchmark", .string(name)), ("pods", .int(pods.count)), ("nodes", .int(result?.newNodeClaims.count ?? 0)),
            ("seconds", .double(seconds)), ("podsPerSecond", .double(Double(pods.count) / seconds)),
            ("wallSeconds", .double(timing.wall)),
            ("scheduled", .int(scheduled)), ("iterations", .int(iterations)),
        ])
    }

    static func reports(counts: [Int], repeats: Int) -> [BenchReport] {
        var reports: [BenchReport] = []
        for count in counts {
            reports.append(run(name: "upstream/diverse", pods: diversePods(count),
                               iterations: max(repeats, min(20, 2000 / max(count, 1)))))
        }
        reports.append(run(name: "upstream/preferences", pods: preferencePods(), iterations: repeats))
        return reports
    }
}
