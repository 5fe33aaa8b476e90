extension NodePool {
    /// Converts a v1beta1 NodePool to v1 as upstream's conversion webhook does: `WhenUnderutilized`
    /// becomes `WhenEmptyOrUnderutilized` with `consolidateAfter: 0s`, `disruption.expireAfter`
    /// moves to `template.spec.expireAfter`, `nodeClassRef.apiVersion` becomes `group`, and what
    /// v1 cannot hold (kubelet, the original nodeClassRef) is kept in compatibility annotations.
    package init(converting old: V1Beta1.NodePool) {
        var metadata = old.metadata
        let templateSpec = old.spec.template.spec
        metadata.setAnnotation(WellKnownAnnotations.v1beta1KubeletConversion, templateSpec.kubelet.map(CompatibilityJSON.encode))
        metadata.setAnnotation(WellKnownAnnotations.v1beta1NodeClassReference, templateSpec.nodeClassRef.map(CompatibilityJSON.encode))
        let spec = NodeClaimTemplateSpec(
            taints: templateSpec.taints, startupTaints: templateSpec.startupTaints, requirements: templateSpec.requirements,
            nodeClassRef: templateSpec.nodeClassRef?.v1 ?? NodeClassReference(name: ""),
            expireAfter: old.spec.disruption?.expireAfter)
        let disruption = old.spec.disruption.flatMap { old -> Disruption? in
            let converted = Disruption(
                consolidationPolicy: old.consolidationPolicy.map { $0 == .whenUnderutilized ? .whenEmptyOrUnderutilized : .whenEmpty },
                consolidateAfter: old.consolidationPolicy == .whenUnderutilized ? NillableDuration(seconds: 0) : old.consolidateAfter,
                budgets: old.budgets?.map { Budget(nodes: $0.nodes, schedule: $0.schedule, duration: $0.duration) })
            return converted == Disruption() ? nil : converted
        }
        self.init(
            metadata: metadata,
            spec: NodePoolSpec(
                template: NodeClaimTemplate(metadata: old.spec.template.metadata, spec: spec),
                disruption: disruption, limits: old.spec.limits, weight: old.spec.weight),
            status: old.status.map { NodePoolStatus(resources: $0.resources, conditions: $0.conditions) })
    }

    /// Converts back to v1beta1, restoring kubelet and nodeClassRef from the compatibility
    /// annotations (which are removed). `terminationGracePeriod` and budget `reasons` have no
    /// v1beta1 field and are dropped, as upstream does.
    package func v1beta1() throws(ConversionError) -> V1Beta1.NodePool {
        var metadata = self.metadata
        let annotations = metadata.annotations ?? [:]
        metadata.setAnnotation(WellKnownAnnotations.v1beta1KubeletConversion, nil)
        metadata.setAnnotation(WellKnownAnnotations.v1beta1NodeClassReference, nil)
        let kubelet = try annotations[WellKnownAnnotations.v1beta1KubeletConversion].map { text throws(ConversionError) in
            try CompatibilityJSON.decode(KubeletConfiguration.self, from: text, key: WellKnownAnnotations.v1beta1KubeletConversion)
        }
        let template = spec.template.spec
        let nodeClassRef = try template.nodeClassRef.v1beta1(annotation: annotations[WellKnownAnnotations.v1beta1NodeClassReference])
        var disruption: V1Beta1.Disruption?
        if spec.disruption != nil || template.expireAfter != nil {
            let current = spec.disruption ?? Disruption()
            let underutilized = current.consolidationPolicy == .whenEmptyOrUnderutilized
            disruption = V1Beta1.Disruption(
                consolidationPolicy: current.consolidationPolicy.map { $0 == .whenEmptyOrUnderutilized ? .whenUnderutilized : .whenEmpty },
                consolidateAfter: underutilized ? nil : current.consolidateAfter,
                expireAfter: template.expireAfter,
                budgets: current.budgets?.map { V1Beta1.Budget(nodes: $0.nodes, schedule: $0.schedule, duration: $0.duration) })
        }
        return V1Beta1.NodePool(
            metadata: metadata,
            spec: V1Beta1.NodePoolSpec(
                template: V1Beta1.NodeClaimTemplate(
                    metadata: spec.template.metadata,
                    spec: V1Beta1.NodeClaimSpec(
                        taints: template.taints, startupTaints: template.startupTaints, requirements: template.requirements,
                        kubelet: kubelet, nodeClassRef: nodeClassRef)),
                disruption: disruption, limits: spec.limits, weight: spec.weight),
            status: status.map { NodePoolStatus(resources: $0.resources, conditions: $0.conditions) })
    }
}

extension NodeClaim {
    /// Converts a v1beta1 NodeClaim to v1 (kubelet and the original nodeClassRef kept in
    /// compatibility annotations). `expireAfter` stays unset: upstream reads it from the owning
    /// NodePool, which a manifest conversion cannot see.
    package init(converting old: V1Beta1.NodeClaim) {
        var metadata = old.metadata
        metadata.setAnnotation(WellKnownAnnotations.v1beta1KubeletConversion, old.spec.kubelet.map(CompatibilityJSON.encode))
        metadata.setAnnotation(WellKnownAnnotations.v1beta1NodeClassReference, old.spec.nodeClassRef.map(CompatibilityJSON.encode))
        self.init(
            metadata: metadata,
            spec: NodeClaimSpec(
                taints: old.spec.taints, startupTaints: old.spec.startupTaints, requirements: old.spec.requirements,
                resources: old.spec.resources, nodeClassRef: old.spec.nodeClassRef?.v1 ?? NodeClassReference(name: "")),
            status: old.status)
    }

    /// Converts back to v1beta1, restoring kubelet and nodeClassRef from the annotations.
    /// `expireAfter`, `terminationGracePeriod` and `status.lastPodEventTime` have no v1beta1 field.
    package func v1beta1() throws(ConversionError) -> V1Beta1.NodeClaim {
        var metadata = self.metadata
        let annotations = metadata.annotations ?? [:]
        metadata.setAnnotation(WellKnownAnnotations.v1beta1KubeletConversion, nil)
        metadata.setAnnotation(WellKnownAnnotations.v1beta1NodeClassReference, nil)
        let kubelet = try annotations[WellKnownAnnotations.v1beta1KubeletConversion].map { text throws(ConversionError) in
            try CompatibilityJSON.decode(KubeletConfiguration.self, from: text, key: WellKnownAnnotations.v1beta1KubeletConversion)
        }
        var oldStatus = status
        oldStatus?.lastPodEventTime = nil
        return V1Beta1.NodeClaim(
            metadata: metadata,
            spec: V1Beta1.NodeClaimSpec(
                taints: spec.taints, startupTaints: spec.startupTaints, requirements: spec.requirements,
                resources: spec.resources, kubelet: kubelet,
                nodeClassRef: try spec.nodeClassRef.v1beta1(annotation: annotations[WellKnownAnnotations.v1beta1NodeClassReference])),
            status: oldStatus)
    }
}
