import Foundation
import KubeModel
import Yams

/// The objects a `karpenter simulate` run starts from: Karpenter kinds in v1 form (v1beta1
/// documents converted as the API server would), pods with Deployments expanded to their
/// replicas, and DaemonSets (whose pods the provisioner reserves room for on every node).
struct Scenario {
    var nodePools: [NodePool] = []
    var nodeClasses: [EC2NodeClass] = []
    var pods: [Pod] = []
    var daemonSets: [DaemonSet] = []

    /// Why a scenario could not be loaded, naming the source and the document.
    enum LoadError: Error, CustomStringConvertible {
        case manifest(source: String, ManifestError)
        case document(source: String, index: Int, kind: String, reason: String)
        case unsupported(source: String, index: Int, kind: String)
        case empty

        var description: String {
            switch self {
            case let .manifest(source, error): "\(source): \(error.description)"
            case let .document(source, index, kind, reason): "\(source): document \(index) (\(kind)): \(reason)"
            case let .unsupported(source, index, kind):
                "\(source): document \(index): kind \(kind) is not simulated (use NodePool, EC2NodeClass, Pod, Deployment, DaemonSet)"
            case .empty: "the scenario has no NodePool: nothing could be provisioned"
            }
        }
    }

    /// Adds every document of `text`; `source` names it in errors.
    mutating func load(_ text: String, source: String) throws(LoadError) {
        let documents: [ManifestDocument]
        do {
            documents = try Manifest.decode(text)
        } catch {
            throw .manifest(source: source, error)
        }
        for document in documents {
            switch document.object {
            case let .nodePool(pool): nodePools.append(pool)
            case let .v1beta1NodePool(old): nodePools.append(NodePool(converting: old))
            case let .ec2NodeClass(nodeClass): nodeClasses.append(nodeClass)
            case let .v1beta1EC2NodeClass(old): nodeClasses.append(EC2NodeClass(converting: old))
            case .nodeClaim, .v1beta1NodeClaim:
                throw .unsupported(source: source, index: document.index, kind: "NodeClaim")
            case let .other(apiVersion, kind):
                try loadCore(document, apiVersion: apiVersion, kind: kind, source: source)
            }
        }
    }

    private mutating func loadCore(_ document: ManifestDocument, apiVersion: String, kind: String, source: String) throws(LoadError) {
        func decode<Value: Decodable>(_ type: Value.Type) throws(LoadError) -> Value {
            do {
                return try YAMLDecoder().decode(type, from: document.text)
            } catch {
                throw .document(source: source, index: document.index, kind: kind, reason: "\(error)")
            }
        }
        switch (apiVersion, kind) {
        case ("v1", "Pod"):
            var pod = try decode(Pod.self)
            pod.status = nil
            pods.append(pod)
        case ("apps/v1", "Deployment"):
            pods += Self.expand(try decode(Deployment.self))
        case ("apps/v1", "DaemonSet"):
            daemonSets.append(try decode(DaemonSet.self))
        case ("v1", "Namespace"):
            return
        default:
            throw .unsupported(source: source, index: document.index, kind: kind)
        }
    }

    /// The Deployment's `replicas` (default 1) pods, named `<deployment>-<n>` in its namespace.
    static func expand(_ deployment: Deployment) -> [Pod] {
        let name = deployment.metadata.name ?? "deployment"
        let template = deployment.spec.template
        return (0..<Int(max(0, deployment.spec.replicas ?? 1))).map { replica in
            var metadata = template.metadata ?? ObjectMeta()
            metadata.name = "\(name)-\(replica)"
            metadata.namespace = deployment.metadata.namespace ?? "default"
            return Pod(metadata: metadata, spec: template.spec)
        }
    }
}
