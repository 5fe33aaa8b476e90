import Foundation
import KubeClient
import KubeModel
import TestSupport
import Yams

/// One case's slice of the shared control plane: a NodePool with a unique name (the seed's pool
/// unless told otherwise), a namespace of its own, and pods there that select the pool by
/// `karpenter.sh/nodepool`, so cases never see each other's pods, NodeClaims or instances.
///
/// Every wait lists first and then follows a watch from the list's resourceVersion, so it sees
/// every change after the list and returns as soon as the state it waits for is reached.
struct ProvisioningScenario: Sendable {
    let api: any KubeAPI
    /// Name of this case's NodePool.
    let pool: String
    /// This case's namespace.
    let namespace: String

    /// Creates the NodePool (`template` renamed, `limits` replacing its limits when given) and the namespace.
    static func create(_ api: any KubeAPI, pool template: NodePool, limits: [String: Quantity]? = nil) async throws -> ProvisioningScenario {
        var pool = template
        let name = "\(template.metadata.name ?? "pool")-\(Fixtures.suffix())"
        pool.metadata = ObjectMeta(name: name, labels: template.metadata.labels)
        if let limits { pool.spec.limits = limits }
        _ = try await api.create(pool)
        let namespace = try await ConformanceCase.makeNamespace(api, "prov")
        return ProvisioningScenario(api: api, pool: name, namespace: namespace)
    }

    /// Deletes the namespace's DaemonSets, its pods at once (no kubelet would confirm a graceful
    /// deletion) and the NodePool.
    func tearDown() async throws {
        for daemonSet in try await api.list(DaemonSet.self, namespace: namespace).items {
            do {
                try await api.delete(DaemonSet.self, name: daemonSet.metadata.name ?? "", namespace: namespace)
            } catch KubeError.notFound {}
        }
        for pod in try await api.list(Pod.self, namespace: namespace).items {
            do {
                try await api.delete(Pod.self, name: pod.metadata.name ?? "", namespace: namespace,
                                     options: DeleteOptions(gracePeriodSeconds: 0))
            } catch KubeError.notFound {}
        }
        do {
            try await api.delete(NodePool.self, name: pool)
        } catch KubeError.notFound {}
    }

    /// The label selector of this case's NodeClaims, Nodes and instances.
    var poolSelector: String { "\(WellKnownLabels.nodePool)=\(pool)" }

    /// Creates `pod` in this case's namespace, selecting this case's NodePool.
    @discardableResult
    func create(_ pod: Pod) async throws -> Pod {
        var pod = pod
        pod.metadata = ObjectMeta(name: pod.metadata.name, namespace: namespace, labels: pod.metadata.labels)
        pod.spec.nodeSelector = (pod.spec.nodeSelector ?? [:]).merging([WellKnownLabels.nodePool: pool]) { $1 }
        return try await api.create(pod)
    }

    /// Creates every pod of `pods`.
    func create(_ pods: [Pod]) async throws {
        for pod in pods { try await create(pod) }
    }

    /// Creates `daemonSet` in this case's namespace, its pods selecting this case's NodePool, so only
    /// this case's nodes reserve room for it. (No DaemonSet controller runs: it creates no pods.)
    func create(_ daemonSet: DaemonSet) async throws {
        var daemonSet = daemonSet
        daemonSet.metadata = ObjectMeta(name: daemonSet.metadata.name, namespace: namespace, labels: daemonSet.metadata.labels)
        daemonSet.spec.template.spec.nodeSelector = (daemonSet.spec.template.spec.nodeSelector ?? [:])
            .merging([WellKnownLabels.nodePool: pool]) { $1 }
        _ = try await api.create(daemonSet)
    }

    /// This case's NodeClaims.
    func nodeClaims() async throws -> [NodeClaim] {
        try await api.list(NodeClaim.self, options: ListOptions(labelSelector: poolSelector)).items
    }

    /// Waits until `count` pods of the namespace are bound; returns node name by pod name.
    func waitForBoundPods(_ count: Int) async throws -> [String: String] {
        try await Self.follow(api, Pod.self, namespace: namespace) { pods in
            let bound = pods.values.filter(\.isBound)
            guard bound.count >= count else { return nil }
            return Dictionary(bound.map { ($0.metadata.name ?? "", $0.spec.nodeName ?? "") }) { first, _ in first }
        }
    }

    /// Waits for Karpenter's `FailedScheduling` event (message `Failed to schedule pod, …`, unlike
    /// kube-scheduler's) on a pod of the namespace whose message contains `text`; returns the message.
    func waitForFailedScheduling(containing text: String = "") async throws -> String {
        try await Self.follow(api, Event.self, namespace: namespace) { events in
            events.values.lazy.compactMap(\.message).first { message in
                message.hasPrefix("Failed to schedule pod, ") && (text.isEmpty || message.contains(text))
            }
        } filter: { $0.reason == "FailedScheduling" && $0.involvedObject.kind == "Pod" }
    }

    /// Waits until a NodeClaim of this case's pool exists; returns it.
    func waitForFirstNodeClaim() async throws -> NodeClaim {
        try await Self.follow(api, NodeClaim.self, namespace: nil, labelSelector: poolSelector) { claims in
            claims.values.min { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }
        }
    }

    /// Waits until this case's pool has NodeClaims and every one is `Initialized`; returns them.
    func waitForInitializedNodeClaims() async throws -> [NodeClaim] {
        try await Self.follow(api, NodeClaim.self, namespace: nil, labelSelector: poolSelector) { claims in
            let initialized = claims.values.allSatisfy { $0.status?.conditions?.isTrue(NodeClaimConditionType.initialized) == true }
            return !claims.isEmpty && initialized ? Array(claims.values) : nil
        }
    }

    /// Lists `type`, then applies its watch events to the listed objects (by namespace/name) until
    /// `done` returns a value for them. Objects `filter` rejects are ignored.
    static func follow<Object: KubeResource, Value: Sendable>(
        _ api: any KubeAPI, _ type: Object.Type, namespace: String?, labelSelector: String? = nil,
        _ done: ([String: Object]) -> Value?, filter: (Object) -> Bool = { _ in true }
    ) async throws -> Value {
        let list = try await api.list(type, namespace: namespace, options: ListOptions(labelSelector: labelSelector))
        var objects: [String: Object] = [:]
        for object in list.items where filter(object) { objects[object.metadata.key] = object }
        if let value = done(objects) { return value }
        let watch = try await api.watch(type, namespace: namespace, options: WatchOptions(
            resourceVersion: list.metadata.resourceVersion, labelSelector: labelSelector))
        for try await event in watch {
            switch event {
            case let .added(object), let .modified(object):
                if filter(object) { objects[object.metadata.key] = object }
            case let .deleted(object): objects[object.metadata.key] = nil
            case .bookmark: continue
            case let .error(status): throw WatchEnded(kind: Object.resourceType.kind, status: status.message ?? "\(status)")
            }
            if let value = done(objects) { return value }
        }
        throw WatchEnded(kind: Object.resourceType.kind, status: "the server closed the watch")
    }
}

/// A watch a test follows ended before the state it waits for.
struct WatchEnded: Error, CustomStringConvertible {
    var kind: String
    var status: String
    var description: String { "the \(kind) watch ended: \(status)" }
}

/// The seed cluster's objects from `deploy/examples/scenarios/seed.yaml`: its v1beta1 NodePool
/// converted to v1 as the API server would, its pending monitoring pods and its node daemons.
struct SeedManifest {
    var nodePool: NodePool
    var pods: [Pod]
    var daemonSets: [DaemonSet]

    /// Why the seed manifest could not be used.
    struct Unusable: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads the manifest from the repository.
    static func load() throws -> SeedManifest {
        let path = "deploy/examples/scenarios/seed.yaml"
        let text = try String(contentsOf: Fixture.repositoryRoot().appendingPathComponent(path), encoding: .utf8)
        var pools: [NodePool] = []
        var pods: [Pod] = []
        var daemonSets: [DaemonSet] = []
        for document in try Manifest.decode(text) {
            switch document.object {
            case let .nodePool(pool): pools.append(pool)
            case let .v1beta1NodePool(old): pools.append(NodePool(converting: old))
            case .other(apiVersion: "v1", kind: "Pod"): pods.append(try YAMLDecoder().decode(Pod.self, from: document.text))
            case .other(apiVersion: "apps/v1", kind: "DaemonSet"):
                daemonSets.append(try YAMLDecoder().decode(DaemonSet.self, from: document.text))
            default: continue
            }
        }
        guard pools.count == 1, let pool = pools.first, !pods.isEmpty else {
            throw Unusable(description:
                "\(path) should hold one NodePool and the pending pods; found \(pools.count) pool(s), \(pods.count) pod(s)")
        }
        return SeedManifest(nodePool: pool, pods: pods, daemonSets: daemonSets)
    }
}
