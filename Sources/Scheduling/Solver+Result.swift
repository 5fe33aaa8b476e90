import KubeModel

/// Turning the solver's state into a `SchedulingResult`: instance types ordered cheapest first and
/// truncated, NodeClaim requirements rendered, daemon overhead added to requests.
extension Solver {
    /// Cheapest available offering of a type compatible with `requirements`.
    func cheapestOffering(_ typeIndex: Int, _ requirements: Requirements) -> CompiledOffering? {
        let zone = requirements.get(zoneKey)
        let capacityType = requirements.get(capacityTypeKey)
        var best: CompiledOffering?
        for offering in types[typeIndex].offerings where offering.available {
            if let zone, !zone.allows(offering.zone, table: table) { continue }
            if let capacityType, !capacityType.allows(offering.capacityType, table: table) { continue }
            if best == nil || offering.price < best?.price ?? .infinity { best = offering }
        }
        return best
    }

    /// The plan's candidates ordered by their cheapest compatible offering (then name), truncated.
    /// Candidates are drawn from the types allowed when the plan was opened (packing may have capped
    /// `types`), keeping those that hold the final requests and match the final requirements. The
    /// catalogue is ordered by each type's cheapest offering overall, which bounds its compatible
    /// price from below, so the scan stops once no later type can displace the kept ones.
    func cheapestTypes(_ plan: NodeClaimPlan) -> [(index: Int, price: Double)] {
        let limit = max(1, input.maxInstanceTypes)
        var options: [(index: Int, price: Double)] = []
        let constrained = plan.requirements.has(zoneKey) || plan.requirements.has(capacityTypeKey)
        var worst = -Double.infinity
        plan.allowedTypes.forEachIndex(while: { index in
            if options.count >= limit && types[index].cheapestPrice > worst { return false }
            guard plan.types.contains(index) || (plan.requests.fits(in: pools[plan.pool].effectiveAllocatable[index])
                && types[index].requirements.intersects(plan.requirements, table: table)
                && hasOffering(index, plan.requirements)) else { return true }
            let price = constrained ? cheapestOffering(index, plan.requirements)?.price : types[index].cheapestPrice
            if let price {
                options.append((index, price))
                if options.count <= limit { worst = max(worst, price) }
            }
            return true
        })
        options.sort { ($0.price, types[$0.index].input.name) < ($1.price, types[$1.index].input.name) }
        return Array(options.prefix(limit))
    }

    mutating func finish(failures: [Int: SchedulingFailure], order: [Int]) -> SchedulingResult {
        var failures = failures
        var claims: [NewNodeClaim] = []
        for plan in plans {
            let kept = cheapestTypes(plan)
            var keptSet = InstanceTypeSet(capacity: types.count)
            for option in kept { keptSet.insert(option.index) }
            if let failure = minValuesFailure(keptSet, plan.requirements) ?? (kept.isEmpty
                ? .noInstanceTypeMet(requirements: plan.requirements.render(table), resources: plan.requests.description)
                : nil) {
                for pod in plan.pods { failures[pod] = failure }
                continue
            }
            claims.append(newNodeClaim(plan, kept: kept))
        }
        let placements = nodes.filter { !$0.pods.isEmpty }.map {
            ExistingNodePlacement(nodeName: $0.input.name, podUIDs: $0.pods.map { input.pods[$0].uid })
        }
        var seen = Set<Int>()
        var failed: [PodFailure] = []
        for podIndex in order.reversed() where !seen.contains(podIndex) {
            seen.insert(podIndex)
            if let failure = failures[podIndex] { failed.append(PodFailure(uid: input.pods[podIndex].uid, failure: failure)) }
        }
        failed.reverse()
        return SchedulingResult(newNodeClaims: claims, existingNodePlacements: placements, failures: failed)
    }

    private func newNodeClaim(_ plan: NodeClaimPlan, kept: [(index: Int, price: Double)]) -> NewNodeClaim {
        var specs: [RequirementSpec] = []
        for requirement in plan.requirements.entries where requirement.key != hostnameKey {
            specs += spec(requirement)
        }
        let names = kept.map { types[$0.index].input.name }
        specs.removeAll { $0.key == WellKnownLabels.instanceType || $0.key == WellKnownLabels.capacityType }
        specs.append(RequirementSpec(WellKnownLabels.instanceType, .in, names))
        var capacityTypes = Set<String>()
        let zone = plan.requirements.get(zoneKey)
        let capacityType = plan.requirements.get(capacityTypeKey)
        for option in kept {
            for offering in types[option.index].offerings where offering.available {
                if let zone, !zone.allows(offering.zone, table: table) { continue }
                if let capacityType, !capacityType.allows(offering.capacityType, table: table) { continue }
                capacityTypes.insert(table.valueName(offering.capacityType))
            }
        }
        specs.append(RequirementSpec(WellKnownLabels.capacityType, .in, capacityTypes.sorted()))
        specs.sort { $0.key < $1.key }
        var overhead: Resources?
        for option in kept {
            let daemon = pools[plan.pool].daemonOverhead[option.index]
            overhead = overhead.map { Resources.min($0, daemon) } ?? daemon
        }
        return NewNodeClaim(
            nodePool: pools[plan.pool].input.name, requirements: specs, instanceTypeNames: names,
            podUIDs: plan.pods.map { input.pods[$0].uid }, requests: plan.requests + (overhead ?? .zero),
            price: kept.first?.price ?? 0,
            cheapestAllocatable: kept.first.map { types[$0.index].allocatable } ?? .zero)
    }

    /// Renders a compiled requirement back to user form (bounds become separate `Gt`/`Lt`).
    private func spec(_ requirement: Requirement) -> [RequirementSpec] {
        let key = table.keyName(requirement.key)
        let values = requirement.values.map { table.valueName($0) }.sorted()
        var out: [RequirementSpec] = []
        switch requirement.operator {
        case .in: out.append(RequirementSpec(key, .in, values, minValues: requirement.minValues))
        case .notIn: out.append(RequirementSpec(key, .notIn, values, minValues: requirement.minValues))
        case .doesNotExist: out.append(RequirementSpec(key, .doesNotExist))
        default:
            if requirement.greaterThan == nil && requirement.lessThan == nil {
                out.append(RequirementSpec(key, .exists, minValues: requirement.minValues))
            }
        }
        if let gt = requirement.greaterThan { out.append(RequirementSpec(key, .greaterThan, [String(gt)])) }
        if let lt = requirement.lessThan { out.append(RequirementSpec(key, .lessThan, [String(lt)])) }
        return out
    }
}
