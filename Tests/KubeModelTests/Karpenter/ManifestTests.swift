import KubeModel
import Testing

@Suite struct ManifestTests {
    static let seed = "---\n" + ((try? KarpenterFixtures.file("deploy/examples/v1beta1/nodepool.yaml")) ?? "")
        + "---\n" + ((try? KarpenterFixtures.file("deploy/examples/v1beta1/ec2nodeclass.yaml")) ?? "")

    @Test func decodesEachDocumentByApiVersionAndKind() throws {
        let documents = try Manifest.decode(Self.seed)
        #expect(documents.map(\.index) == [1, 2])
        guard case let .v1beta1NodePool(pool) = documents[0].object,
              case let .v1beta1EC2NodeClass(nodeClass) = documents[1].object
        else {
            Issue.record("unexpected kinds: \(documents.map(\.object))")
            return
        }
        #expect(pool.spec.template.spec.requirements.count == 4)
        #expect(pool.spec.limits?["cpu"] == "1000")
        #expect(pool.spec.disruption?.expireAfter?.text == "720h")
        #expect(nodeClass.spec.amiFamily == .al2)
        #expect(nodeClass.spec.amiSelectorTerms?.first?.id == "ami-09c00c2e93ce7bd23")
    }

    @Test func convertedSeedMatchesTheV1Examples() throws {
        let converted = try ManifestConverter.convertToV1(Self.seed)
        let documents = try Manifest.decode(converted)
        let expectedPool = try Manifest.decode(KarpenterFixtures.file("deploy/examples/v1/nodepool.yaml"))
        let expectedClass = try Manifest.decode(KarpenterFixtures.file("deploy/examples/v1/ec2nodeclass.yaml"))
        guard case var .nodePool(pool) = documents.first?.object, case let .nodePool(wantPool) = expectedPool.first?.object,
              case let .ec2NodeClass(nodeClass) = documents.last?.object, case let .ec2NodeClass(wantClass) = expectedClass.first?.object
        else {
            Issue.record("unexpected output:\n\(converted)")
            return
        }
        #expect(pool.metadata.annotations?[WellKnownAnnotations.v1beta1NodeClassReference] != nil)
        pool.metadata.annotations = nil
        #expect(pool == wantPool)
        #expect(nodeClass == wantClass)
        #expect(pool.validate().isEmpty)
        #expect(nodeClass.validate().isEmpty)
    }
}
