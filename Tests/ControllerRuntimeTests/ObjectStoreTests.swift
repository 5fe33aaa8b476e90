import ControllerRuntime
import KubeModel
import Testing

@Suite struct ObjectStoreTests {
    func pod(_ name: String, node: String? = nil, owner: String? = nil, version: String = "1") -> Pod {
        Pod(
            metadata: ObjectMeta(
                name: name, namespace: "ns", resourceVersion: version,
                ownerReferences: owner.map { [OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "rs", uid: $0)] }),
            spec: PodSpec(nodeName: node))
    }

    func store() -> ObjectStore<Pod> {
        ObjectStore(indexes: [StoreIndex.podsByNodeName: StoreIndex.nodeName, StoreIndex.byOwnerUID: StoreIndex.ownerUID])
    }

    @Test func indexesFollowUpdatesAndRemovals() {
        let store = store()
        store.upsert(pod("a", node: "n1", owner: "rs-1"))
        store.upsert(pod("b", node: "n1"))
        store.upsert(pod("c"))
        #expect(store.byIndex(StoreIndex.podsByNodeName, "n1").compactMap(\.metadata.name).sorted() == ["a", "b"])
        #expect(store.byIndex(StoreIndex.byOwnerUID, "rs-1").map(\.metadata.name) == ["a"])
        store.upsert(pod("a", node: "n2", owner: "rs-1", version: "2"))
        #expect(store.byIndex(StoreIndex.podsByNodeName, "n1").map(\.metadata.name) == ["b"])
        #expect(store.byIndex(StoreIndex.podsByNodeName, "n2").map(\.metadata.name) == ["a"])
        store.remove(pod("b", node: "n1", version: "3"))
        #expect(store.byIndex(StoreIndex.podsByNodeName, "n1").isEmpty)
        #expect(store.resourceVersion == "3")
        #expect(store.count == 2)
    }

    @Test func replaceReportsWhatChanged() {
        let store = store()
        store.upsert(pod("keep", version: "1"))
        store.upsert(pod("change", version: "1"))
        store.upsert(pod("drop", node: "n1", version: "1"))
        let delta = store.replace(with: [pod("keep", version: "1"), pod("change", version: "5"), pod("new", version: "6")], resourceVersion: "9")
        #expect(delta.added.map(\.metadata.name) == ["new"])
        #expect(delta.updated.map(\.1.metadata.resourceVersion) == ["5"])
        #expect(delta.deleted.map(\.metadata.name) == ["drop"])
        #expect(store.byIndex(StoreIndex.podsByNodeName, "n1").isEmpty)
        #expect(store.resourceVersion == "9")
        #expect(store.keys().sorted() == ["ns/change", "ns/keep", "ns/new"])
    }
}
