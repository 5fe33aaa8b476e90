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

@Suite struct ManifestErrorTests {
    static let pool = """
    apiVersion: karpenter.sh/v1beta1
    kind: NodePool
    metadata:
      name: default
    spec:
      template:
        spec:
          nodeClassRef:
            name: default
          requirements:
            - key: kubernetes.io/arch
              operator: In
              values: ["amd64"]

    """

    @Test func typeErrorsNameTheDocumentAndField() {
        let text = "apiVersion: v1\nkind: ConfigMap\n---\n" + Self.pool.replacingOccurrences(of: "values: [\"amd64\"]", with: "values: {a: b}")
        #expect(throws: ManifestError.field(document: 2, kind: "NodePool", path: "spec.template.spec.requirements[0].values", message: "expected a list")) {
            try Manifest.decode(text)
        }
    }

    @Test func unknownOperatorsNameTheField() {
        let text = Self.pool.replacingOccurrences(of: "operator: In", with: "operator: Gte")
        do {
            _ = try Manifest.decode(text)
            Issue.record("expected an error")
        } catch {
            #expect(error.document == 1)
            #expect(error.description.hasPrefix("document 1 (NodePool): spec.template.spec.requirements[0].operator: "))
        }
    }

    @Test func missingFieldsNameTheField() {
        let text = "---\napiVersion: karpenter.sh/v1beta1\nkind: NodePool\nmetadata: {name: x}\n---\n" + Self.pool
        #expect(throws: ManifestError.field(document: 1, kind: "NodePool", path: "spec", message: "required field is missing")) {
            try Manifest.decode(text)
        }
    }

    @Test func malformedDurationsNameTheField() throws {
        let text = Self.pool + "  disruption:\n    expireAfter: 30d\n"
        do {
            _ = try Manifest.decode(text)
            Issue.record("expected an error")
        } catch {
            guard case let .field(document, _, path, message) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(document == 1)
            #expect(path == "spec.disruption.expireAfter")
            #expect(message.contains("\"30d\""))
        }
    }

    @Test func syntaxErrorsNameTheDocument() {
        let text = Self.pool + "---\napiVersion: v1\nkind: [unclosed\n"
        #expect { try Manifest.decode(text) } throws: { error in
            guard let error = error as? ManifestError, case let .syntax(document, message) = error else { return false }
            return document == 2 && message.hasPrefix("line 17, column ")
        }
    }

    @Test func documentsWithoutKindAreRejected() {
        #expect(throws: ManifestError.field(document: 1, kind: "unknown kind", path: "kind", message: "required field is missing; every document needs apiVersion and kind")) {
            try Manifest.decode("apiVersion: v1\nmetadata: {}\n")
        }
        #expect(throws: ManifestError.notAnObject(document: 1)) { try Manifest.decode("- a\n- b\n") }
    }

    @Test func invalidConvertedObjectsListEveryProblem() {
        let text = Self.pool.replacingOccurrences(of: "kubernetes.io/arch", with: "karpenter.sh/nodepool")
        #expect { try ManifestConverter.convertToV1(text) } throws: { error in
            guard let error = error as? ManifestError, case let .invalid(document, kind, name, errors) = error else { return false }
            return document == 1 && kind == "NodePool" && name == "default"
                && errors.map(\.path) == ["spec.template.spec.requirements[0].key"]
        }
    }

    @Test func errorsNameTheFieldTheUserWrote() {
        let text = Self.pool + "  disruption:\n    expireAfter: 1.5h\n"
        #expect { try ManifestConverter.convertToV1(text) } throws: { error in
            guard let error = error as? ManifestError, case let .invalid(_, _, _, errors) = error else { return false }
            return errors.map(\.path) == ["spec.disruption.expireAfter"]
        }
    }

    @Test func otherDocumentsPassThroughUnchanged() throws {
        let configMap = "# a comment\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x   # spacing kept\ndata: {a: \"1\"}\n"
        let v1Pool = try KarpenterFixtures.file("deploy/examples/v1/nodepool.yaml")
        let output = try ManifestConverter.convertToV1("---\n" + configMap + "---\n" + v1Pool + "...\n")
        #expect(output == configMap + "---\n" + v1Pool)
    }

    @Test func splitIgnoresEmptyDocumentsAndDirectives() {
        let parts = Manifest.split("%YAML 1.2\n---\n# only a comment\n---\na: 1\n--- b: 2\n...\n\n")
        #expect(parts == ["a: 1\n", "b: 2\n"])
    }

    @Test func encodedV1ObjectsDecodeBack() throws {
        let pool = KarpenterFixtures.nodePool().withDefaults()
        let nodeClass = KarpenterFixtures.ec2NodeClass().withDefaults()
        let yaml = try Manifest.encode([pool, nodeClass])
        let documents = try Manifest.decode(yaml)
        #expect(documents.map(\.object) == [.nodePool(pool), .ec2NodeClass(nodeClass)])
    }
}

@Suite struct ManifestRobustnessTests {
    static let header = "apiVersion: karpenter.sh/v1beta1\nkind: NodePool\nmetadata: {name: x}\n"

    @Test(arguments: [
        ("empty input", ""),
        ("only separators", "---\n---\n...\n"),
        ("only comments", "# nothing here\n"),
    ])
    func emptyInputsHaveNoDocuments(name: String, text: String) throws {
        #expect(try Manifest.decode(text).isEmpty)
        #expect(try ManifestConverter.convertToV1(text) == "")
    }

    @Test(arguments: [
        ("null document", "null\n"),
        ("scalar document", "42\n"),
        ("spec is a number", header + "spec: 5\n"),
        ("weight overflows Int32", header + "spec: {template: {spec: {nodeClassRef: {name: a}}}, weight: 99999999999}\n"),
        ("requirements is a map", header + "spec: {template: {spec: {nodeClassRef: {name: a}, requirements: {a: b}}}}\n"),
        ("limits are not quantities", header + "spec: {template: {spec: {nodeClassRef: {name: a}}}, limits: {cpu: lots}}\n"),
        ("taint effect unknown", header + "spec: {template: {spec: {nodeClassRef: {name: a}, taints: [{key: a, effect: Sometimes}]}}}\n"),
        ("unterminated quote", header + "spec: \"\n"),
        ("duplicate keys", header + "spec: {}\nspec: {}\n"),
        ("deep nesting", String(repeating: "[", count: 2000)),
    ])
    func badInputIsAnErrorNotACrash(name: String, text: String) {
        #expect(throws: ManifestError.self) { try ManifestConverter.convertToV1(text) }
    }
}
