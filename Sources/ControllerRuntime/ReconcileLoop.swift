import KubeClient

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
package struct ReconcileLoop: Sendable {
    /// The queue feeding the workers.
    package let queue: WorkQueue<String>
    private let reconciler: any Reconciler
    private let workers: Int

    /// Creates a loop with `workers` concurrent workers (keys are never processed twice at once).
    package init(queue: WorkQueue<String>, reconciler: any Reconciler, workers: Int = 1) {
        self.queue = queue
        self.reconciler = reconciler
        self.workers = max(workers, 1)
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
        } catch KubeError.conflict {
            queue.addAfterConflict(key)
        } catch {
            queue.addRateLimited(key)
        }
    }
}
