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
        var solver = Solver(input)
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
        return solver.finish(failures: failures, order: queue)
    }
}
