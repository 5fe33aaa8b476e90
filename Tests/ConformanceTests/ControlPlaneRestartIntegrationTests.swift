import ControllerRuntime
import Foundation
import KubeClient
import KubeModel
import Testing

/// Kills the real kube-apiserver (SIGKILL) while an informer watches, restarts it, changes objects, and
/// checks that the informer's store ends equal to a fresh list. Disruptive for anything else using the
/// control plane, so `make test-integration` runs this suite on its own after the others.
@Suite("ControlPlaneRestartIntegration", .serialized)
struct ControlPlaneRestartIntegrationTests {
    @Test func informerRecoversFromAPIServerRestartWithoutLosingChanges() async throws {
        let api = try RealControlPlane.client()
        let namespace = try await ConformanceCase.makeNamespace(api, "restart")
        for index in 0..<3 { _ = try await api.create(Fixtures.pod(name: "p\(index)", namespace: namespace)) }
        let informer = Informer<Pod>(
            api: api, namespace: namespace,
            options: InformerOptions(initialBackoff: .milliseconds(200), maximumBackoff: .seconds(1)))
        let events = EventLog()
        informer.addHandler { events.append($0) }
        let task = Task { await informer.run() }
        defer { task.cancel() }
        await informer.waitForSync()
        #expect(informer.store.count == 3)

        try await Self.restartAPIServer()

        _ = try await api.create(Fixtures.pod(name: "p3", namespace: namespace))
        try await api.delete(Pod.self, name: "p0", namespace: namespace, options: DeleteOptions(gracePeriodSeconds: 0))
        var changed = try await api.get(Pod.self, name: "p1", namespace: namespace)
        changed.metadata.labels?["after"] = "restart"
        _ = try await api.update(changed)

        await events.waitFor { entries in
            entries.contains("added p3") && entries.contains("deleted p0") && entries.contains("updated p1")
        }
        let fresh = try await api.list(Pod.self, namespace: namespace)
        let expected = Dictionary(uniqueKeysWithValues: fresh.items.map { ($0.key, $0.metadata.resourceVersion) })
        await events.waitFor { _ in
            Dictionary(uniqueKeysWithValues: informer.store.list().map { ($0.key, $0.metadata.resourceVersion) }) == expected
        }
        let stored = Dictionary(uniqueKeysWithValues: informer.store.list().map { ($0.key, $0.metadata.resourceVersion) })
        #expect(stored == expected)
        #expect(informer.store.get("\(namespace)/p1")?.metadata.labels?["after"] == "restart")
    }

    /// Runs the control-plane script on its own thread (it blocks for the restart, ~15 s).
    static func restartAPIServer() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread {
                do {
                    try RealControlPlane.restartAPIServer()
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
    }
}
