/// The scheduling simulation: first-fit-decreasing placement of pending pods onto existing nodes,
/// open NodeClaim plans and new plans, with preferences relaxed one step per failed attempt.
/// Pure: no I/O, no clock, no logging; the same input always gives the same result.
package enum Scheduler {
    /// Solves one batch (reference §4.3/§4.4).
    ///
    /// Pods are ordered by CPU request descending, memory descending, creation time, UID. A pod that
    /// fails is relaxed (if it has a preference left) and pushed to the back; the loop stops when a
    /// pod comes round again with no placement made since it was pushed.
    package static func solve(_ input: SchedulingInput) -> SchedulingResult {
        switch input.packing {
        case .firstFit: return solve(input, costAware: false, capped: false)
        case .costAware: return solve(input, costAware: true, capped: false)
        case .targetCapped: return solve(input, costAware: false, capped: true)
        case let .cheapest(maxPods):
            guard input.pods.count <= maxPods else { return solve(input, costAware: false, capped: true) }
            var catalogue: Solver.Catalogue?
            var best = solve(input, costAware: false, capped: true, catalogue: &catalogue)
            for (costAware, cap) in [(true, false), (false, false), (true, true), (false, true)] {
                let other = solve(input, costAware: costAware, capped: cap, merge: true, catalogue: &catalogue)
                if better(other, than: best) { best = other }
            }
            return best
        }
    }

    /// Fewer unscheduled pods, then a lower price (beyond rounding), then fewer nodes.
    private static func better(_ a: SchedulingResult, than b: SchedulingResult) -> Bool {
        if a.failures.count != b.failures.count { return a.failures.count < b.failures.count }
        if abs(a.hourlyPrice - b.hourlyPrice) > 1e-9 { return a.hourlyPrice < b.hourlyPrice }
        return a.newNodeClaims.count < b.newNodeClaims.count
    }

    private static func solve(_ input: SchedulingInput, costAware: Bool, capped: Bool) -> SchedulingResult {
        var catalogue: Solver.Catalogue?
        return solve(input, costAware: costAware, capped: capped, catalogue: &catalogue)
    }

    /// One solve with one packing rule; `catalogue` is filled on first use and reused after.
    private static func solve(_ input: SchedulingInput, costAware: Bool, capped: Bool, merge: Bool = false,
                              catalogue: inout Solver.Catalogue?) -> SchedulingResult {
        var solver = Solver(input, catalogue: catalogue)
        if catalogue == nil { catalogue = Solver.Catalogue(table: solver.table, types: solver.types) }
        solver.costAware = costAware
        solver.targetCapped = capped
        solver.pendingDemand = solver.podClass.reduce(into: Resources.zero) { $0.add(solver.classes[$1].requests) }
        let requests = solver.podClass.map { solver.classes[$0].requests }
        var queue = input.pods.indices.sorted { a, b in
            let ra = requests[a], rb = requests[b]
            if ra.cpu != rb.cpu { return ra.cpu > rb.cpu }
            if ra.memory != rb.memory { return ra.memory > rb.memory }
            let pa = input.pods[a], pb = input.pods[b]
            if pa.creationTime != pb.creationTime { return pa.creationTime < pb.creationTime }
            return pa.uid < pb.uid
        }
        var head = 0
        var level = [Int](repeating: 0, count: input.pods.count)
        var pushedAt: [Int: Int] = [:]
        var failures: [Int: SchedulingFailure] = [:]
        while head < queue.count {
            let podIndex = queue[head]
            if let mark = pushedAt[podIndex], mark == queue.count - head { break }
            head += 1
            if let failure = solver.place(podIndex: podIndex, level: level[podIndex]) {
                failures[podIndex] = failure
                let steps = solver.classes[solver.podClass[podIndex]].steps.count
                queue.append(podIndex)
                if level[podIndex] < steps {
                    // A relaxation is progress: every pod gets another round.
                    level[podIndex] += 1
                    pushedAt.removeAll(keepingCapacity: true)
                } else {
                    pushedAt[podIndex] = queue.count - head
                }
            } else {
                failures[podIndex] = nil
                pushedAt[podIndex] = nil
            }
        }
        if merge {
            solver.mergePlans()
            solver.relocatePods()
        }
        return solver.finish(failures: failures, order: queue)
    }
}
