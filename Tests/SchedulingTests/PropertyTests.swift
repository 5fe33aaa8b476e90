import Testing
@testable import Scheduling

/// Random seeded inputs checked by `SimpleChecker`.
@Suite struct PropertyTests {
    @Test(arguments: Array(UInt64(1)...UInt64(300)))
    func placementsSatisfyHardConstraints(seed: UInt64) {
        check(seed: seed, packing: nil)
    }

    static let packings: [(String, SchedulingInput.Packing)] = [
        ("first fit", .firstFit), ("cost aware", .costAware), ("target capped", .targetCapped),
    ]

    /// Every single packing rule on its own (the default portfolio only runs them all on small batches).
    @Test(arguments: packings, Array(UInt64(301)...UInt64(400)))
    func everyPackingRuleSatisfiesHardConstraints(packing: (String, SchedulingInput.Packing), seed: UInt64) {
        check(seed: seed, packing: packing.1)
    }

    func check(seed: UInt64, packing: SchedulingInput.Packing?) {
        var generator = SeededGenerator(seed: seed)
        var input = RandomInput.make(&generator)
        if let packing { input.packing = packing }
        let result = Scheduler.solve(input)
        let checker = SimpleChecker(input: input, result: result)
        #expect(checker.violations() == [], "seed \(seed)")
        let placed = Set(result.newNodeClaims.flatMap(\.podUIDs) + result.existingNodePlacements.flatMap(\.podUIDs))
        let failed = Set(result.failures.map(\.uid))
        #expect(placed.isDisjoint(with: failed), "seed \(seed)")
        #expect(placed.count + failed.count == input.pods.count, "seed \(seed): every pod accounted for")
        for failure in result.failures {
            guard let pod = checker.pods[failure.uid] else { continue }
            let hasTopology = !pod.requiredPodAffinity.isEmpty || !pod.requiredPodAntiAffinity.isEmpty
                || pod.topologySpread.contains { $0.whenUnsatisfiable == .doNotSchedule } || !pod.hostPorts.isEmpty
            if !hasTopology {
                #expect(!checker.feasibleAlone(pod), "seed \(seed): \(failure.uid) failed with \(failure.failure.message)")
            }
        }
    }
}
