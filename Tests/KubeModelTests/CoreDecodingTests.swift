import Foundation
import KubeModel
import TestSupport
import Testing

@Suite struct CoreDecodingTests {
    @Test func decodesRealPendingPod() throws {
        let pod = try JSONDecoder().decode(Pod.self, from: Fixture.data("pod-pending.json"))
        #expect(pod.metadata.key == "monitoring/grafana-867556d6f5-2lpdh")
        #expect(pod.metadata.creationTimestamp?.description == "2024-08-07T19:23:06Z")
        #expect(pod.metadata.ownerReferences?.first?.kind == "ReplicaSet")
        #expect(pod.isMarkedUnschedulable)
        #expect(!pod.isBound)
        #expect(!pod.isDaemonSetPod)
        #expect(pod.spec.containers.first?.resources?.requests?["cpu"] == "100m")
        #expect(pod.spec.containers.first?.ports?.last?.hostPort == 9100)
        #expect(pod.spec.initContainers?.map(\.isSidecar) == [false, true])
        #expect(pod.spec.overhead?["cpu"] == "10m")
        #expect(pod.spec.volumes?.compactMap(\.persistentVolumeClaim?.claimName) == ["grafana"])
        let nodeAffinity = pod.spec.affinity?.nodeAffinity
        #expect(nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms.first?.matchExpressions?.first?.operator == .in)
        #expect(nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.first?.weight == 50)
        #expect(pod.spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.first?.podAffinityTerm.topologyKey == "kubernetes.io/hostname")
        #expect(pod.spec.tolerations?.first?.tolerationSeconds == 300)
        #expect(pod.spec.topologySpreadConstraints?.first?.isHard == false)
        #expect(pod.spec.priority == 0)
    }

    @Test func decodesRealNode() throws {
        let node = try JSONDecoder().decode(Node.self, from: Fixture.data("node-ready.json"))
        #expect(node.metadata.name == "ip-10-10-210-178.ec2.internal")
        #expect(node.spec.providerID == "aws:///us-east-1b/i-0cf1182591adb49e6")
        #expect(node.spec.taints?.first == Taint.unregistered)
        #expect(node.spec.taints?.last?.timeAdded != nil)
        #expect(node.status?.allocatable?["memory"]?.description == "3388300Ki")
        #expect(node.status?.allocatable?["ephemeral-storage"]?.description == "18242267924")
        #expect(node.status?.capacity?["cpu"] == "2")
        #expect(node.readyStatus == "True")
        #expect(node.metadata.hasFinalizer(WellKnownFinalizers.termination))
    }

    @Test func encodingOmitsAbsentFieldsAndManagedFields() throws {
        let pod = try JSONDecoder().decode(Pod.self, from: Fixture.data("pod-pending.json"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(pod), as: UTF8.self)
        #expect(!text.contains("null"))
        #expect(!text.contains("managedFields"))
        #expect(!text.contains("deletionTimestamp"))
        let again = try JSONDecoder().decode(Pod.self, from: Data(text.utf8))
        #expect(again == pod)
    }

    @Test func decodesMinimalObjectsWithDefaults() throws {
        let pod = try JSONDecoder().decode(Pod.self, from: Data(#"{"metadata":{"name":"p"}}"#.utf8))
        #expect(pod.spec.containers.isEmpty)
        #expect(pod.status == nil)
        let node = try JSONDecoder().decode(Node.self, from: Data("{}".utf8))
        #expect(node.metadata.name == nil)
        let list = try JSONDecoder().decode(KubeList<Pod>.self, from: Data(#"{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"42"},"items":null}"#.utf8))
        #expect(list.items.isEmpty)
        #expect(list.metadata.resourceVersion == "42")
    }

    @Test(arguments: [
        (#"{"maxUnavailable":1}"#, IntOrString.int(1)),
        (#"{"maxUnavailable":"25%"}"#, IntOrString.string("25%")),
    ])
    func decodesIntOrString(json: String, expected: IntOrString) throws {
        let spec = try JSONDecoder().decode(PodDisruptionBudgetSpec.self, from: Data(json.utf8))
        #expect(spec.maxUnavailable == expected)
        let encoded = String(decoding: try JSONEncoder().encode(spec), as: UTF8.self)
        #expect(encoded == json)
    }

    @Test(arguments: [
        (IntOrString.string("10%"), 15, true, 2), (.string("10%"), 15, false, 1),
        (.int(3), 15, true, 3), (.string("100%"), 7, true, 7), (.string("0%"), 7, true, 0),
    ])
    func resolvesPercentages(value: IntOrString, total: Int, roundUp: Bool, expected: Int) {
        #expect(value.resolve(total: total, roundUp: roundUp) == expected)
    }

    @Test func rejectsBadIntOrString() {
        #expect(IntOrString.string("ten").resolve(total: 10, roundUp: true) == nil)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(PodDisruptionBudgetSpec.self, from: Data(#"{"maxUnavailable":true}"#.utf8))
        }
    }

    @Test func decodesWatchEvents() throws {
        let added = try JSONDecoder().decode(WatchEvent<Node>.self, from: Data(#"{"type":"ADDED","object":{"kind":"Node","metadata":{"name":"n1","resourceVersion":"7"}}}"#.utf8))
        guard case let .added(node) = added else { Issue.record("expected ADDED"); return }
        #expect(node.metadata.resourceVersion == "7")
        let gone = try JSONDecoder().decode(WatchEvent<Node>.self, from: Data(#"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (5)","reason":"Expired","code":410}}"#.utf8))
        guard case let .error(status) = gone else { Issue.record("expected ERROR"); return }
        #expect(status.code == 410)
        #expect(status.reason == "Expired")
        let bookmark = try JSONDecoder().decode(WatchEvent<Node>.self, from: Data(#"{"type":"BOOKMARK","object":{"kind":"Node","metadata":{"resourceVersion":"99"}}}"#.utf8))
        guard case let .bookmark(version) = bookmark else { Issue.record("expected BOOKMARK"); return }
        #expect(version == "99")
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(WatchEvent<Node>.self, from: Data(#"{"type":"EXPLODED","object":{}}"#.utf8))
        }
    }

    @Test(arguments: [
        ("2024-08-07T19:23:07Z", "2024-08-07T19:23:07Z"),
        ("2024-08-07T19:23:07.084Z", "2024-08-07T19:23:07Z"),
        ("2024-08-07T21:23:07+02:00", "2024-08-07T19:23:07Z"),
        ("1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z"),
        ("2000-02-29T23:59:59z", "2000-02-29T23:59:59Z"),
    ])
    func parsesTimestamps(input: String, canonical: String) throws {
        #expect(KubeTime(rfc3339: input)?.description == canonical)
    }

    @Test(arguments: ["", "2024-08-07", "2024-13-07T19:23:07Z", "2024-08-07T19:23:07", "2024-08-07T19:23:07.Z", "yesterday"])
    func rejectsBadTimestamps(input: String) {
        #expect(KubeTime(rfc3339: input) == nil)
    }

    @Test func formatsMicroTime() {
        let time = KubeMicroTime(Date(timeIntervalSince1970: 1_723_058_587.084))
        #expect(time.description == "2024-08-07T19:23:07.084000Z")
    }
}
