@testable import Scheduling

/// Builders with defaults for solver fixtures.
enum Fixture {
    static let zones = ["zone-a", "zone-b", "zone-c"]
    static let zoneKey = "topology.kubernetes.io/zone"
    static let hostnameKey = "kubernetes.io/hostname"
    static let capacityTypeKey = "karpenter.sh/capacity-type"
    static let instanceTypeKey = "node.kubernetes.io/instance-type"

    /// An instance type with `cpu` cores and `memoryGiB`, spot and on-demand in every zone, priced per size.
    static func instanceType(_ name: String, cpu: Int64, memoryGiB: Int64, pods: Int64 = 110, arch: String = "amd64",
                             zones: [String] = zones, price: Double? = nil, spot: Bool = true,
                             extended: [String: Int64] = [:], labels: [String: String] = [:]) -> InstanceType {
        let base = price ?? (Double(cpu) * 0.04 + Double(memoryGiB) * 0.005)
        var offerings: [Offering] = []
        for zone in zones {
            offerings.append(Offering(zone: zone, capacityType: "on-demand", price: base))
            if spot { offerings.append(Offering(zone: zone, capacityType: "spot", price: base * 0.4)) }
        }
        var allLabels = labels
        allLabels["kubernetes.io/arch"] = arch
        allLabels["kubernetes.io/os"] = "linux"
        allLabels["karpenter.k8s.aws/instance-family"] = String(name.split(separator: ".").first ?? "")
        return InstanceType(name: name, labels: allLabels,
                            capacity: .units(cpuMillis: cpu * 1000, memoryMiB: memoryGiB * 1024, storageGiB: 20,
                                             pods: pods, extended: extended),
                            offerings: offerings)
    }

    /// A small catalogue: 1..16 cores at 4 GiB per core, amd64, plus two arm64 types.
    static let catalogue: [InstanceType] = [
        instanceType("m.large", cpu: 2, memoryGiB: 8),
        instanceType("m.xlarge", cpu: 4, memoryGiB: 16),
        instanceType("m.2xlarge", cpu: 8, memoryGiB: 32),
        instanceType("m.4xlarge", cpu: 16, memoryGiB: 64),
        instanceType("g.large", cpu: 2, memoryGiB: 8, arch: "arm64", price: 0.07),
        instanceType("g.xlarge", cpu: 4, memoryGiB: 16, arch: "arm64", price: 0.14),
    ]

    static func pod(_ uid: String, cpu: Int64 = 1000, memoryMiB: Int64 = 1024, labels: [String: String] = [:],
                    namespace: String = "default", creationTime: Int64 = 0) -> SchedulingPod {
        SchedulingPod(uid: uid, namespace: namespace, creationTime: creationTime, labels: labels,
                      containers: [.units(cpuMillis: cpu, memoryMiB: memoryMiB)])
    }

    static func pods(_ count: Int, prefix: String = "p", cpu: Int64 = 1000, memoryMiB: Int64 = 1024,
                     labels: [String: String] = [:], configure: (inout SchedulingPod) -> Void = { _ in })
        -> [SchedulingPod] {
        (0..<count).map { index in
            var pod = pod("\(prefix)\(100 + index)", cpu: cpu, memoryMiB: memoryMiB, labels: labels)
            configure(&pod)
            return pod
        }
    }

    static func pool(_ name: String = "default", weight: Int32 = 0, requirements: [RequirementSpec] = [],
                     taints: [Taint] = [], limits: [String: Int64]? = nil, nodeLimit: Int? = nil,
                     labels: [String: String] = [:]) -> SchedulingNodePool {
        SchedulingNodePool(name: name, weight: weight, requirements: requirements, labels: labels, taints: taints,
                           limits: limits, nodeLimit: nodeLimit)
    }

    static func input(_ pods: [SchedulingPod], pools: [SchedulingNodePool] = [pool()],
                      types: [InstanceType] = catalogue, nodes: [ExistingNode] = [],
                      daemons: [SchedulingPod] = []) -> SchedulingInput {
        SchedulingInput(pods: pods, existingNodes: nodes, nodePools: pools, instanceTypes: types,
                        daemonSetPods: daemons)
    }

    static func existingNode(_ name: String, zone: String = "zone-a", cpu: Int64 = 4, memoryGiB: Int64 = 16,
                             labels: [String: String] = [:], taints: [Taint] = [], pods: [ExistingPod] = [],
                             requested: Resources = .zero) -> ExistingNode {
        var all = labels
        all[zoneKey] = zone
        all[hostnameKey] = name
        all["kubernetes.io/arch"] = "amd64"
        return ExistingNode(name: name, labels: all, taints: taints,
                            allocatable: .units(cpuMillis: cpu * 1000, memoryMiB: memoryGiB * 1024, pods: 110),
                            requested: requested, pods: pods)
    }
}

extension SchedulingResult {
    /// NodeClaim index holding each pod UID.
    var claimOf: [String: Int] {
        var out: [String: Int] = [:]
        for (index, claim) in newNodeClaims.enumerated() { for uid in claim.podUIDs { out[uid] = index } }
        return out
    }

    /// Existing node name holding each pod UID.
    var nodeOf: [String: String] {
        var out: [String: String] = [:]
        for placement in existingNodePlacements { for uid in placement.podUIDs { out[uid] = placement.nodeName } }
        return out
    }

    /// Values a claim's requirement allows for `key` (`In` only), or nil.
    func values(_ claim: Int, _ key: String) -> [String]? {
        newNodeClaims[claim].requirements.first { $0.key == key && $0.operator == .in }?.values
    }
}
