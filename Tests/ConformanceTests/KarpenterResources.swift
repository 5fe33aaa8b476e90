import Foundation
import KubeClient
import KubeModel
import Simulation
import Testing
import TestSupport
import Yams

/// `apiextensions.k8s.io/v1 CustomResourceDefinition`, kept as JSON: the tests only install the chart's
/// CRDs and wait for them to be established.
struct CustomResourceDefinition: KubeResource {
    static let resourceType = ResourceType(
        group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition", plural: "customresourcedefinitions", namespaced: false)
    var apiVersion: String?
    var kind: String?
    var metadata: ObjectMeta
    var spec: JSONValue
    var status: JSONValue?

    /// Whether the API server serves the custom resource yet.
    var isEstablished: Bool {
        guard case let .array(conditions)? = status?["conditions"] else { return false }
        return conditions.contains { $0["type"]?.selectorText == "Established" && $0["status"]?.selectorText == "True" }
    }
}

/// Installs the chart's CRDs (`charts/karpenter/crds/*.yaml`) and reads the recorded API-server
/// objects of the Karpenter kinds in `hack/tests/fixtures/apiserver/`.
enum KarpenterResources {
    static let root = Fixture.repositoryRoot()

    /// Creates every CRD of the chart (existing ones are kept) and returns once all are established.
    static func installCRDs(_ api: any KubeAPI) async throws {
        let folder = root.appendingPathComponent("charts/karpenter/crds")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count == 3)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let object = try Yams.load(yaml: text) ?? [:]
            let crd = try JSONDecoder().decode(CustomResourceDefinition.self, from: try JSONSerialization.data(withJSONObject: object))
            let name = crd.metadata.name ?? ""
            do {
                _ = try await api.create(crd)
            } catch KubeError.alreadyExists {}
            try await waitUntilEstablished(api, name: name)
        }
    }

    private static func waitUntilEstablished(_ api: any KubeAPI, name: String) async throws {
        let selector = "metadata.name=\(name)"
        let list = try await api.list(CustomResourceDefinition.self, options: ListOptions(fieldSelector: selector))
        if list.items.first?.isEstablished == true { return }
        let watch = try await api.watch(
            CustomResourceDefinition.self, namespace: nil, options: WatchOptions(resourceVersion: list.metadata.resourceVersion, fieldSelector: selector))
        for try await event in watch {
            if case let .modified(crd) = event, crd.isEstablished { return }
        }
    }

    /// A recorded object of `type` with fresh metadata named `name`.
    static func fixture<Object: KubeResource>(_ type: Object.Type, file: String, name: String) throws -> Object {
        let data = try Data(contentsOf: root.appendingPathComponent("hack/tests/fixtures/apiserver").appendingPathComponent(file))
        var object = try JSONDecoder().decode(Object.self, from: data)
        object.metadata = ObjectMeta(name: name, labels: ["conformance": "karpenter"])
        return object
    }
}
