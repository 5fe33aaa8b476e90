import ControllerRuntime
import Testing
import TestSupport

@Suite struct WorkQueueTests {
    @Test func addingAQueuedKeyAgainIsANoOp() async {
        let queue = WorkQueue<String>(clock: ManualClock())
        queue.add("a")
        queue.add("b")
        queue.add("a")
        #expect(queue.count == 2)
        #expect(await queue.next() == "a")
        #expect(await queue.next() == "b")
        #expect(queue.count == 0)
    }

    @Test func aKeyInProcessingIsNotHandedOutAgainUntilDone() async {
        let queue = WorkQueue<String>(clock: ManualClock())
        queue.add("a")
        let first = await queue.next()
        queue.add("a")
        queue.add("b")
        #expect(queue.count == 1)
        #expect(await queue.next() == "b")
        queue.done(first ?? "")
        #expect(queue.count == 1)
        #expect(await queue.next() == "a")
    }

    @Test func failuresBackOffExponentiallyOnTheClockAndForgetResets() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock, baseDelay: .milliseconds(5), maximumDelay: .seconds(1))
        queue.addRateLimited("a")
        await clock.waitForSleepers(1)
        #expect(queue.count == 0)
        clock.advance(by: .milliseconds(5))
        #expect(await queue.next() == "a")
        queue.done("a")
        queue.addRateLimited("a")
        await clock.waitForSleepers(1)
        clock.advance(by: .milliseconds(9))
        #expect(queue.count == 0)
        clock.advance(by: .milliseconds(1))
        #expect(await queue.next() == "a")
        #expect(queue.failures(of: "a") == 2)
        queue.forget("a")
        #expect(queue.failures(of: "a") == 0)
    }

    @Test(arguments: [(0, 5), (1, 10), (3, 40), (20, 1_000)])
    func delays(_ failures: Int, _ milliseconds: Int) {
        #expect(WorkQueue<String>.delay(base: .milliseconds(5), maximum: .seconds(1), failures: failures) == .milliseconds(milliseconds))
    }

    @Test func shutdownReleasesWaitingWorkers() async {
        let queue = WorkQueue<String>(clock: ManualClock())
        let worker = Task { await queue.next() }
        queue.shutdown()
        #expect(await worker.value == nil)
    }
}
