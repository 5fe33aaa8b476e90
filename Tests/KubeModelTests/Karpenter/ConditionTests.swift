import Foundation
import KubeModel
import Testing

@Suite struct ConditionTests {
    let start = KubeTime(Date(timeIntervalSince1970: 1_723_058_587))
    let later = KubeTime(Date(timeIntervalSince1970: 1_723_058_647))

    @Test func settingANewConditionAppendsIt() {
        var conditions: [Condition] = []
        let changed = conditions.set("Launched", status: .true, reason: "Launched", now: start)
        #expect(changed)
        #expect(conditions.isTrue("Launched"))
        #expect(conditions.condition("Launched")?.lastTransitionTime == start)
    }

    @Test func sameStatusKeepsTheTransitionTime() {
        var conditions: [Condition] = []
        conditions.set("Registered", status: .unknown, reason: "NodeNotFound", now: start)
        let repeated = conditions.set("Registered", status: .unknown, reason: "NodeNotFound", now: later)
        #expect(repeated == false)
        let newReason = conditions.set("Registered", status: .unknown, reason: "Other", now: later)
        #expect(newReason)
        #expect(conditions.condition("Registered")?.lastTransitionTime == start)
        let transitioned = conditions.set("Registered", status: .true, now: later)
        #expect(transitioned)
        #expect(conditions.condition("Registered")?.lastTransitionTime == later)
        #expect(conditions.count == 1)
    }

    @Test func removeDropsTheCondition() {
        var conditions: [Condition] = []
        conditions.set("Drifted", status: .true, now: start)
        let removed = conditions.remove("Drifted")
        let removedAgain = conditions.remove("Drifted")
        #expect(removed)
        #expect(removedAgain == false)
        #expect(conditions.condition("Drifted") == nil)
    }

    @Test func unknownStatusStringsDecodeAsUnknown() throws {
        let condition = try JSONDecoder().decode(Condition.self, from: Data(#"{"type":"Ready","status":"Maybe"}"#.utf8))
        #expect(condition.status == .unknown)
    }
}
