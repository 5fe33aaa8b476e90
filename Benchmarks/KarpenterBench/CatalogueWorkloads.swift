import Simulation
import Scheduling

/// Workloads on the realistic EC2 catalogue: `generic` (100k mixed pods) and `kwok-basic`.
enum CatalogueWorkloads {
    static let pool = SchedulingNodePool(name: "default")

    /// 100k generic pods: CPU and memory drawn from common shapes; 10% pinned to amd64, 10% to
    /// on-demand, 5% to arm64.
    static func genericPods(_ count: Int, seed: UInt64 = 7) -> [SchedulingPod] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { index in
            let cpu = random.pick([Int64(100), 250, 500, 750, 1000, 2000, 4000])
            let memory = random.pick([Int64(128), 256, 512, 1024, 2048, 4096, 8192])
            var pod = SchedulingPod(uid: UpstreamWorkload.format6(index), namespace: "default",
                                    labels: ["app": "app-\(index % 50)"],
                                    containers: [.units(cpuMillis: cpu, memoryMiB: memory)])
            switch random.next() % 20 {
            case 0, 1: pod.nodeSelector = ["kubernetes.io/arch": "amd64"]
            case 2, 3: pod.nodeSelector = ["karpenter.sh/capacity-type": "on-demand"]
            case 4: pod.nodeSelector = ["kubernetes.io/arch": "arm64"]
            default: break
            }
            return pod
        }
    }

    /// Utilisation of launched capacity: requests over the allocatable of each claim's cheapest type.
    static func utilisation(_ result: SchedulingResult) -> (cpu: Double, memory: Double) {
        var requested = Resources.zero
        var allocatable = Resources.zero
        for claim in result.newNodeClaims {
            requested.add(claim.requests)
            allocatable.add(claim.cheapestAllocatable)
        }
        return (Double(requested.cpu) / Double(max(allocatable.cpu, 1)),
                Double(requested.memory) / Double(max(allocatable.memory, 1)))
    }

    static func report(_ name: String, pods: [SchedulingPod], iterations: Int = 1) -> BenchReport {
        let input = SchedulingInput(pods: pods, nodePools: [pool], instanceTypes: EC2Catalogue.instanceTypes())
        var result: SchedulingResult?
        let timing = best(of: iterations) { result = Scheduler.solve(input) }
        let seconds = timing.cpu
        let solved = result ?? SchedulingResult(newNodeClaims: [], existingNodePlacements: [], failures: [])
        let use = utilisation(solved)
        var types: [String: Int] = [:]
        for claim in solved.newNodeClaims { types[claim.instanceTypeNames.first ?? "", default: 0] += 1 }
        let top = types.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3).map { "\($0.key)x\($0.value)" }
        return BenchReport(fields: [
            ("benchmark", .string(name)), ("pods", .int(pods.count)), ("nodes", .int(solved.newNodeClaims.count)),
            ("seconds", .double(seconds)), ("podsPerSecond", .double(Double(pods.count) / seconds)),
            ("wallSeconds", .double(timing.wall)),
            ("scheduled", .int(pods.count - solved.failures.count)), ("dollarsPerHour", .double(solved.hourlyPrice)),
            ("cpuUtilisation", .double(use.cpu)), ("memoryUtilisation", .double(use.memory)),
            ("topTypes", .string(top.joined(separator: " "))),
        ])
    }

    /// Upstream's KWOK "Basic" workload: 500 x (900m, 3100Mi) + 500 x (3500m, 28Gi).
    static func kwokBasicPods() -> [SchedulingPod] {
        let small = (0..<500).map { index in
            SchedulingPod(uid: "small-\(index)", labels: ["app": "small"],
                          containers: [.units(cpuMillis: 900, memoryMiB: 3100)])
        }
        let large = (0..<500).map { index in
            SchedulingPod(uid: "large-\(index)", labels: ["app": "large"],
                          containers: [.units(cpuMillis: 3500, memoryMiB: 28 * 1024)])
        }
        return small + large
    }
}
