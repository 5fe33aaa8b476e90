import KubeModel
import Testing

@Suite struct WellKnownLabelsTests {
    @Test(arguments: [
        ("failure-domain.beta.kubernetes.io/zone", "topology.kubernetes.io/zone"),
        ("beta.kubernetes.io/arch", "kubernetes.io/arch"),
        ("beta.kubernetes.io/instance-type", "node.kubernetes.io/instance-type"),
        ("kubernetes.io/arch", "kubernetes.io/arch"),
    ])
    func normalizesBetaKeys(from: String, to: String) {
        #expect(WellKnownLabels.normalize(from) == to)
    }
}
