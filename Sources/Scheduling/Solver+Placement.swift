/// Placement of one pod: existing nodes first, then open plans in creation order, then a new plan
/// from the first NodePool (by weight, then name descending) that can take it.
extension Solver {
    /// Places pod `podIndex` at relaxation `level`; returns the failure when nothing can take it.
    mutating func place(podIndex: Int, level: Int) -> SchedulingFailure? {
        let variantIndex = variant(classIndex: podClass[podIndex], level: level)
        let failure: SchedulingFailure?
        if placeOnExistingNode(podIndex: podIndex, variantIndex: variantIndex) { failure = nil }
        else if placeOnOpenPlan(podIndex: podIndex, variantIndex: variantIndex) { failure = nil }
        else { failure = placeOnNewPlan(podIndex: podIndex, variantIndex: variantIndex) }
        if failure == nil { pendingDemand.add(variants[variantIndex].requests, sign: -1) }
        return failure
    }

    private mutating func placeOnExistingNode(podIndex: Int, variantIndex: Int) -> Bool {
        for slot in nodes.indices {
            let variant = variants[variantIndex]
            let node = nodes[slot]
            guard (node.requested + variant.requests).fits(in: node.input.allocatable),
                  node.input.taints.firstUntolerated(by: variant.tolerations) == nil,
                  Solver.firstConflict(classes[variant.classIndex].hostPorts, node.hostPorts) == nil,
                  node.requirements.compatibilityConflict(with: variant.requirements, allowUndefinedWellKnown: false,
                                                          table: table) == nil,
                  case .success = checkTopology(variant: variantIndex, target: .node(slot: slot))
            else { continue }
            nodes[slot].requested.add(variant.requests)
            nodes[slot].hostPorts += classes[variant.classIndex].hostPorts
            nodes[slot].pods.append(podIndex)
            recordTopology(variant: variantIndex, target: .node(slot: slot))
            return true
        }
        return false
    }

    private mutating func placeOnOpenPlan(podIndex: Int, variantIndex: Int) -> Bool {
        let monotone = variants[variantIndex].monotone
        var planIndex = monotone ? variants[variantIndex].planCursor : 0
        let core = variants[variantIndex].core
        while planIndex < plans.count {
            // Inline headroom test: most open plans are full for most shapes.
            let headroom = plans[planIndex].headroom
            if core.cpu <= headroom.cpu && core.memory <= headroom.memory && core.pods <= headroom.pods,
               tryPlan(planIndex, podIndex: podIndex, variantIndex: variantIndex) {
                return true
            }
            // Every rejection of a monotone variant is permanent, so it never needs this plan again.
            if monotone { variants[variantIndex].planCursor = planIndex + 1 }
            planIndex += 1
        }
        return false
    }

    /// Price of the cheapest type in `set` with an offering allowed by `requirements`. The catalogue
    /// is ordered by each type's cheapest offering, a lower bound, so the scan stops early.
    func price(of set: InstanceTypeSet, _ requirements: Requirements) -> Double {
        let constrained = requirements.has(zoneKey) || requirements.has(capacityTypeKey)
        var best = Double.infinity
        set.forEachIndex(while: { index in
            if types[index].cheapestPrice >= best { return false }
            let price = constrained ? cheapestOffering(index, requirements)?.price ?? .infinity
                : types[index].cheapestPrice
            best = min(best, price)
            return constrained
        })
        return best
    }

    /// Restricts `scratch` to the types no larger than the most cost-efficient one for the pending
    /// demand: price divided by the share of that demand one node covers (at most all of it). Ties go
    /// to the larger type. Keeps `scratch` unchanged when the cap would break `minValues`.
    private mutating func capToTarget(pool: Int, requirements: Requirements, requests: Resources) {
        let demand = Resources.max(pendingDemand, requests)
        var target = -1
        var bestCost = Double.infinity
        var bestSize = 0.0
        let allocatable = pools[pool].effectiveAllocatable
        scratch.forEach { index in
            let capacity = allocatable[index]
            var share = 1.0
            if demand.cpu > 0 { share = min(share, Double(capacity.cpu) / Double(demand.cpu)) }
            if demand.memory > 0 { share = min(share, Double(capacity.memory) / Double(demand.memory)) }
            if demand.pods > 0 { share = min(share, Double(capacity.pods) / Double(demand.pods)) }
            // The type's cheapest offering overall: exact enough to pick a cap, and no offering scan.
            let cost = types[index].cheapestPrice / max(share, 1e-12)
            let size = Double(capacity.cpu) + Double(capacity.memory) / Double(Resources.gibibyte) * 250
            if cost < bestCost * (1 - 1e-9) || (cost <= bestCost * (1 + 1e-9) && size > bestSize) {
                target = index
                bestCost = min(cost, bestCost)
                bestSize = size
            }
        }
        guard target >= 0 else { return }
        let cap = allocatable[target]
        var capped = scratch
        scratch.forEach { index in
            let capacity = allocatable[index]
            if capacity.cpu > cap.cpu || capacity.memory > cap.memory || capacity.pods > cap.pods {
                capped.remove(index)
            }
        }
        if minValuesFailure(capped, requirements) == nil { scratch = capped }
    }

    /// Price of a node holding one pod of the variant alone, per pool (cached).
    private mutating func alonePrice(variantIndex: Int, pool: Int) -> Double {
        if let cached = variants[variantIndex].alonePrice[pool] { return cached }
        let requirements = pools[pool].template.intersection(variants[variantIndex].requirements, table: table)
        let value = price(of: compatibleTypes(variantIndex: variantIndex, pool: pool), requirements)
        variants[variantIndex].alonePrice[pool] = value
        return value
    }

    /// Tolerance of a pool's template taints, cached per variant.
    private mutating func tolerates(variantIndex: Int, pool: Int) -> Bool {
        if let cached = variants[variantIndex].tolerated[pool] { return cached }
        let ok = pools[pool].input.taints.firstUntolerated(by: variants[variantIndex].tolerations) == nil
        variants[variantIndex].tolerated[pool] = ok
        return ok
    }

    /// Instance types of a pool compatible with a variant on its own (labels, offerings, requests).
    private mutating func compatibleTypes(variantIndex: Int, pool: Int) -> InstanceTypeSet {
        if let cached = variants[variantIndex].compatibleTypes[pool] { return cached }
        let variant = variants[variantIndex]
        let requirements = pools[pool].template.intersection(variant.requirements, table: table)
        var set = InstanceTypeSet(capacity: types.count)
        pools[pool].types.forEach { index in
            if variant.requests.fits(in: pools[pool].effectiveAllocatable[index]),
               types[index].requirements.intersects(requirements, table: table),
               hasOffering(index, requirements) {
                set.insert(index)
            }
        }
        variants[variantIndex].compatibleTypes[pool] = set
        return set
    }

    /// True when the type has an available offering whose zone and capacity type are allowed.
    @inline(__always)
    func hasOffering(_ typeIndex: Int, _ requirements: Requirements) -> Bool {
        let zone = requirements.get(zoneKey)
        let capacityType = requirements.get(capacityTypeKey)
        for offering in types[typeIndex].offerings where offering.available {
            if let zone, !zone.allows(offering.zone, table: table) { continue }
            if let capacityType, !capacityType.allows(offering.capacityType, table: table) { continue }
            return true
        }
        return false
    }

    /// Filters `candidates` into `scratch`: types whose effective allocatable holds `requests` and,
    /// when `checkLabels`, that intersect `requirements` and have a matching offering.
    private mutating func filter(_ candidates: InstanceTypeSet, and also: InstanceTypeSet? = nil, pool: Int,
                                 requirements: Requirements, requests: Resources, checkLabels: Bool,
                                 limits: [String: Int64]? = nil) -> Bool {
        var found = false
        scratch.removeAll()
        candidates.forEach(intersecting: also ?? candidates) { index in
            guard requests.fits(in: pools[pool].effectiveAllocatable[index]) else { return }
            if checkLabels {
                guard types[index].requirements.intersects(requirements, table: table),
                      hasOffering(index, requirements) else { return }
            }
            if let limits, !Solver.withinLimits(types[index].input.capacity, limits) { return }
            scratch.insert(index)
            found = true
        }
        return found
    }

    static func withinLimits(_ capacity: Resources, _ limits: [String: Int64]) -> Bool {
        for (name, remaining) in limits where amount(capacity, name) > remaining { return false }
        return true
    }

    /// The first key whose `minValues` the candidate set cannot satisfy.
    func minValuesFailure(_ set: InstanceTypeSet, _ requirements: Requirements) -> SchedulingFailure? {
        for requirement in requirements.entries {
            guard let minimum = requirement.minValues else { continue }
            var distinct = Set<LabelValueID>()
            set.forEach { index in
                guard let values = types[index].requirements.get(requirement.key), !values.complement else { return }
                for value in values.values where requirement.allows(value, table: table) { distinct.insert(value) }
            }
            if distinct.count < minimum {
                return .minValuesNotMet(key: table.keyName(requirement.key), required: minimum, found: distinct.count)
            }
        }
        return nil
    }

    private func maxAllocatable(_ set: InstanceTypeSet, pool: Int) -> Resources {
        var result = Resources.zero
        var first = true
        set.forEach { index in
            result = first ? pools[pool].effectiveAllocatable[index]
                : Resources.max(result, pools[pool].effectiveAllocatable[index])
            first = false
        }
        return result
    }

    /// Requirements with every narrowing's candidate at `choice` applied.
    private func narrowed(_ requirements: Requirements, _ narrowings: [TopologyNarrowing], choice: Int) -> Requirements {
        var out = requirements
        for narrowing in narrowings {
            let values = narrowing.candidates.count > 1 && choice < narrowing.candidates.count
                ? [narrowing.candidates[choice]] : [narrowing.candidates[0]]
            out.add(Requirement(key: narrowing.key, complement: false, values: values, table: table), table: table)
        }
        return out
    }

    private mutating func tryPlan(_ planIndex: Int, podIndex: Int, variantIndex: Int) -> Bool {
        let core = variants[variantIndex].core
        let headroom = plans[planIndex].headroom
        if core.cpu > headroom.cpu || core.memory > headroom.memory || core.pods > headroom.pods { return false }
        let pool = plans[planIndex].pool
        let variant = variants[variantIndex]
        let newRequests = plans[planIndex].requests + variant.requests
        guard newRequests.fits(in: plans[planIndex].maxAllocatable),
              tolerates(variantIndex: variantIndex, pool: pool),
              Solver.firstConflict(classes[variant.classIndex].hostPorts, plans[planIndex].hostPorts) == nil
        else { return false }
        var combined = plans[planIndex].requirements
        var changed = false
        if !plans[planIndex].neutralVariants.contains(variantIndex) {
            guard combined.compatibilityConflict(with: variant.requirements, allowUndefinedWellKnown: true,
                                                 table: table) == nil else { return false }
            combined = combined.intersection(variant.requirements, table: table)
            changed = combined != plans[planIndex].requirements
            if !changed { plans[planIndex].neutralVariants.append(variantIndex) }
        }
        guard case let .success(narrowings) = checkTopology(
            variant: variantIndex, target: .plan(slot: plans[planIndex].slot, requirements: combined)) else { return false }
        let compatible = compatibleTypes(variantIndex: variantIndex, pool: pool)
        let choices = max(1, narrowings.map(\.candidates.count).max() ?? 1)
        for choice in 0..<choices {
            let requirements = narrowings.isEmpty ? combined : narrowed(combined, narrowings, choice: choice)
            let labelsChanged = changed || requirements != plans[planIndex].requirements
            guard filter(plans[planIndex].types, and: compatible, pool: pool, requirements: requirements,
                         requests: newRequests, checkLabels: labelsChanged) else { continue }
            if labelsChanged, minValuesFailure(scratch, requirements) != nil { continue }
            // Cost-aware first fit: join only when growing this plan costs no more than a node of
            // its own would (otherwise FFD drifts into large, pricier types).
            let newPrice = price(of: scratch, requirements)
            if costAware, newPrice - plans[planIndex].price > alonePrice(variantIndex: variantIndex, pool: pool) + 1e-9 {
                continue
            }
            plans[planIndex].price = newPrice
            commit(planIndex, podIndex: podIndex, variantIndex: variantIndex, requirements: requirements,
                   requests: newRequests, labelsChanged: labelsChanged)
            return true
        }
        return false
    }

    private mutating func commit(_ planIndex: Int, podIndex: Int, variantIndex: Int, requirements: Requirements,
                                 requests: Resources, labelsChanged: Bool) {
        let pool = plans[planIndex].pool
        let typesChanged = plans[planIndex].types != scratch
        if typesChanged {
            plans[planIndex].types.assign(scratch)
            plans[planIndex].maxAllocatable = maxAllocatable(scratch, pool: pool)
        }
        if labelsChanged {
            plans[planIndex].requirements = requirements
            plans[planIndex].neutralVariants.removeAll(keepingCapacity: true)
        }
        plans[planIndex].requests = requests
        plans[planIndex].hostPorts += classes[variants[variantIndex].classIndex].hostPorts
        plans[planIndex].pods.append(podIndex)
        recordTopology(variant: variantIndex, target: .plan(slot: plans[planIndex].slot, requirements: requirements))
    }

    private mutating func placeOnNewPlan(podIndex: Int, variantIndex: Int) -> SchedulingFailure? {
        guard !pools.isEmpty else { return .noNodePools }
        var failures: [SchedulingFailure.NodePoolFailure] = []
        let variant = variants[variantIndex]
        let pod = classes[variant.classIndex].pod
        for pool in pools.indices {
            let name = pools[pool].input.name
            if let remaining = pools[pool].remainingNodes, remaining <= 0 {
                failures.append(.init(nodePool: name, failure: .nodeLimitExhausted(nodePool: name)))
                continue
            }
            if let taint = pools[pool].input.taints.firstUntolerated(by: variant.tolerations) {
                failures.append(.init(nodePool: name, failure: .untoleratedTaint(taint)))
                continue
            }
            if let conflict = pools[pool].template.compatibilityConflict(
                with: variant.requirements, allowUndefinedWellKnown: true, table: table) {
                failures.append(.init(nodePool: name, failure: .incompatibleRequirements(detail: conflict.message(table))))
                continue
            }
            if let port = Solver.firstConflict(pod.hostPorts, pools[pool].daemonHostPorts) {
                failures.append(.init(nodePool: name, failure: .hostPortConflict(port)))
                continue
            }
            let combined = pools[pool].template.intersection(variant.requirements, table: table)
            let slot = nodes.count + plans.count
            let narrowings: [TopologyNarrowing]
            switch checkTopology(variant: variantIndex, target: .plan(slot: slot, requirements: combined)) {
            case let .failure(failure):
                failures.append(.init(nodePool: name, failure: failure))
                continue
            case let .success(value): narrowings = value
            }
            let candidates = compatibleTypes(variantIndex: variantIndex, pool: pool)
            let choices = max(1, narrowings.map(\.candidates.count).max() ?? 1)
            var lastFailure = SchedulingFailure.noInstanceTypeMet(requirements: combined.render(table),
                                                                  resources: variant.requests.description)
            for choice in 0..<choices {
                let requirements = narrowings.isEmpty ? combined : narrowed(combined, narrowings, choice: choice)
                guard filter(candidates, pool: pool, requirements: requirements, requests: variant.requests,
                             checkLabels: !narrowings.isEmpty) else {
                    lastFailure = .noInstanceTypeMet(requirements: requirements.render(table),
                                                     resources: variant.requests.description)
                    continue
                }
                if let limits = pools[pool].remainingLimits {
                    let unlimited = scratch
                    guard filter(unlimited, pool: pool, requirements: requirements, requests: variant.requests,
                                 checkLabels: false, limits: limits) else {
                        lastFailure = .allInstanceTypesExceedLimits(nodePool: name)
                        continue
                    }
                }
                if let failure = minValuesFailure(scratch, requirements) {
                    lastFailure = failure
                    continue
                }
                let allowed = scratch
                if targetCapped { capToTarget(pool: pool, requirements: requirements, requests: variant.requests) }
                openPlan(pool: pool, slot: slot, requirements: requirements, podIndex: podIndex,
                         variantIndex: variantIndex, allowed: allowed)
                return nil
            }
            failures.append(.init(nodePool: name, failure: lastFailure))
        }
        return .noNodePoolFits(failures)
    }

    private mutating func openPlan(pool: Int, slot: Int, requirements: Requirements, podIndex: Int, variantIndex: Int,
                                   allowed: InstanceTypeSet) {
        let variant = variants[variantIndex]
        var plan = NodeClaimPlan(pool: pool, slot: slot, requirements: requirements, types: scratch,
                                 allowedTypes: allowed,
                                 maxAllocatable: maxAllocatable(scratch, pool: pool),
                                 hostPorts: pools[pool].daemonHostPorts)
        plan.requests = variant.requests
        plan.price = price(of: scratch, requirements)
        plan.hostPorts += classes[variant.classIndex].hostPorts
        plan.pods.append(podIndex)
        if pools[pool].remainingLimits != nil {
            var largest = Resources.zero
            allowed.forEach { largest = Resources.max(largest, types[$0].input.capacity) }
            for name in pools[pool].remainingLimits?.keys.sorted() ?? [] {
                pools[pool].remainingLimits?[name]? -= Solver.amount(largest, name)
            }
        }
        if pools[pool].remainingNodes != nil { pools[pool].remainingNodes? -= 1 }
        plans.append(plan)
        recordTopology(variant: variantIndex, target: .plan(slot: slot, requirements: requirements))
    }

    /// The first port in `ports` that conflicts with one in `used`.
    static func firstConflict(_ ports: [HostPort], _ used: [HostPort]) -> HostPort? {
        if ports.isEmpty || used.isEmpty { return nil }
        for port in ports where used.contains(where: { $0.conflicts(with: port) }) { return port }
        return nil
    }
}

