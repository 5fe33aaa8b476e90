/// A post-pass for small batches: empty a plan by moving each of its pods to another plan when the
/// receivers' price increase is smaller than the emptied plan's price. Only plans whose pods have no
/// topology relations or host ports take part (see `mergePlans`).
extension Solver {
    /// A receiving plan's state while a relocation is evaluated.
    private struct Receiver {
        var types: InstanceTypeSet
        var requirements: Requirements
        var requests: Resources
        var price: Double
        var pods: [Int]
    }

    /// Tries to empty plans, most expensive per pod first, until no relocation saves money.
    mutating func relocatePods() {
        var improved = true
        var rounds = 0
        while improved && rounds < 4 {
            improved = false
            rounds += 1
            let order = plans.indices.sorted {
                (plans[$0].price / Double(max(plans[$0].pods.count, 1)), -$0)
                    > (plans[$1].price / Double(max(plans[$1].pods.count, 1)), -$1)
            }
            for source in order where isMovable(plans[source]) && !plans[source].pods.isEmpty {
                if emptyPlan(source) { improved = true }
            }
            plans.removeAll { $0.pods.isEmpty }
        }
    }

    private func isMovable(_ plan: NodeClaimPlan) -> Bool {
        plan.hostPorts.isEmpty && plan.pods.allSatisfy { podIndex in
            let spec = classes[podClass[podIndex]]
            return spec.matchingGroups.isEmpty && spec.hostPorts.isEmpty && spec.steps.isEmpty
                && spec.requiredAffinityGroups.isEmpty && spec.requiredAntiAffinityGroups.isEmpty
                && spec.hardSpreadGroups.isEmpty
        }
    }

    /// Moves every pod of `source` into other movable plans of the same pool (first fit, biggest pod
    /// first) and commits only when the total price drops.
    private mutating func emptyPlan(_ source: Int) -> Bool {
        let pool = plans[source].pool
        var receivers: [Int: Receiver] = [:]
        let pods = plans[source].pods.sorted {
            (classes[podClass[$0]].requests.cpu, -$0) > (classes[podClass[$1]].requests.cpu, -$1)
        }
        for podIndex in pods {
            let variantIndex = variant(classIndex: podClass[podIndex], level: 0)
            let requests = variants[variantIndex].requests
            var placed = false
            for target in plans.indices where target != source && plans[target].pool == pool
                && !plans[target].pods.isEmpty && isMovable(plans[target]) {
                var receiver = receivers[target] ?? Receiver(
                    types: plans[target].types, requirements: plans[target].requirements,
                    requests: plans[target].requests, price: plans[target].price, pods: plans[target].pods)
                guard receiver.requirements.compatibilityConflict(
                    with: variants[variantIndex].requirements, allowUndefinedWellKnown: true, table: table) == nil
                else { continue }
                let requirements = receiver.requirements.intersection(variants[variantIndex].requirements, table: table)
                let total = receiver.requests + requests
                scratch.removeAll()
                var found = false
                plans[target].allowedTypes.forEach { index in
                    guard total.fits(in: pools[pool].effectiveAllocatable[index]),
                          types[index].requirements.intersects(requirements, table: table),
                          hasOffering(index, requirements) else { return }
                    scratch.insert(index)
                    found = true
                }
                guard found, minValuesFailure(scratch, requirements) == nil else { continue }
                receiver.types = scratch
                receiver.requirements = requirements
                receiver.requests = total
                receiver.price = price(of: scratch, requirements)
                receiver.pods.append(podIndex)
                receivers[target] = receiver
                placed = true
                break
            }
            if !placed { return false }
        }
        var increase = 0.0
        for target in receivers.keys.sorted() { increase += (receivers[target]?.price ?? 0) - plans[target].price }
        guard increase < plans[source].price - 1e-9 else { return false }
        for (target, receiver) in receivers.sorted(by: { $0.key < $1.key }) {
            plans[target].types = receiver.types
            plans[target].requirements = receiver.requirements
            plans[target].requests = receiver.requests
            plans[target].price = receiver.price
            plans[target].pods = receiver.pods
            plans[target].allowedTypes.formIntersection(plans[source].allowedTypes)
        }
        plans[source].pods = []
        return true
    }
}
