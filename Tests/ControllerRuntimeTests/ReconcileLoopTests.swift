import ControllerRuntime
import KubeClient
import Synchronization
import Testing
import TestSupport

@Suite struct ReconcileLoopTests {
    /// Fails each key with the scripted errors in order, then succeeds; records every call.
    final class ScriptedReconciler: Reconciler {
        let script: Mutex<[String: [any Error]]>
        let calls = Mutex<[String]>([])

        init(_ script: [String: [any Error]]) { self.script = Mutex(script) }

        func reconcile(_ key: String) async throws -> ReconcileResult {
            calls.withLock { $0.append(key) }
            if let error = script.withLock({ $0[key]?.isEmpty == false ? $0[key]?.removeFirst() : nil }) { throw error }
            return .done
        }
    }

    struct Boom: Error {}

    @Test func conflictsAndOtherErrorsBackOffPerKeyAndSuccessResets() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        let reconciler = ScriptedReconciler(["a": [KubeError.conflict("stale"), KubeError.conflict("stale")], "b": [Boom()]])
        let loop = ReconcileLoop(queue: queue, reconciler: reconciler)
        await loop.process("a")
        #expect(queue.count == 0)
        #expect(queue.conflicts(of: "a") == 1)
        #expect(queue.failures(of: "a") == 0)
        await loop.process("b")
        #expect(queue.failures(of: "b") == 1)
        await clock.waitForSleepers(2)
        clock.advance(by: .milliseconds(5))
        while queue.count < 2 { await Task.yield() }
        await loop.process(await queue.next() ?? "")
        await loop.process(await queue.next() ?? "")
        #expect(queue.failures(of: "b") == 0)
        // The second conflict in a row waits twice as long.
        #expect(queue.conflicts(of: "a") == 2)
        await clock.waitForSleepers(1)
        clock.advance(by: .milliseconds(9))
        #expect(queue.count == 0)
        clock.advance(by: .milliseconds(1))
        await loop.process(await queue.next() ?? "")
        #expect(queue.conflicts(of: "a") == 0)
        let calls = reconciler.calls.withLock { $0 }
        #expect(calls.count == 5)
        #expect(Array(calls.prefix(2)) == ["a", "b"])
        #expect(calls[2...3].sorted() == ["a", "b"])  // both timers fire at 5 ms, in either order
        #expect(calls.last == "a")
    }

    @Test(arguments: [
        ("cluster-scoped key", "default-abcde", nil as String?, "default-abcde"),
        ("namespaced key", "kube-system/coredns", "kube-system" as String?, "coredns"),
    ])
    func failuresAreLoggedAsReconcilerErrors(_ name: String, _ key: String, _ namespace: String?, _ objectName: String) async {
        let logs = CapturingLogHandler.Sink()
        let queue = WorkQueue<String>(clock: ManualClock())
        let reconciler = ScriptedReconciler([key: [KubeError.forbidden("get nodeclaims: forbidden"), KubeError.conflict("update: stale")]])
        let loop = ReconcileLoop(queue: queue, reconciler: reconciler, name: "nodeclaim.lifecycle", logger: logs.logger())
        await loop.process(key)
        await loop.process(key)
        await loop.process(key)
        let records = logs.records
        #expect(records.map(\.message) == ["Reconciler error", "Reconciler error"], "\(name)")
        #expect(records.map(\.level) == [.error, .debug])
        #expect(records.first?.string("controller") == "nodeclaim.lifecycle")
        #expect(records.first?.string("namespace") == namespace)
        #expect(records.first?.string("name") == objectName)
        #expect(records.first?.string("error") == "get nodeclaims: forbidden")
        #expect(records.last?.string("error") == "update: stale")
    }
}
