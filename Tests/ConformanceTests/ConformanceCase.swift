import Foundation
import KubeClient
import KubeModel
import Testing

/// The behaviours every ``KubeAPI`` implementation must share with the real API server. Each case
/// runs in its own namespace (or with unique cluster-scoped names), so cases are independent.
enum ConformanceCase: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case podCRUD
    case nodeCRUD
    case nodeRegistrationIsTaintedNotReady
    case staleUpdateConflicts
    case createExistingNameFails
    case watchDeliversEventsInOrder
    case watchFromTooOldVersionIsGone
    case statusSubresourceIsolation
    case mergeAndJSONPatch
    case finalizerHoldsDeletion
    case deletePreconditions
    case labelAndFieldSelectors
    case listPagination
    case evictionAllowedWithoutBudget
    case evictionRefusedByBudget
    case leaseAcquisitionAndTakeover
    case karpenterResourcesCRUD
    case informerMirrorsServer

    var testDescription: String { rawValue }

    /// Runs the case against `backend`.
    func run(on backend: ConformanceBackend) async throws {
        let api = backend.api
        switch self {
        case .podCRUD: try await Self.podCRUD(api)
        case .nodeCRUD: try await Self.nodeCRUD(api)
        case .nodeRegistrationIsTaintedNotReady: try await Self.nodeRegistrationIsTaintedNotReady(api)
        case .staleUpdateConflicts: try await Self.staleUpdateConflicts(api)
        case .createExistingNameFails: try await Self.createExistingNameFails(api)
        case .watchDeliversEventsInOrder: try await Self.watchDeliversEventsInOrder(api)
        case .watchFromTooOldVersionIsGone: try await Self.watchFromTooOldVersionIsGone(backend)
        case .statusSubresourceIsolation: try await Self.statusSubresourceIsolation(api)
        case .mergeAndJSONPatch: try await Self.mergeAndJSONPatch(api)
        case .finalizerHoldsDeletion: try await Self.finalizerHoldsDeletion(api)
        case .deletePreconditions: try await Self.deletePreconditions(api)
        case .labelAndFieldSelectors: try await Self.labelAndFieldSelectors(api)
        case .listPagination: try await Self.listPagination(api)
        case .evictionAllowedWithoutBudget: try await Self.evictionAllowedWithoutBudget(api)
        case .evictionRefusedByBudget: try await Self.evictionRefusedByBudget(api)
        case .leaseAcquisitionAndTakeover: try await Self.leaseAcquisitionAndTakeover(api)
        case .karpenterResourcesCRUD: try await Self.karpenterResourcesCRUD(backend)
        case .informerMirrorsServer: try await Self.informerMirrorsServer(api)
        }
    }

    // MARK: helpers

    static func makeNamespace(_ api: any KubeAPI, _ prefix: String) async throws -> String {
        let namespace = try await api.create(Fixtures.namespace(prefix))
        return try #require(namespace.metadata.name)
    }

    static func expectError(_ api: any KubeAPI, matches predicate: (KubeError) -> Bool, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("expected a KubeError, got success")
        } catch let error as KubeError {
            #expect(predicate(error), "unexpected error \(error)")
        } catch {
            Issue.record("expected a KubeError, got \(error)")
        }
    }

    // MARK: cases

    static func podCRUD(_ api: any KubeAPI) async throws {
        let namespace = try await makeNamespace(api, "crud")
        var template = Fixtures.pod(namespace: namespace)
        template.metadata.name = nil
        template.metadata.generateName = "web-"
        let created = try await api.create(template)
        let name = try #require(created.metadata.name)
        #expect(name.hasPrefix("web-") && name.count > 4)
        #expect(created.metadata.uid != nil && created.metadata.resourceVersion != nil)
        #expect(created.metadata.creationTimestamp != nil)

        var fetched = try await api.get(Pod.self, name: name, namespace: namespace)
        #expect(fetched.metadata.uid == created.metadata.uid)
        #expect(fetched.spec.containers.map(\.name) == ["main"])

        fetched.metadata.labels?["tier"] = "frontend"
        let updated = try await api.update(fetched)
        #expect(updated.metadata.labels?["tier"] == "frontend")
        #expect(updated.metadata.resourceVersion != created.metadata.resourceVersion)

        let listed = try await api.list(Pod.self, namespace: namespace)
        #expect(listed.items.map(\.metadata.name) == [name])

        try await api.delete(Pod.self, name: name, namespace: namespace, options: DeleteOptions(gracePeriodSeconds: 0))
        await expectError(api, matches: { if case .notFound = $0 { true } else { false } }) {
            _ = try await api.get(Pod.self, name: name, namespace: namespace)
        }
    }

    static func nodeCRUD(_ api: any KubeAPI) async throws {
        let created = try await api.create(Fixtures.node(labels: ["karpenter.sh/nodepool": "default"]))
        let name = try #require(created.metadata.name)
        #expect(created.spec.providerID == "kwok://\(name)")
        var node = try await api.get(Node.self, name: name)
        node.spec.unschedulable = true
        let updated = try await api.update(node)
        #expect(updated.spec.unschedulable == true)
        let listed = try await api.list(Node.self, options: ListOptions(labelSelector: "kubernetes.io/hostname=\(name)"))
        #expect(listed.items.map(\.metadata.name) == [name])
        try await api.delete(Node.self, name: name)
        await expectError(api, matches: { if case .notFound = $0 { true } else { false } }) {
            _ = try await api.get(Node.self, name: name)
        }
    }

    static func nodeRegistrationIsTaintedNotReady(_ api: any KubeAPI) async throws {
        var node = Fixtures.node()
        node.spec.taints = [Taint(key: "example.com/dedicated", value: "gpu", effect: .noSchedule)]
        let created = try await api.create(node)
        defer { Task { try? await api.delete(Node.self, name: created.metadata.name ?? "") } }
        // TaintNodesByCondition admission: new nodes start not-ready until the lifecycle controller says otherwise.
        #expect(created.spec.taints?.map(\.key).sorted() == ["example.com/dedicated", "node.kubernetes.io/not-ready"])
        #expect(created.spec.taints?.first { $0.key == "node.kubernetes.io/not-ready" }?.effect == .noSchedule)
        #expect(created.status?.conditions?.first?.status == "True")
    }

    static func staleUpdateConflicts(_ api: any KubeAPI) async throws {
        let namespace = try await makeNamespace(api, "stale")
        let created = try await api.create(Fixtures.pod(namespace: namespace))
        var first = created
        first.metadata.labels?["writer"] = "first"
        _ = try await api.update(first)
        var second = created
        second.metadata.labels?["writer"] = "second"
        await expectError(api, matches: { if case .conflict = $0 { true } else { false } }) {
            _ = try await api.update(second)
        }
        let stored = try await api.get(Pod.self, name: created.metadata.name ?? "", namespace: namespace)
        #expect(stored.metadata.labels?["writer"] == "first")
    }

    static func createExistingNameFails(_ api: any KubeAPI) async throws {
        let namespace = try await makeNamespace(api, "exists")
        let pod = Fixtures.pod(namespace: namespace)
        _ = try await api.create(pod)
        await expectError(api, matches: { if case .alreadyExists = $0 { true } else { false } }) {
            _ = try await api.create(pod)
        }
    }

    static func watchDeliversEventsInOrder(_ api: any KubeAPI) async throws {
        let namespace = try await makeNamespace(api, "watch")
        let list = try await api.list(Pod.self, namespace: namespace)
        let watch = try await api.watch(Pod.self, namespace: namespace, options: WatchOptions(resourceVersion: list.metadata.resourceVersion))
        var pod = try await api.create(Fixtures.pod(namespace: namespace))
        pod.metadata.labels?["step"] = "two"
        pod = try await api.update(pod)
        try await api.delete(Pod.self, name: pod.metadata.name ?? "", namespace: namespace, options: DeleteOptions(gracePeriodSeconds: 0))

        var seen: [String] = []
        for try await event in watch {
            switch event {
            case let .added(object): seen.append("ADDED \(object.metadata.labels?["step"] ?? "-")")
            case let .modified(object):
                seen.append(object.metadata.isDeleting ? "MODIFIED deleting" : "MODIFIED \(object.metadata.labels?["step"] ?? "-")")
            case let .deleted(object): seen.append("DELETED \(object.metadata.name == pod.metadata.name)")
            case .bookmark: continue
            case let .error(status): Issue.record("watch error \(status)")
            }
            if seen.last?.hasPrefix("DELETED") == true { break }
        }
        // Pods are deleted gracefully: first marked (deletionTimestamp), then removed even with grace 0.
        #expect(seen == ["ADDED -", "MODIFIED two", "MODIFIED deleting", "DELETED true"])
    }

    static func watchFromTooOldVersionIsGone(_ backend: ConformanceBackend) async throws {
        let api = backend.api
        let namespace = try await makeNamespace(api, "gone")
        let first = try await api.create(Fixtures.podTemplate(namespace: namespace))
        let oldVersion = try #require(first.metadata.resourceVersion)
        _ = try await api.create(Fixtures.podTemplate(namespace: namespace))
        try await backend.compactHistory()
        do {
            let watch = try await api.watch(PodTemplate.self, namespace: namespace, options: WatchOptions(resourceVersion: oldVersion))
            var iterator = watch.makeAsyncIterator()
            let event = try await iterator.next()
            guard case let .error(status)? = event else {
                Issue.record("expected an ERROR event with 410, got \(String(describing: event))")
                return
            }
            #expect(status.code == 410)
            #expect(status.reason == "Expired" || status.reason == "Gone")
        } catch let error as KubeError {
            guard case .gone = error else {
                Issue.record("expected 410 Gone, got \(error)")
                return
            }
        }
        // A fresh list and a watch from its version work again.
        let list = try await api.list(PodTemplate.self, namespace: namespace)
        #expect(list.items.count == 2)
        let watch = try await api.watch(PodTemplate.self, namespace: namespace, options: WatchOptions(resourceVersion: list.metadata.resourceVersion))
        _ = try await api.create(Fixtures.podTemplate(name: "after", namespace: namespace))
        var iterator = watch.makeAsyncIterator()
        guard case let .added(object)? = try await iterator.next() else {
            Issue.record("expected ADDED after relisting")
            return
        }
        #expect(object.metadata.name == "after")
    }

    static func statusSubresourceIsolation(_ api: any KubeAPI) async throws {
        let namespace = try await makeNamespace(api, "status")
        let created = try await api.create(Fixtures.pod(namespace: namespace))
        #expect(created.status?.phase == "Pending")
        let name = created.metadata.name ?? ""
        // A status patch changes status but never spec (for built-in kinds metadata changes are kept).
        let patch = Data(#"{"status":{"phase":"Running","message":"from-status"},"spec":{"nodeSelector":{"via":"status"}},"metadata":{"labels":{"via":"status"}}}"#.utf8)
        let patched = try await api.patch(Pod.self, name: name, namespace: namespace, patch: .merge(patch), subresource: .status)
        #expect(patched.status?.phase == "Running")
        #expect(patched.status?.message == "from-status")
        #expect(patched.spec == created.spec)
        #expect(patched.metadata.labels?["via"] == "status")
        // A main-resource write ignores status.
        var main = patched
        main.status?.phase = "Failed"
        main.metadata.labels?["via"] = "main"
        let updated = try await api.update(main)
        #expect(updated.status?.phase == "Running")
        #expect(updated.metadata.labels?["via"] == "main")
        // A status update changes status and keeps spec.
        var statusWrite = updated
        statusWrite.status?.message = "second"
        statusWrite.spec.nodeSelector = ["via": "status-put"]
        let afterStatus = try await api.updateStatus(statusWrite)
        #expect(afterStatus.status?.message == "second")
        #expect(afterStatus.spec == created.spec)
    }

    static func mergeAndJSONPatch(_ api: any KubeAPI) async throws {
        let namespace = try await makeNamespace(api, "patch")
        let created = try await api.create(Fixtures.pod(namespace: namespace, labels: ["a": "1", "b": "2"]))
        let name = created.metadata.name ?? ""
        let merged = try await api.patch(
            Pod.self, name: name, namespace: namespace, patch: .merge(Data(#"{"metadata":{"labels":{"a":null,"c":"3"}}}"#.utf8)))
        #expect(merged.metadata.labels == ["b": "2", "c": "3"])
        let jsonPatched = try await api.patch(
            Pod.self, name: name, namespace: namespace,
            patch: .json(Data(#"[{"op":"test","path":"/metadata/labels/b","value":"2"},{"op":"replace","path":"/metadata/labels/b","value":"20"},{"op":"add","path":"/metadata/annotations","value":{"k":"v"}}]"#.utf8)))
        #expect(jsonPatched.metadata.labels == ["b": "20", "c": "3"])
        #expect(jsonPatched.metadata.annotations == ["k": "v"])
        await expectError(api, matches: { $0.code == 422 || $0.code == 409 || $0.code == 400 }) {
            _ = try await api.patch(
                Pod.self, name: name, namespace: namespace,
                patch: .json(Data(#"[{"op":"test","path":"/metadata/labels/b","value":"wrong"}]"#.utf8)))
        }
    }

    static func finalizerHoldsDeletion(_ api: any KubeAPI) async throws {
        let namespace = try await makeNamespace(api, "final")
        let finalizer = "karpenter.sh/termination"
        let created = try await api.create(Fixtures.pod(namespace: namespace, finalizers: [finalizer]))
        let name = created.metadata.name ?? ""
        try await api.delete(Pod.self, name: name, namespace: namespace, options: DeleteOptions(gracePeriodSeconds: 0))
        var held = try await api.get(Pod.self, name: name, namespace: namespace)
        #expect(held.metadata.deletionTimestamp != nil)
        #expect(held.metadata.finalizers == [finalizer])
        held.metadata.removeFinalizer(finalizer)
        _ = try await api.update(held)
        await expectError(api, matches: { if case .notFound = $0 { true } else { false } }) {
            _ = try await api.get(Pod.self, name: name, namespace: namespace)
        }
    }

    static func deletePreconditions(_ api: any KubeAPI) async throws {
        let namespace = try await makeNamespace(api, "precond")
        let created = try await api.create(Fixtures.pod(namespace: namespace))
        let name = created.metadata.name ?? ""
        await expectError(api, matches: { if case .conflict = $0 { true } else { false } }) {
            try await api.delete(Pod.self, name: name, namespace: namespace, options: DeleteOptions(preconditions: Preconditions(uid: "not-the-uid")))
        }
        try await api.delete(
            Pod.self, name: name, namespace: namespace,
            options: DeleteOptions(gracePeriodSeconds: 0, preconditions: Preconditions(uid: created.metadata.uid), propagationPolicy: "Background"))
        await expectError(api, matches: { if case .notFound = $0 { true } else { false } }) {
            _ = try await api.get(Pod.self, name: name, namespace: namespace)
        }
    }

    static func labelAndFieldSelectors(_ api: any KubeAPI) async throws {
        let namespace = try await makeNamespace(api, "select")
        let nodeName = "node-\(Fixtures.suffix())"
        _ = try await api.create(Fixtures.pod(name: "a", namespace: namespace, labels: ["app": "web", "tier": "front"]))
        _ = try await api.create(Fixtures.pod(name: "b", namespace: namespace, labels: ["app": "web"], nodeName: nodeName))
        _ = try await api.create(Fixtures.pod(name: "c", namespace: namespace, labels: ["app": "db"]))
        func names(_ options: ListOptions) async throws -> [String] {
            try await api.list(Pod.self, namespace: namespace, options: options).items.compactMap(\.metadata.name).sorted()
        }
        #expect(try await names(ListOptions(labelSelector: "app=web")) == ["a", "b"])
        #expect(try await names(ListOptions(labelSelector: "app=web,!tier")) == ["b"])
        #expect(try await names(ListOptions(labelSelector: "app in (db,cache)")) == ["c"])
        #expect(try await names(ListOptions(labelSelector: "app!=web")) == ["c"])
        #expect(try await names(ListOptions(labelSelector: "tier")) == ["a"])
        #expect(try await names(ListOptions(fieldSelector: "spec.nodeName=\(nodeName)")) == ["b"])
        #expect(try await names(ListOptions(fieldSelector: "spec.nodeName=")) == ["a", "c"])
        #expect(try await names(ListOptions(fieldSelector: "metadata.name=c")) == ["c"])
    }

    static func listPagination(_ api: any KubeAPI) async throws {
        let namespace = try await makeNamespace(api, "page")
        for index in 0..<5 { _ = try await api.create(Fixtures.pod(name: "p\(index)", namespace: namespace)) }
        let first = try await api.list(Pod.self, namespace: namespace, options: ListOptions(limit: 2))
        #expect(first.items.count == 2)
        #expect(first.metadata.continue?.isEmpty == false)
        let all = try await api.listAll(Pod.self, namespace: namespace, options: ListOptions(limit: 2))
        #expect(all.items.compactMap(\.metadata.name).sorted() == ["p0", "p1", "p2", "p3", "p4"])
        #expect(all.metadata.resourceVersion != nil)
    }

    static func evictionAllowedWithoutBudget(_ api: any KubeAPI) async throws {
        let namespace = try await makeNamespace(api, "evict")
        let pod = try await api.create(Fixtures.pod(namespace: namespace))
        let name = pod.metadata.name ?? ""
        try await api.evict(podName: name, namespace: namespace, options: DeleteOptions(gracePeriodSeconds: 0))
        await expectError(api, matches: { if case .notFound = $0 { true } else { false } }) {
            _ = try await api.get(Pod.self, name: name, namespace: namespace)
        }
    }

    static func evictionRefusedByBudget(_ api: any KubeAPI) async throws {
        let namespace = try await makeNamespace(api, "budget")
        var pod = try await api.create(Fixtures.pod(namespace: namespace, labels: ["app": "guarded"]))
        // Pending pods are evicted without consulting budgets (they disrupt nothing): make it run.
        pod = try await api.patch(
            Pod.self, name: pod.metadata.name ?? "", namespace: namespace,
            patch: .merge(Data(#"{"status":{"phase":"Running"}}"#.utf8)), subresource: .status)
        _ = try await api.create(PodDisruptionBudgetV1beta1(
            metadata: ObjectMeta(name: "guard", namespace: namespace),
            spec: PodDisruptionBudgetSpec(minAvailable: .int(1), selector: LabelSelector(matchLabels: ["app": "guarded"]))))
        await expectError(api, matches: { if case .tooManyRequests = $0 { true } else { false } }) {
            try await api.evict(podName: pod.metadata.name ?? "", namespace: namespace, options: DeleteOptions())
        }
        let still = try await api.get(Pod.self, name: pod.metadata.name ?? "", namespace: namespace)
        #expect(still.metadata.deletionTimestamp == nil)
    }
}

/// `core/v1 PodTemplate`, used only because the test control plane serves it without a watch cache.
struct PodTemplate: KubeResource {
    static let resourceType = ResourceType(group: "", version: "v1", kind: "PodTemplate", plural: "podtemplates", namespaced: true)
    struct Template: Codable, Sendable {
        var metadata: ObjectMeta?
        var spec: PodSpec
    }
    var apiVersion: String? = "v1"
    var kind: String? = "PodTemplate"
    var metadata: ObjectMeta
    var template: Template
}

/// `policy/v1beta1` PodDisruptionBudget: Kubernetes 1.20 serves only this version (the schema of the
/// fields used here is the same as v1's).
struct PodDisruptionBudgetV1beta1: KubeResource {
    static let resourceType = ResourceType(group: "policy", version: "v1beta1", kind: "PodDisruptionBudget", plural: "poddisruptionbudgets", namespaced: true)
    var apiVersion: String? = "policy/v1beta1"
    var kind: String? = "PodDisruptionBudget"
    var metadata: ObjectMeta
    var spec: PodDisruptionBudgetSpec
    var status: PodDisruptionBudgetStatus?
}
