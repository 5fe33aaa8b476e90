import KubeModel
import Testing

@Suite struct TolerationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var toleration: Toleration
        var taint: Taint
        var tolerates: Bool
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "exists without key tolerates everything", toleration: Toleration(operator: .exists), taint: .unregistered, tolerates: true),
        Case(name: "empty key with Equal tolerates nothing", toleration: Toleration(value: "x"), taint: Taint(key: "a", value: "x", effect: .noSchedule), tolerates: false),
        Case(name: "equal key and value", toleration: Toleration(key: "a", operator: .equal, value: "x"), taint: Taint(key: "a", value: "x", effect: .noSchedule), tolerates: true),
        Case(name: "equal with different value", toleration: Toleration(key: "a", operator: .equal, value: "y"), taint: Taint(key: "a", value: "x", effect: .noSchedule), tolerates: false),
        Case(name: "default operator is Equal", toleration: Toleration(key: "a", value: "x"), taint: Taint(key: "a", value: "x", effect: .noExecute), tolerates: true),
        Case(name: "exists on key ignores value", toleration: Toleration(key: "a", operator: .exists), taint: Taint(key: "a", value: "x", effect: .noSchedule), tolerates: true),
        Case(name: "effect must match when given", toleration: Toleration(key: "a", operator: .exists, effect: .noExecute), taint: Taint(key: "a", effect: .noSchedule), tolerates: false),
        Case(name: "different key", toleration: Toleration(key: "b", operator: .exists), taint: Taint(key: "a", effect: .noSchedule), tolerates: false),
        Case(name: "empty value equals absent value", toleration: Toleration(key: "a", operator: .equal, value: ""), taint: Taint(key: "a", effect: .noSchedule), tolerates: true),
    ]

    @Test(arguments: cases)
    func tolerates(_ c: Case) {
        #expect(c.toleration.tolerates(c.taint) == c.tolerates)
    }

    @Test func taintDescriptionLikeKubectl() {
        #expect(Taint.unregistered.description == "karpenter.sh/unregistered:NoExecute")
        #expect(Taint(key: "k", value: "v", effect: .noSchedule).description == "k=v:NoSchedule")
    }

    @Test func labelSelectorMatchesAndRendersQuery() {
        let selector = LabelSelector(
            matchLabels: ["app": "web"],
            matchExpressions: [LabelSelectorRequirement(key: "tier", operator: .in, values: ["b", "a"]), LabelSelectorRequirement(key: "canary", operator: .doesNotExist)]
        )
        #expect(selector.matches(["app": "web", "tier": "a"]))
        #expect(!selector.matches(["app": "web", "tier": "c"]))
        #expect(!selector.matches(["app": "web", "tier": "a", "canary": "1"]))
        #expect(selector.queryString == "app=web,tier in (a,b),!canary")
        #expect(LabelSelector().matches([:]))
    }
}
