extension V1Beta1.NodePool {
    /// Every problem with this v1beta1 NodePool, named by its v1beta1 field paths: the v1beta1-only
    /// rules (a nodeClassRef is required; `consolidateAfter` only with `WhenEmpty`) plus every v1
    /// rule checked on the converted object and mapped back to where the user wrote the value.
    package func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if spec.template.spec.nodeClassRef == nil {
            errors.append(FieldError(path: FieldPath("spec").child("template").child("spec").child("nodeClassRef"),
                                     "nodeClassRef is required (e.g. {apiVersion: karpenter.k8s.aws/v1beta1, kind: EC2NodeClass, name: default})"))
        }
        if let disruption = spec.disruption, disruption.consolidateAfter != nil, disruption.consolidationPolicy != .whenEmpty {
            errors.append(FieldError(path: FieldPath("spec").child("disruption").child("consolidateAfter"),
                                     "consolidateAfter can only be set with consolidationPolicy: WhenEmpty in v1beta1; remove it or switch the policy"))
        }
        let converted = NodePool(converting: self).validate().filter { $0.path != "spec.template.spec.nodeClassRef.name" || spec.template.spec.nodeClassRef != nil }
        return errors + converted.map { V1Beta1.renamed($0, V1Beta1.nodePoolPaths) }
    }
}

extension V1Beta1.NodeClaim {
    /// Every problem with this v1beta1 NodeClaim, named by its v1beta1 field paths.
    package func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if spec.nodeClassRef == nil {
            errors.append(FieldError(path: FieldPath("spec").child("nodeClassRef"), "nodeClassRef is required"))
        }
        let converted = NodeClaim(converting: self).validate().filter { $0.path != "spec.nodeClassRef.name" || spec.nodeClassRef != nil }
        return errors + converted.map { V1Beta1.renamed($0, V1Beta1.nodeClaimPaths) }
    }
}

extension V1Beta1.EC2NodeClass {
    /// Every problem with this v1beta1 EC2NodeClass: `amiFamily` is required, plus the v1 rules on
    /// the converted object (selector terms, role/instanceProfile, tags, disks, IMDS options).
    package func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if spec.amiFamily == nil {
            errors.append(FieldError(path: FieldPath("spec").child("amiFamily"),
                                     "amiFamily is required in v1beta1 (one of AL2, AL2023, Bottlerocket, Ubuntu, Custom, Windows2019, Windows2022)"))
        }
        // Conversion writes a v1-only alias or placeholder; problems with those are not the user's.
        let converted = EC2NodeClass(converting: self).validate().filter { !$0.path.hasPrefix("spec.amiSelectorTerms") && $0.path != "spec.amiFamily" }
        let terms = EC2NodeClass(metadata: metadata, spec: EC2NodeClassSpec(amiSelectorTerms: spec.amiSelectorTerms ?? [], amiFamily: .custom))
            .validateAMISelection(at: FieldPath("spec"))
            .filter { !((spec.amiSelectorTerms ?? []).isEmpty && $0.path == "spec.amiSelectorTerms") }
        return errors + converted + terms
    }
}

extension V1Beta1 {
    /// v1 field paths whose value came from a differently named v1beta1 field.
    static let nodePoolPaths = [
        ("spec.template.spec.expireAfter", "spec.disruption.expireAfter"),
        ("spec.template.spec.nodeClassRef.group", "spec.template.spec.nodeClassRef.apiVersion"),
    ]
    /// v1 field paths of a NodeClaim whose value came from a differently named v1beta1 field.
    static let nodeClaimPaths = [("spec.nodeClassRef.group", "spec.nodeClassRef.apiVersion")]

    /// Renames a v1 path to the v1beta1 field the value was converted from.
    static func renamed(_ error: FieldError, _ paths: [(String, String)]) -> FieldError {
        var error = error
        if let match = paths.first(where: { error.path == $0.0 || error.path.hasPrefix($0.0 + "[") }) {
            error.path = match.1 + error.path.dropFirst(match.0.count)
        }
        return error
    }
}
