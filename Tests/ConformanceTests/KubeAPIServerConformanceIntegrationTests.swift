import KubeClient
import KubeModel
import Testing

/// The conformance cases against the real kube-apiserver 1.20.2 over HTTPS with a verified CA and a
/// bearer token, started by `hack/control-plane.sh` (`make test-integration`).
@Suite("KubeAPIServerConformanceIntegration")
struct KubeAPIServerConformanceIntegrationTests {
    @Test(arguments: ConformanceCase.allCases)
    func conformance(_ check: ConformanceCase) async throws {
        try await check.run(on: try RealControlPlane.backend())
    }
}
