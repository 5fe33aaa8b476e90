import Controllers
import Foundation
import Testing

@Suite struct BatcherTests {
    let start = Date(timeIntervalSince1970: 1_000)

    @Test func closesAfterIdleWindow() {
        var batcher = Batcher(idle: .seconds(1), maximum: .seconds(10))
        #expect(batcher.deadline == nil)
        batcher.trigger(at: start)
        #expect(batcher.deadline == start.addingTimeInterval(1))
        let early = batcher.close(at: start.addingTimeInterval(0.5))
        let due = batcher.close(at: start.addingTimeInterval(1))
        #expect(!early)
        #expect(due)
        #expect(batcher.deadline == nil)
    }

    @Test func triggersExtendTheWindowUpToTheMaximum() {
        var batcher = Batcher(idle: .seconds(1), maximum: .seconds(10))
        for second in 0..<15 { batcher.trigger(at: start.addingTimeInterval(Double(second) * 0.9)) }
        #expect(batcher.deadline == start.addingTimeInterval(10))
        let early = batcher.close(at: start.addingTimeInterval(9.99))
        let due = batcher.close(at: start.addingTimeInterval(10))
        #expect(!early)
        #expect(due)
    }
}
