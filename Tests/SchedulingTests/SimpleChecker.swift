@testable import Scheduling

/// An independent, deliberately simple checker of a solver result. It re-derives everything from
/// the input with plain string maps (no interning, no requirement algebra) and reports violations
/// of hard constraints as readable strings.
struct SimpleChecker {
    let input: SchedulingInput
    let result: SchedulingResult

    /// One possible concrete node a placement may become: a label map plus allocatable.
    struct Shape {
        var labels: [String: String]
        var allocatable: Resources
        var taints: [Taint]
    }

    /// Plain Kubernetes meaning of one requirement on a label map.
    static func holds(_ spec: RequirementSpec, _ labels: [String: String]) -> Bool {
        let key = spec.key == "failure-domain.beta.kubernetes.io/zone" ? "topology.kubernetes.io/zone" : spec.key
        let value = labels[key]
        switch spec.operator {
        case .in: return value.map { spec.values.contains($0) } ?? false
        case .notIn: return value.map { !spec.values.contains($0) } ?? true
        case .exists: return value != nil
        case .doesNotExist: return value == nil
        case .greaterThan:
            guard let value, let number = Int64(value), let bound = Int64(spec.values.first ?? "") else { return false }
            return number > bound
        case .lessThan:
            guard let value, let number = Int64(value), let bound = Int64(spec.values.first ?? "") else { return false }
            return number < bound
        }
    }

    /// Hard node constraints a pod has no matter how far it is relaxed: node selector, at least one
    /// required term, volume requirements, NoSchedule/NoExecute taints.
    static func admits(_ pod: SchedulingPod, _ shape: Shape) -> Bool {
        for (key, value) in pod.nodeSelector where shape.labels[key] != value { return false }
        if !pod.requiredNodeAffinity.isEmpty,
           !pod.requiredNodeAffinity.contains(where: { term in term.allSatisfy { holds($0, shape.labels) } }) {
            return false
        }
        if !pod.volumeRequirements.allSatisfy({ holds($0, shape.labels) }) { return false }
        for taint in shape.taints where taint.effect != .preferNoSchedule {
            if !pod.tolerations.contains(where: { $0.tolerates(taint) }) { return false }
        }
        return true
    }

    func pool(_ name: String) -> SchedulingNodePool? { input.nodePools.first { $0.name == name } }

    func daemonOverhead(_ shape: Shape) -> Resources {
        var total = Resources.zero
        for daemon in input.daemonSetPods where SimpleChecker.admits(daemon, shape) { total.add(daemon.requests) }
        return total
    }

    /// Labels of a node launched from `type` through `offering` for `pool`.
    static func nodeLabels(_ type: InstanceType, _ offering: Offering, _ pool: SchedulingNodePool) -> [String: String] {
        var labels = type.labels.merging(pool.labels) { a, _ in a }
        labels["node.kubernetes.io/instance-type"] = type.name
        labels["topology.kubernetes.io/zone"] = offering.zone
        labels["karpenter.sh/capacity-type"] = offering.capacityType
        labels["karpenter.sh/nodepool"] = pool.name
        return labels
    }

    /// Every concrete node a new claim may launch as.
    func shapes(of claim: NewNodeClaim) -> [Shape] {
        guard let pool = pool(claim.nodePool) else { return [] }
        var out: [Shape] = []
        for name in claim.instanceTypeNames {
            guard let type = input.instanceTypes.first(where: { $0.name == name }) else { continue }
            for offering in type.offerings where offering.available {
                let labels = SimpleChecker.nodeLabels(type, offering, pool)
                let fixed = claim.requirements.filter { $0.key != "node.kubernetes.io/instance-type" }
                if fixed.allSatisfy({ SimpleChecker.holds($0, labels) }) {
                    out.append(Shape(labels: labels, allocatable: type.allocatable, taints: pool.taints))
                }
            }
        }
        return out
    }

    var pods: [String: SchedulingPod] { Dictionary(uniqueKeysWithValues: input.pods.map { ($0.uid, $0) }) }

    /// Violations of hard constraints among the placements.
    func violations() -> [String] {
        var problems: [String] = []
        let pods = self.pods
        // Where each pod may end up: a node id and the zones it may be in.
        var zonesOf: [String: Set<String>] = [:]
        var hostOf: [String: String] = [:]
        for (index, claim) in result.newNodeClaims.enumerated() {
            let shapes = shapes(of: claim)
            if shapes.isEmpty { problems.append("claim \(index) has no launchable shape") }
            let members = claim.podUIDs.compactMap { pods[$0] }
            for shape in shapes {
                var total = daemonOverhead(shape)
                for pod in members { total.add(pod.requests) }
                if !total.fits(in: shape.allocatable) {
                    problems.append("claim \(index) overflows \(shape.labels["node.kubernetes.io/instance-type"] ?? "")")
                }
                for pod in members where !SimpleChecker.admits(pod, shape) {
                    problems.append("pod \(pod.uid) not admitted by claim \(index) shape \(shape.labels)")
                }
            }
            for pod in members {
                zonesOf[pod.uid] = Set(shapes.compactMap { $0.labels["topology.kubernetes.io/zone"] })
                hostOf[pod.uid] = "claim\(index)"
            }
            problems += portConflicts(members, where: "claim \(index)")
        }
        for placement in result.existingNodePlacements {
            guard let node = input.existingNodes.first(where: { $0.name == placement.nodeName }) else { continue }
            let members = placement.podUIDs.compactMap { pods[$0] }
            var total = node.requested
            for pod in members { total.add(pod.requests) }
            if !total.fits(in: node.allocatable) { problems.append("node \(node.name) overflows") }
            let shape = Shape(labels: node.labels, allocatable: node.allocatable, taints: node.taints)
            for pod in members where !SimpleChecker.admits(pod, shape) {
                problems.append("pod \(pod.uid) not admitted by node \(node.name)")
            }
            for pod in members {
                zonesOf[pod.uid] = node.labels["topology.kubernetes.io/zone"].map { [$0] } ?? []
                hostOf[pod.uid] = node.name
            }
            problems += portConflicts(members, where: node.name, used: node.hostPortsUsed)
        }
        problems += topologyViolations(pods: pods, zonesOf: zonesOf, hostOf: hostOf)
        return problems
    }

    func portConflicts(_ members: [SchedulingPod], where place: String, used: [HostPort] = []) -> [String] {
        var seen = used
        var problems: [String] = []
        for pod in members {
            for port in pod.hostPorts {
                if seen.contains(where: { $0.conflicts(with: port) }) { problems.append("port \(port.port) twice on \(place)") }
                seen.append(port)
            }
        }
        return problems
    }

    func topologyViolations(pods: [String: SchedulingPod], zonesOf: [String: Set<String>],
                            hostOf: [String: String]) -> [String] {
        var problems: [String] = []
        let placed = pods.values.filter { hostOf[$0.uid] != nil }
        var existing: [(labels: [String: String], zone: String?, host: String, anti: [PodAffinityTerm])] = []
        for node in input.existingNodes {
            for pod in node.pods {
                existing.append((pod.labels, node.labels["topology.kubernetes.io/zone"], node.name, pod.requiredPodAntiAffinity))
            }
        }
        for pod in placed {
            let host = hostOf[pod.uid] ?? ""
            let zones = zonesOf[pod.uid] ?? []
            for term in pod.requiredPodAntiAffinity {
                for other in placed where other.uid != pod.uid && term.labelSelector.matches(other.labels) {
                    if term.topologyKey == Fixture.hostnameKey && hostOf[other.uid] == host {
                        problems.append("anti-affinity: \(pod.uid) shares \(host) with \(other.uid)")
                    }
                    if term.topologyKey == Fixture.zoneKey && !zones.isDisjoint(with: zonesOf[other.uid] ?? []) {
                        problems.append("zone anti-affinity: \(pod.uid) may share a zone with \(other.uid)")
                    }
                }
                for other in existing where term.labelSelector.matches(other.labels) {
                    if term.topologyKey == Fixture.hostnameKey && other.host == host {
                        problems.append("anti-affinity: \(pod.uid) on \(host) with an existing pod")
                    }
                }
            }
            for other in existing {
                for term in other.anti where term.labelSelector.matches(pod.labels) {
                    if term.topologyKey == Fixture.hostnameKey && other.host == host {
                        problems.append("inverse anti-affinity on \(host) for \(pod.uid)")
                    }
                }
            }
            for term in pod.requiredPodAffinity {
                let partners = placed.filter { $0.uid != pod.uid && term.labelSelector.matches($0.labels) }
                guard !partners.isEmpty, term.topologyKey == Fixture.zoneKey else { continue }
                let together = partners.contains { zonesOf[$0.uid] == zones && zones.count == 1 }
                if !together { problems.append("affinity: \(pod.uid) in \(zones) apart from its group") }
            }
        }
        // Zone spread: among pods with a determined zone, max - min over the zones ever offered.
        var spreadCounts: [String: Int] = [:]
        let spreadPods = placed.filter { !$0.topologySpread.isEmpty }
        if let constraint = spreadPods.first?.topologySpread.first, constraint.topologyKey == Fixture.zoneKey {
            for pod in placed where constraint.labelSelector.matches(pod.labels) {
                if let zones = zonesOf[pod.uid], zones.count == 1, let zone = zones.first { spreadCounts[zone, default: 0] += 1 }
            }
            let offered = Set(result.newNodeClaims.flatMap { shapes(of: $0) }.compactMap { $0.labels["topology.kubernetes.io/zone"] })
            let counts = offered.map { spreadCounts[$0] ?? 0 }
            if let high = counts.max(), let low = counts.min(), high - low > constraint.maxSkew,
               offered.count == Set(Fixture.zones).count {
                problems.append("zone spread skew \(spreadCounts)")
            }
        }
        return problems
    }

    /// True when some NodePool without limits could launch a node holding `pod` alone.
    func feasibleAlone(_ pod: SchedulingPod) -> Bool {
        for pool in input.nodePools where pool.limits == nil && pool.nodeLimit == nil {
            for type in input.instanceTypes {
                for offering in type.offerings where offering.available {
                    let labels = SimpleChecker.nodeLabels(type, offering, pool)
                    guard pool.requirements.allSatisfy({ SimpleChecker.holds($0, labels) }) else { continue }
                    let shape = Shape(labels: labels, allocatable: type.allocatable, taints: pool.taints)
                    if SimpleChecker.admits(pod, shape), (pod.requests + daemonOverhead(shape)).fits(in: type.allocatable) {
                        return true
                    }
                }
            }
        }
        return false
    }
}
