/// Converts manifests from Karpenter's v1beta1 APIs to v1 (what `karpenter convert` prints).
package enum ManifestConverter {
    /// Converts every v1beta1 NodePool, NodeClaim and EC2NodeClass document to v1 and validates
    /// the result; every other document (v1 objects, ConfigMaps, ...) passes through as written.
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
            let pool = NodePool(converting: old)
            (converted, errors) = (pool, pool.validate())
        case let .v1beta1NodeClaim(old):
            let claim = NodeClaim(converting: old)
            (converted, errors) = (claim, claim.validate())
        case let .v1beta1EC2NodeClass(old):
            let nodeClass = EC2NodeClass(converting: old)
            (converted, errors) = (nodeClass, nodeClass.validate())
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
