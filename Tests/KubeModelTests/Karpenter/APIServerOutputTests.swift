import Foundation
import KubeModel
import Testing

/// Decodes objects captured from a real kube-apiserver 1.20.2 running our CRDs
/// (hack/tests/fixtures/apiserver) and checks that KubeModel's defaults are the server's.
@Suite struct APIServerOutputTests {
    static func captured<Value: Decodable>(_ type: Value.Type, _ name: String) throws -> Value {
        let text = try KarpenterFixtures.file("hack/tests/fixtures/apiserver/\(name)")
        return try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    static func written(_ kind: String) throws -> ManifestObject? {
        let documents = try Manifest.decode(KarpenterFixtures.file("hack/tests/fixtures/apiserver/minimal.yaml"))
        return documents.first { document in
            switch document.object {
            case .nodePool: kind == "NodePool"
            case .ec2NodeClass: kind == "EC2NodeClass"
            default: false
            }
        }?.object
    }

    @Test func nodePoolDefaultsMatchTheServer() throws {
        let stored = try Self.captured(NodePool.self, "nodepool-minimal.json")
        guard case let .nodePool(written) = try Self.written("NodePool") else {
            Issue.record("minimal.yaml has no NodePool")
            return
        }
        #expect(written.spec.disruption == nil)
        #expect(written.withDefaults().spec == stored.spec)
        #expect(stored.metadata.generation == 1)
        #expect(stored.metadata.uid?.isEmpty == false)
    }

    @Test func ec2NodeClassDefaultsMatchTheServer() throws {
        let stored = try Self.captured(EC2NodeClass.self, "ec2nodeclass-minimal.json")
        guard case let .ec2NodeClass(written) = try Self.written("EC2NodeClass") else {
            Issue.record("minimal.yaml has no EC2NodeClass")
            return
        }
        #expect(written.withDefaults().spec == stored.spec)
        #expect(stored.validate().isEmpty)
    }

    @Test func storedExamplesEqualTheDefaultedExamples() throws {
        let pool = try Self.captured(NodePool.self, "nodepool-default.json")
        let nodeClass = try Self.captured(EC2NodeClass.self, "ec2nodeclass-default.json")
        let examples = try Manifest.decode(KarpenterFixtures.file("deploy/examples/v1/nodepool.yaml")
            + "---\n" + KarpenterFixtures.file("deploy/examples/v1/ec2nodeclass.yaml"))
        guard case let .nodePool(examplePool) = examples.first?.object, case let .ec2NodeClass(exampleClass) = examples.last?.object else {
            Issue.record("examples did not decode as v1 objects")
            return
        }
        #expect(examplePool.withDefaults().spec == pool.spec)
        #expect(exampleClass.withDefaults().spec == nodeClass.spec)
    }

    @Test func nodeClaimWithStatusDecodes() throws {
        let claim = try Self.captured(NodeClaim.self, "nodeclaim-full.json")
        #expect(claim.spec == FullObjects.nodeClaim.spec)
        #expect(claim.status == FullObjects.nodeClaim.status)
        #expect(claim.metadata.resourceVersion != nil)
    }
}
