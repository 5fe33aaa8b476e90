import Simulation
import Testing

@Suite struct SelectorQueryTests {
    let labels = ["app": "web", "tier": "front", "karpenter.sh/nodepool": "default"]

    @Test(arguments: [
        ("equals", "app=web", true),
        ("double equals", "app==web", true),
        ("not equals", "app!=web", false),
        ("not equals absent key", "zone!=a", true),
        ("in", "tier in (front, back)", true),
        ("notin", "tier notin (front)", false),
        ("notin absent key", "zone notin (a)", true),
        ("exists", "karpenter.sh/nodepool", true),
        ("does not exist", "!karpenter.sh/nodepool", false),
        ("conjunction", "app=web,tier in (back),!gpu", false),
        ("empty selects all", "", true),
    ])
    func evaluation(_ name: String, _ selector: String, _ expected: Bool) throws {
        let query = try SelectorQuery(parsing: selector)
        #expect(query.matches { labels[$0] } == expected, "\(name)")
    }

    @Test func malformedSelectorsAreRejected() {
        #expect(throws: PatchError.self) { try SelectorQuery(parsing: "app in front") }
        #expect(throws: PatchError.self) { try SelectorQuery(parsing: "app web") }
    }
}
