extension EC2NodeClass {
    /// Ubuntu's default root volume, written into a converted Ubuntu class without mappings.
    static let ubuntuBlockDeviceMappings = [
        BlockDeviceMapping(deviceName: "/dev/sda1", ebs: BlockDevice(encrypted: true, volumeSize: "20Gi", volumeType: "gp3"), rootVolume: true),
    ]

    /// Converts a v1beta1 EC2NodeClass to v1 as upstream does: a family with no AMI terms becomes
    /// the alias `<family>@latest` (or the pinned version kept in an annotation); with terms the
    /// family is kept; `Ubuntu` becomes `AL2` plus a compatibility annotation (and a placeholder
    /// AMI term and Ubuntu's root volume when needed); anything else becomes `Custom`.
    package init(converting old: V1Beta1.EC2NodeClass) {
        var metadata = old.metadata
        let pinnedVersion = metadata.annotations?[WellKnownAnnotations.v1beta1AliasVersion]
        metadata.setAnnotation(WellKnownAnnotations.v1beta1AliasVersion, nil)
        let oldTerms = old.spec.amiSelectorTerms ?? []
        var amiFamily: AMIFamily?
        var terms = oldTerms.map { AMISelectorTerm(tags: $0.tags, id: $0.id, name: $0.name, owner: $0.owner) }
        var blockDeviceMappings = old.spec.blockDeviceMappings
        switch old.spec.amiFamily {
        case .ubuntu:
            var steps = ["amiFamily"]
            amiFamily = .al2
            if blockDeviceMappings == nil {
                steps.append("blockDeviceMappings")
                blockDeviceMappings = Self.ubuntuBlockDeviceMappings
            }
            if oldTerms.isEmpty {
                steps.append("incompatible")
                terms = [AMISelectorTerm(id: "ami-placeholder")]
            }
            metadata.setAnnotation(WellKnownAnnotations.v1beta1Ubuntu, steps.joined(separator: ","))
        case let .some(family) where family.aliasName != nil:
            if oldTerms.isEmpty, let alias = family.aliasName {
                terms = [AMISelectorTerm(alias: "\(alias)@\(pinnedVersion ?? "latest")")]
            } else {
                amiFamily = family
            }
        default:
            amiFamily = .custom
        }
        let spec = old.spec
        self.init(
            metadata: metadata,
            spec: EC2NodeClassSpec(
                subnetSelectorTerms: spec.subnetSelectorTerms, securityGroupSelectorTerms: spec.securityGroupSelectorTerms,
                associatePublicIPAddress: spec.associatePublicIPAddress, amiSelectorTerms: terms, amiFamily: amiFamily,
                userData: spec.userData, role: spec.role, instanceProfile: spec.instanceProfile, tags: spec.tags,
                blockDeviceMappings: blockDeviceMappings, instanceStorePolicy: spec.instanceStorePolicy,
                detailedMonitoring: spec.detailedMonitoring, metadataOptions: spec.metadataOptions, context: spec.context),
            status: old.status)
    }

    /// Converts back to v1beta1: the alias becomes `amiFamily` (a pinned version goes to an
    /// annotation), Ubuntu compatibility steps are undone. `kubelet` has no v1beta1 field here.
    package func v1beta1() -> V1Beta1.EC2NodeClass {
        var metadata = self.metadata
        let ubuntuSteps = metadata.annotations?[WellKnownAnnotations.v1beta1Ubuntu].map { $0.split(separator: ",").map(String.init) }
        metadata.setAnnotation(WellKnownAnnotations.v1beta1Ubuntu, nil)
        var terms = spec.amiSelectorTerms
        var blockDeviceMappings = spec.blockDeviceMappings
        let family: AMIFamily?
        if let ubuntuSteps {
            if ubuntuSteps.contains("incompatible") { terms = [] }
            if ubuntuSteps.contains("blockDeviceMappings") { blockDeviceMappings = nil }
            family = .ubuntu
        } else {
            family = spec.amiFamily ?? spec.amiAlias.flatMap { AMIFamily(alias: $0) }
        }
        if let alias = spec.amiAlias, let version = alias.split(separator: "@", maxSplits: 1).dropFirst().first, version != "latest" {
            metadata.setAnnotation(WellKnownAnnotations.v1beta1AliasVersion, String(version))
        }
        let oldTerms = terms.filter { $0.alias == nil }.map { AMISelectorTerm(tags: $0.tags, id: $0.id, name: $0.name, owner: $0.owner) }
        return V1Beta1.EC2NodeClass(
            metadata: metadata,
            spec: V1Beta1.EC2NodeClassSpec(
                subnetSelectorTerms: spec.subnetSelectorTerms, securityGroupSelectorTerms: spec.securityGroupSelectorTerms,
                associatePublicIPAddress: spec.associatePublicIPAddress, amiSelectorTerms: oldTerms.isEmpty ? nil : oldTerms,
                amiFamily: family, userData: spec.userData, role: spec.role, instanceProfile: spec.instanceProfile,
                tags: spec.tags, blockDeviceMappings: blockDeviceMappings, instanceStorePolicy: spec.instanceStorePolicy,
                detailedMonitoring: spec.detailedMonitoring, metadataOptions: spec.metadataOptions, context: spec.context),
            status: status)
    }
}
