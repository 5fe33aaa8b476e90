/// Converts manifests from Karpenter's v1beta1 APIs to v1 (what `karpenter convert` prints).
package enum ManifestConverter {
    /// Validates every v1beta1 NodePool, NodeClaim and EC2NodeClass document (errors name the
    /// v1beta1 fields) and converts it to v1; every other document (v1 objects, ConfigMaps, ...)
    /// passes through as written. Output documents keep their order and are separated by `---`.
    ///
    /// v1 moved kubelet settings from the NodePool to the EC2NodeClass. Besides the compatibility
    /// annotation on the NodePool, a converted EC2NodeClass in the same input that sets no kubelet
    /// receives the NodePools' kubelet block when every NodePool referencing it agrees on one.
    ///
    /// Throws the first document's problems (decoding, validation, writing), naming its index and
    /// the field paths.
    package static func convertToV1(_ yaml: String) throws(ManifestError) -> String {
        var outputs: [Output] = []
        var kubeletsByClass: [String: [KubeletConfiguration?]] = [:]
        for document in try Manifest.decode(yaml) {
            let output = try convert(document)
            if case let .v1beta1NodePool(old) = document.object, case let .converted(_, pool as NodePool) = output {
                let reference = pool.spec.template.spec.nodeClassRef
                if reference.group == EC2NodeClass.resourceType.group, reference.kind == EC2NodeClass.resourceType.kind {
                    kubeletsByClass[reference.name, default: []].append(old.spec.template.spec.kubelet)
                }
            }
            outputs.append(output)
        }
        var parts: [String] = []
        for output in outputs {
            switch output {
            case let .passThrough(text):
                parts.append(text)
            case let .converted(index, object):
                var object = object
                if var nodeClass = object as? EC2NodeClass, nodeClass.spec.kubelet == nil,
                   let kubelets = kubeletsByClass[nodeClass.metadata.name ?? ""], let first = kubelets.first, let kubelet = first,
                   kubelets.allSatisfy({ $0 == kubelet }) {
                    nodeClass.spec.kubelet = kubelet
                    object = nodeClass
                }
                parts.append(try encode(object, index: index))
            }
        }
        return parts.joined(separator: "---\n")
    }

    /// One document after conversion.
    private enum Output {
        case passThrough(String)
        case converted(index: Int, object: any KubeResource)
    }

    private static func convert(_ document: ManifestDocument) throws(ManifestError) -> Output {
        let converted: any KubeResource
        let errors: [FieldError]
        switch document.object {
        case let .v1beta1NodePool(old):
            (converted, errors) = (NodePool(converting: old), old.validate())
        case let .v1beta1NodeClaim(old):
            (converted, errors) = (NodeClaim(converting: old), old.validate())
        case let .v1beta1EC2NodeClass(old):
            (converted, errors) = (EC2NodeClass(converting: old), old.validate())
        case .nodePool, .nodeClaim, .ec2NodeClass, .other:
            return .passThrough(document.text)
        }
        guard errors.isEmpty else {
            throw .invalid(document: document.index, kind: type(of: converted).resourceType.kind,
                           name: converted.metadata.name ?? "", errors: errors)
        }
        return .converted(index: document.index, object: converted)
    }

    private static func encode(_ object: any KubeResource, index: Int) throws(ManifestError) -> String {
        do {
            return try Manifest.encode([object])
        } catch {
            throw .conversion(document: index, kind: type(of: object).resourceType.kind, message: "could not write YAML: \(error)")
        }
    }
}
