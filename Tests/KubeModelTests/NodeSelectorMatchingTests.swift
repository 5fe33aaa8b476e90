import KubeModel
import Testing

/// Kubernetes node-selector semantics over label maps.
@Suite struct NodeSelectorMatchingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let requirement: NodeSelectorRequirement
        let matches: Bool
        var testDescription: String { name }
    }

    static let labels = ["zone": "a", "gen": "5"]

    @Test(arguments: [
        Case(name: "In hit", requirement: .init(key: "zone", operator: .in, values: ["a", "b"]), matches: true),
        Case(name: "In miss", requirement: .init(key: "zone", operator: .in, values: ["b"]), matches: false),
        Case(name: "In absent", requirement: .init(key: "arch", operator: .in, values: ["amd64"]), matches: false),
        Case(name: "NotIn absent", requirement: .init(key: "arch", operator: .notIn, values: ["arm64"]), matches: true),
        Case(name: "NotIn hit", requirement: .init(key: "zone", operator: .notIn, values: ["a"]), matches: false),
        Case(name: "Exists", requirement: .init(key: "zone", operator: .exists), matches: true),
        Case(name: "DoesNotExist", requirement: .init(key: "zone", operator: .doesNotExist), matches: false),
        Case(name: "Gt", requirement: .init(key: "gen", operator: .gt, values: ["4"]), matches: true),
        Case(name: "Lt", requirement: .init(key: "gen", operator: .lt, values: ["5"]), matches: false),
        Case(name: "Gt non-integer", requirement: .init(key: "zone", operator: .gt, values: ["1"]), matches: false),
    ])
    func requirement(_ sample: Case) {
        #expect(sample.requirement.matches(Self.labels) == sample.matches)
    }

    @Test func termNeedsEveryExpressionAndMatchesFieldsOnName() {
        let term = NodeSelectorTerm(matchExpressions: [.init(key: "zone", operator: .in, values: ["a"])],
                                    matchFields: [.init(key: "metadata.name", operator: .in, values: ["n1"])])
        #expect(term.matches(Self.labels, nodeName: "n1"))
        #expect(!term.matches(Self.labels, nodeName: "n2"))
        #expect(!term.matches(["zone": "b"], nodeName: "n1"))
    }
}
