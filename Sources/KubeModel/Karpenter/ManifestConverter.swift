/// Converts manifests from Karpenter's v1beta1 APIs to v1 (what `karpenter convert` prints).
package enum ManifestConverter {
    /// Validates every v1beta1 NodePool, NodeClaim and EC2NodeClass document (errors name the
    /// v1beta1 fields) and converts it to v1; every other document (v1 objects, ConfigMaps, ...) passes through as written.
    /// Output documents keep their order and are separated by `---`. Throws the first document's
    /// problems (decoding, conversion or validation), naming its index and the field paths.
    package static func convertToV1(_ yaml: String) throws(ManifestError) -> String {
        var parts: [String] = []
        for document in try Manifest.decode(yaml) {
            parts.append(try convert(document))
        }
        return parts.joined(separator: "---\n")
    }

    private static func convert(_ document: ManifestDocument) throws(ManifestError) -> String {
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
            return document.text
        }
        let kind = type(of: converted).resourceType.kind
        guard errors.isEmpty else {
            throw .invalid(document: document.index, kind: kind, name: converted.metadata.name ?? "", errors: errors)
        }
        do {
            return try Manifest.encode([converted])
        } catch {
            throw .conversion(document: document.index, kind: kind, message: "could not write YAML: \(error)")
        }
    }

}
