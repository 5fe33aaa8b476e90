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

    @Test func repeatedDelayedAddsOfAKeyKeepOneTimerAtTheEarliestDueTime() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        queue.add("a", after: .seconds(10))
        queue.add("a", after: .seconds(5))
        queue.add("a", after: .seconds(20))
        #expect(queue.delayedCount == 1)
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(5))
        #expect(await queue.next() == "a")
        queue.done("a")
        #expect(queue.delayedCount == 0)
        clock.advance(by: .seconds(20))
        #expect(queue.count == 0)
        #expect(queue.delayedCount == 0)
    }

    @Test func aPollingChainDoesNotMultiply() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        // Every pass asks for another look in 10 s, and events add the key in between.
        queue.add("a", after: .seconds(10))
        for _ in 0..<3 {
            queue.add("a")
            #expect(await queue.next() == "a")
            queue.add("a", after: .seconds(10))
            queue.done("a")
        }
        #expect(queue.delayedCount == 1)
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(10))
        #expect(await queue.next() == "a")
        queue.done("a")
        #expect(queue.delayedCount == 0)
    }

    @Test func anImmediateAddSupersedesAPendingDelayedAdd() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        queue.add("a", after: .seconds(10))
        queue.add("a")
        #expect(queue.delayedCount == 0)
        #expect(await queue.next() == "a")
        queue.done("a")
        clock.advance(by: .seconds(10))
        #expect(queue.count == 0)
    }

    @Test func anImmediateAddDuringProcessingStillRunsAnotherPass() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        queue.add("a")
        #expect(await queue.next() == "a")
        queue.add("a", after: .seconds(10))
        queue.add("a")
        queue.done("a")
        #expect(queue.delayedCount == 0)
        #expect(await queue.next() == "a")
    }

    @Test func conflictsBackOffBrieflyAndForgetResetsThem() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock, conflictBaseDelay: .milliseconds(5), conflictMaximumDelay: .seconds(1))
        queue.addAfterConflict("a")
        await clock.waitForSleepers(1)
        clock.advance(by: .milliseconds(5))
        #expect(await queue.next() == "a")
        queue.done("a")
        queue.addAfterConflict("a")
        await clock.waitForSleepers(1)
        clock.advance(by: .milliseconds(9))
        #expect(queue.count == 0)
        clock.advance(by: .milliseconds(1))
        #expect(await queue.next() == "a")
        #expect(queue.conflicts(of: "a") == 2)
        #expect(queue.failures(of: "a") == 0)
        queue.forget("a")
        #expect(queue.conflicts(of: "a") == 0)
    }

    @Test func shutdownCancelsPendingDelayedAdds() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        queue.add("a", after: .seconds(1))
        queue.shutdown()
        #expect(queue.delayedCount == 0)
        #expect(await queue.next() == nil)
    }
}
