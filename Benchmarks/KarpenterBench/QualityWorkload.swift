import Simulation
import Scheduling

/// 200 seeded small instances (≤ 30 pods, ≤ 15 instance types) whose plans are priced and written
/// out as JSON for `bench/quality_optimum.py`, which computes the exact optimum with HiGHS.
enum QualityWorkload {
    struct Instance {
        let seed: UInt64
        let input: SchedulingInput
        let result: SchedulingResult
    }

    static func instance(seed: UInt64, packing: SchedulingInput.Packing) -> Instance {
        var random = SplitMix64(seed: seed &* 7919 &+ 17)
        let typeCount = Int(random.next() % 11) + 5
        var types: [InstanceType] = []
        for index in 0..<typeCount {
            let cpu = random.pick([Int64(1), 2, 4, 8, 16])
            let memoryPerCPU = random.pick([Int64(1), 2, 4, 8])
            let unit = 0.02 + Double(random.next() % 40) / 1000
            let price = (Double(cpu) * unit + Double(cpu * memoryPerCPU) * unit / 8 * 1.5)
            types.append(InstanceType(
                name: "q\(index).\(cpu)c\(cpu * memoryPerCPU)g",
                labels: ["kubernetes.io/arch": "amd64"],
                capacity: .units(cpuMillis: cpu * 1000 - 100, memoryMiB: cpu * memoryPerCPU * 1024 - 512,
                                 pods: 8 * cpu + 8),
                offerings: [Offering(zone: "zone-a", capacityType: "on-demand", price: (price * 10000).rounded() / 10000)]))
        }
        let podCount = Int(random.next() % 26) + 5
        let pods = (0..<podCount).map { index in
            SchedulingPod(uid: "pod-\(100 + index)", containers: [.units(
                cpuMillis: random.pick([Int64(100), 250, 500, 750, 1000, 1500, 2000, 3000]),
                memoryMiB: random.pick([Int64(128), 256, 512, 1024, 2048, 3072, 4096, 6144]))])
        }
        var input = SchedulingInput(pods: pods, nodePools: [SchedulingNodePool(name: "default")], instanceTypes: types)
        input.packing = packing
        return Instance(seed: seed, input: input, result: Scheduler.solve(input))
    }

    /// The JSON document the MILP script reads: per instance its types, pods and our price.
    static func document(_ instances: [Instance]) -> String {
        var lines: [String] = []
        for instance in instances {
            let types = instance.input.instanceTypes.map { type in
                let allocatable = type.allocatable
                return "{\"name\":\"\(type.name)\",\"cpu\":\(allocatable.cpu),\"memoryMiB\":"
                    + "\(allocatable.memory / Resources.mebibyte),\"pods\":\(allocatable.pods / 1000),"
                    + "\"price\":\(type.offerings.map(\.price).min() ?? 0)}"
            }
            let pods = instance.input.pods.map { pod in
                let requests = pod.requests
                return "{\"cpu\":\(requests.cpu),\"memoryMiB\":\(requests.memory / Resources.mebibyte)}"
            }
            lines.append("{\"seed\":\(instance.seed),\"ours\":\(instance.result.hourlyPrice),"
                + "\"nodes\":\(instance.result.newNodeClaims.count),\"unscheduled\":\(instance.result.failures.count),"
                + "\"types\":[\(types.joined(separator: ","))],\"pods\":[\(pods.joined(separator: ","))]}")
        }
        return "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }
}
