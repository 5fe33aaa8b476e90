import KubeClient
import Logging
import Observability

/// What a reconciler wants after a successful pass.
package struct ReconcileResult: Sendable, Equatable {
    /// Look at the key again after this delay (e.g. to wait for a node to register).
    package var requeueAfter: Duration?

    /// Done until the next change.
    package static let done = ReconcileResult(requeueAfter: nil)

    /// Creates a result.
    package init(requeueAfter: Duration?) { self.requeueAfter = requeueAfter }
}

/// Brings one object (by key) toward its desired state. Must be idempotent: it may run again for the
/// same key at any time.
package protocol Reconciler: Sendable {
    /// Reconciles the object with `key` (`namespace/name` or `name`).
    func reconcile(_ key: String) async throws -> ReconcileResult
}

/// Runs a reconciler over a ``WorkQueue`` with a fixed number of workers. A conflict (stale write) is
/// retried after the key's short conflict backoff (5 ms doubling to 1 s: soon, but without spinning
/// while the cache catches up), any other error after the key's exponential backoff (5 ms doubling to
/// 1000 s, client-go's per-item limiter); a success clears both.
///
/// Every failure is logged as upstream's controller runtime does: `Reconciler error` with the
/// controller's name, the object's `namespace`/`name` and `error`; at ERROR, except conflicts (an
/// expected, self-healing race with the cache) which are logged at DEBUG.
package struct ReconcileLoop: Sendable {
    /// The queue feeding the workers.
    package let queue: WorkQueue<String>
    /// The controller's name in log lines (e.g. `nodeclaim.lifecycle`).
    package let name: String
    private let reconciler: any Reconciler
    private let workers: Int
    private let logger: Logger

    /// Creates a loop with `workers` concurrent workers (keys are never processed twice at once).
    /// `name` and `logger` label the loop's error lines; the default logger discards them.
    package init(queue: WorkQueue<String>, reconciler: any Reconciler, workers: Int = 1, name: String = "",
                 logger: Logger = Logger(label: "controller", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.queue = queue
        self.reconciler = reconciler
        self.workers = max(workers, 1)
        self.name = name
        self.logger = logger
    }

    /// Runs until the task is cancelled (then shuts the queue down and lets in-flight passes finish).
    package func run() async {
        await withTaskCancellationHandler {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<workers {
                    group.addTask {
                        while let key = await queue.next() {
                            await process(key)
                        }
                    }
                }
            }
        } onCancel: {
            queue.shutdown()
        }
    }

    /// One pass for `key`, with the queue bookkeeping.
    package func process(_ key: String) async {
        defer { queue.done(key) }
        do {
            let result = try await reconciler.reconcile(key)
            queue.forget(key)
            if let delay = result.requeueAfter { queue.add(key, after: delay) }
        } catch let KubeError.conflict(message) {
            log(KubeError.conflict(message), for: key, level: .debug)
            queue.addAfterConflict(key)
        } catch {
            if !(error is CancellationError && Task.isCancelled) { log(error, for: key, level: .error) }
            queue.addRateLimited(key)
        }
    }

    /// `Reconciler error` with upstream's fields: controller, namespace (namespaced keys), name, error.
    private func log(_ error: any Error, for key: String, level: Logger.Level) {
        let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
        var line = logger.with("controller", .string(name))
        if parts.count == 2 {
            line = line.with("namespace", .string(parts[0])).with("name", .string(parts[1]))
        } else {
            line = line.with("name", .string(key))
        }
        line.with("error", .string(String(describing: error))).log(level: level, "Reconciler error")
    }
}
