/// A post-pass for small batches: two open plans whose pods have no topology relations and no host
/// ports are merged when one node of the cheapest type that holds both costs less than the two.
extension Solver {
    /// True when a plan's pods neither count in nor own any topology group and bind no host ports,
    /// so moving them to another plan cannot change a topology decision.
    private func isMergeable(_ plan: NodeClaimPlan) -> Bool {
        plan.pods.allSatisfy { podIndex in
            let spec = classes[podClass[podIndex]]
            return spec.matchingGroups.isEmpty && spec.hostPorts.isEmpty && spec.requiredAffinityGroups.isEmpty
                && spec.requiredAntiAffinityGroups.isEmpty && spec.preferredAffinityGroups.isEmpty
                && spec.preferredAntiAffinityGroups.isEmpty && spec.hardSpreadGroups.isEmpty
                && spec.softSpreadGroups.isEmpty
        }
    }

    /// Greedy pairwise merging until no merge saves money. Plans keep their creation order; merged
    /// plans are removed. Only used when no existing node slots are referenced by topology.
    mutating func mergePlans() {
        var merged = true
        var rounds = 0
        while merged && rounds < 8 {
            merged = false
            rounds += 1
            var alive = Array(repeating: true, count: plans.count)
            let mergeable = plans.map { isMergeable($0) }
            for a in plans.indices where alive[a] && mergeable[a] {
                for b in plans.indices where b > a && alive[b] && mergeable[b] && plans[b].pool == plans[a].pool {
                    guard plans[a].requirements.firstConflict(with: plans[b].requirements, table: table) == nil
                    else { continue }
                    let requirements = plans[a].requirements.intersection(plans[b].requirements, table: table)
                    let requests = plans[a].requests + plans[b].requests
                    guard mergedTypes(plans[a].types, plans[b].types, pool: plans[a].pool,
                                      requirements: requirements, requests: requests),
                          minValuesFailure(scratch, requirements) == nil else { continue }
                    let price = price(of: scratch, requirements)
                    guard price < plans[a].price + plans[b].price - 1e-9 else { continue }
                    plans[a].types = scratch
                    plans[a].allowedTypes.formIntersection(plans[b].allowedTypes)
                    plans[a].requirements = requirements
                    plans[a].requests = requests
                    plans[a].price = price
                    plans[a].pods += plans[b].pods
                    plans[a].hostPorts += plans[b].hostPorts
                    alive[b] = false
                    merged = true
                }
            }
            plans = plans.indices.filter { alive[$0] }.map { plans[$0] }
        }
    }

    /// Types in both sets that hold `requests` and match `requirements`, into `scratch`.
    private mutating func mergedTypes(_ a: InstanceTypeSet, _ b: InstanceTypeSet, pool: Int,
                                      requirements: Requirements, requests: Resources) -> Bool {
        var found = false
        scratch.removeAll()
        a.forEach(intersecting: b) { index in
            guard requests.fits(in: pools[pool].effectiveAllocatable[index]),
                  types[index].requirements.intersects(requirements, table: table),
                  hasOffering(index, requirements) else { return }
            scratch.insert(index)
            found = true
        }
        return found
    }
}
