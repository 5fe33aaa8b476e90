/// `karpenter.sh/v1` reference from a NodePool or NodeClaim to its cloud-specific NodeClass.
package struct NodeClassReference: Codable, Sendable, Hashable {
    /// API group, e.g. `karpenter.k8s.aws` (no version).
    package var group: String
    /// Kind, e.g. `EC2NodeClass`.
    package var kind: String
    /// Object name.
    package var name: String

    /// Creates a reference.
    package init(group: String = EC2NodeClass.resourceType.group, kind: String = EC2NodeClass.resourceType.kind, name: String) {
        self.group = group
        self.kind = kind
        self.name = name
    }

    private enum CodingKeys: String, CodingKey { case group, kind, name }

    /// Missing fields decode as empty strings so that validation, not decoding, reports them with
    /// their field path.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        group = try container.decodeIfPresent(String.self, forKey: .group) ?? ""
        kind = try container.decodeIfPresent(String.self, forKey: .kind) ?? ""
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
    }
}

extension NodeClassReference {
    /// Problems with a v1 NodeClass reference: all three fields required, `group` without a version.
    package func validate(at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        if group.isEmpty {
            errors.append(FieldError(path: path.child("group"), "group is required (e.g. karpenter.k8s.aws)"))
        } else if group.contains("/") {
            errors.append(FieldError(path: path.child("group"), "group \"\(group)\" must not contain a version; write \"\(group.split(separator: "/")[0])\""))
        }
        if kind.isEmpty { errors.append(FieldError(path: path.child("kind"), "kind is required (e.g. EC2NodeClass)")) }
        if name.isEmpty { errors.append(FieldError(path: path.child("name"), "name is required: the name of the EC2NodeClass to use")) }
        return errors
    }
}
