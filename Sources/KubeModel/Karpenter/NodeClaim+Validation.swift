extension NodeClaim {
    /// Every problem with this NodeClaim's spec, each naming its field path; empty when valid.
    /// NodeClaims may require `karpenter.sh/nodepool` (the provisioner writes it).
    package func validate() -> [FieldError] {
        let path = FieldPath("spec")
        var errors = NodeSelectorRequirementWithMinValues.validate(
            spec.requirements, at: path.child("requirements"), allowing: [WellKnownLabels.nodePool])
        errors += Taint.validate(spec.taints ?? [], at: path.child("taints"))
        errors += Taint.validate(spec.startupTaints ?? [], at: path.child("startupTaints"))
        errors += spec.nodeClassRef.validate(at: path.child("nodeClassRef"))
        errors += NillableDuration.validate(spec.expireAfter, at: path.child("expireAfter"), pattern: .nillable)
        errors += NillableDuration.validate(spec.terminationGracePeriod, at: path.child("terminationGracePeriod"), pattern: .plain)
        for (name, quantity) in (spec.resources?.requests ?? [:]).sorted(by: { $0.key < $1.key }) where quantity < .zero {
            errors.append(FieldError(path: path.child("resources").child("requests").key(name), "request must not be negative; found \(quantity)"))
        }
        return errors
    }
}
