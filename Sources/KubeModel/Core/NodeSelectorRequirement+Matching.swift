/// Kubernetes' node-selector semantics over a label map, shared by the simulated cloud (which
/// offerings satisfy a NodeClaim) and the simulated kube-scheduler (required node affinity).
extension NodeSelectorRequirement {
    /// Whether `labels` satisfy the requirement: `NotIn` and `DoesNotExist` hold for an absent key;
    /// `Gt`/`Lt` compare integers and fail on a non-integer value.
    package func matches(_ labels: [String: String]) -> Bool {
        let value = labels[key]
        let values = self.values ?? []
        switch self.operator {
        case .in: return value.map(values.contains) ?? false
        case .notIn: return value.map { !values.contains($0) } ?? true
        case .exists: return value != nil
        case .doesNotExist: return value == nil
        case .gt, .lt:
            guard let actual = value.flatMap({ Int64($0) }), values.count == 1, let bound = Int64(values[0]) else { return false }
            return self.operator == .gt ? actual > bound : actual < bound
        }
    }
}

extension NodeSelectorTerm {
    /// Every match expression holds (`matchFields` on `metadata.name` is checked against `nodeName`).
    package func matches(_ labels: [String: String], nodeName: String? = nil) -> Bool {
        let expressions = (matchExpressions ?? []).allSatisfy { $0.matches(labels) }
        let fields = (matchFields ?? []).allSatisfy { field in
            field.key == "metadata.name" && field.matches(["metadata.name": nodeName ?? ""])
        }
        return expressions && fields
    }
}
