import Simulation
import Testing

/// The conformance cases against the in-memory ``SimulatedCluster`` (unit tier: no peers).
@Suite("SimulatedClusterConformance")
struct SimulatedClusterConformanceTests {
    @Test(arguments: ConformanceCase.allCases)
    func conformance(_ check: ConformanceCase) async throws {
        let cluster = SimulatedCluster()
        try await check.run(on: ConformanceBackend(api: cluster, hasScheduler: false, compactHistory: { cluster.compactHistory() }))
    }
}
