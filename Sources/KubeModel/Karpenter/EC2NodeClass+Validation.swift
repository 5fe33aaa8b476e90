extension EC2NodeClass {
    /// Most terms in each selector list.
    package static let maxSelectorTerms = 30
    /// Most block device mappings.
    package static let maxBlockDeviceMappings = 50
    /// Largest EBS volume.
    package static let maxVolumeSize: Quantity = "64Ti"
    /// Tag keys Karpenter owns; users may not set them.
    package static let restrictedTagKeys: Set<String> = [
        WellKnownLabels.nodePool, "karpenter.sh/nodeclaim", WellKnownLabels.ec2NodeClass, "eks:eks-cluster-name",
    ]

    /// Every problem with this EC2NodeClass, each naming its field path; empty when valid.
    package func validate() -> [FieldError] {
        let path = FieldPath("spec")
        var errors: [FieldError] = []
        errors += Self.validateSubnetTerms(spec.subnetSelectorTerms, at: path.child("subnetSelectorTerms"))
        errors += Self.validateSecurityGroupTerms(spec.securityGroupSelectorTerms, at: path.child("securityGroupSelectorTerms"))
        errors += validateAMISelection(at: path)
        switch (spec.role, spec.instanceProfile) {
        case (.some, .some):
            errors.append(FieldError(path: path.child("instanceProfile"), "set either role or instanceProfile, not both"))
        case (.none, .none):
            errors.append(FieldError(path: path.child("role"), "one of role (an IAM role name for a managed instance profile) or instanceProfile is required"))
        default:
            if spec.role?.isEmpty == true { errors.append(FieldError(path: path.child("role"), "role must not be empty")) }
            if spec.instanceProfile?.isEmpty == true {
                errors.append(FieldError(path: path.child("instanceProfile"), "instanceProfile must not be empty"))
            }
        }
        for (key, value) in (spec.tags ?? [:]).sorted(by: { $0.key < $1.key }) {
            let entry = path.child("tags").key(key)
            if key.isEmpty { errors.append(FieldError(path: entry, "tag keys must not be empty")) }
            if Self.restrictedTagKeys.contains(key) || key.hasPrefix("kubernetes.io/cluster/") {
                errors.append(FieldError(path: entry, "tag \"\(key)\" is set by Karpenter and may not be overridden"))
            }
            if value.count > 256 { errors.append(FieldError(path: entry, "tag values must be at most 256 characters")) }
        }
        errors += Self.validateBlockDevices(spec.blockDeviceMappings ?? [], at: path.child("blockDeviceMappings"))
        if let options = spec.metadataOptions { errors += options.validate(at: path.child("metadataOptions")) }
        if let kubelet = spec.kubelet { errors += kubelet.validate(at: path.child("kubelet")) }
        return errors
    }

    static func validateSubnetTerms(_ terms: [SubnetSelectorTerm], at path: FieldPath) -> [FieldError] {
        var errors = validateCount(terms.count, at: path, what: "subnet", example: "{tags: {karpenter.sh/discovery: my-cluster}}")
        for (index, term) in terms.enumerated() {
            let termPath = path.index(index)
            if term.tags == nil, term.id == nil {
                errors.append(FieldError(path: termPath, "a subnet selector term needs tags or id"))
            }
            if term.id != nil, term.tags != nil {
                errors.append(FieldError(path: termPath.child("id"), "id cannot be combined with tags in the same term; use separate terms"))
            }
            if let id = term.id { errors += validateID(id, prefix: "subnet-", at: termPath.child("id")) }
            errors += validateSelectorTags(term.tags, at: termPath.child("tags"))
        }
        return errors
    }

    static func validateSecurityGroupTerms(_ terms: [SecurityGroupSelectorTerm], at path: FieldPath) -> [FieldError] {
        var errors = validateCount(terms.count, at: path, what: "security group", example: "{tags: {karpenter.sh/discovery: my-cluster}}")
        for (index, term) in terms.enumerated() {
            let termPath = path.index(index)
            let setFields = [term.tags != nil, term.id != nil, term.name != nil].filter { $0 }.count
            if setFields == 0 {
                errors.append(FieldError(path: termPath, "a security group selector term needs one of tags, id or name"))
            } else if setFields > 1 {
                errors.append(FieldError(path: termPath, "tags, id and name are mutually exclusive within one term; use separate terms"))
            }
            if let id = term.id { errors += validateID(id, prefix: "sg-", at: termPath.child("id")) }
            errors += validateSelectorTags(term.tags, at: termPath.child("tags"))
        }
        return errors
    }

    /// amiSelectorTerms and amiFamily together: alias rules, exclusive id, family required without alias.
    func validateAMISelection(at path: FieldPath) -> [FieldError] {
        let termsPath = path.child("amiSelectorTerms")
        let terms = spec.amiSelectorTerms
        var errors = Self.validateCount(terms.count, at: termsPath, what: "AMI", example: "{alias: al2023@latest}")
        var aliasFamily: AMIFamily?
        for (index, term) in terms.enumerated() {
            let termPath = termsPath.index(index)
            let others = [term.tags != nil, term.name != nil, term.owner != nil]
            if term.alias == nil, term.id == nil, !others.contains(true) {
                errors.append(FieldError(path: termPath, "an AMI selector term needs one of alias, id, name, tags or owner"))
            }
            if let alias = term.alias {
                if term.id != nil || others.contains(true) {
                    errors.append(FieldError(path: termPath.child("alias"), "alias cannot be combined with id, name, tags or owner"))
                }
                if terms.count > 1 {
                    errors.append(FieldError(path: termPath.child("alias"), "an alias must be the only AMI selector term"))
                }
                let parts = alias.split(separator: "@", omittingEmptySubsequences: false)
                if parts.count != 2 || parts[1].isEmpty || AMIFamily(alias: alias) == nil {
                    errors.append(FieldError(path: termPath.child("alias"), "alias \"\(alias)\" must be family@version with family one of al2, al2023, bottlerocket, windows2019, windows2022 (e.g. al2023@latest)"))
                } else if let family = AMIFamily(alias: alias) {
                    aliasFamily = family
                    if family.isWindows, parts[1] != "latest" {
                        errors.append(FieldError(path: termPath.child("alias"), "Windows aliases support only @latest (e.g. \(parts[0])@latest)"))
                    }
                }
            }
            if term.id != nil, others.contains(true) {
                errors.append(FieldError(path: termPath.child("id"), "id cannot be combined with name, tags or owner; use separate terms"))
            }
            if let id = term.id { errors += Self.validateID(id, prefix: "ami-", at: termPath.child("id")) }
            errors += Self.validateSelectorTags(term.tags, at: termPath.child("tags"))
        }
        let familyPath = path.child("amiFamily")
        switch (spec.amiFamily, aliasFamily) {
        case (.ubuntu, _):
            errors.append(FieldError(path: familyPath, "Ubuntu is not an AMI family in v1; use AL2 with amiSelectorTerms that select Ubuntu AMIs, or Custom"))
        case (.none, .none) where !terms.isEmpty:
            errors.append(FieldError(path: familyPath, "amiFamily is required unless amiSelectorTerms uses an alias (one of AL2, AL2023, Bottlerocket, Custom, Windows2019, Windows2022)"))
        case let (.some(family), .some(alias)) where family != alias && family != .custom:
            errors.append(FieldError(path: familyPath, "amiFamily \(family.rawValue) does not match the alias family \(alias.rawValue); omit amiFamily or set it to \(alias.rawValue)"))
        default:
            break
        }
        return errors
    }

    static func validateBlockDevices(_ mappings: [BlockDeviceMapping], at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        if mappings.count > maxBlockDeviceMappings {
            errors.append(FieldError(path: path, "has \(mappings.count) block device mappings; at most \(maxBlockDeviceMappings) are allowed"))
        }
        if mappings.filter({ $0.rootVolume == true }).count > 1 {
            errors.append(FieldError(path: path, "at most one block device mapping may set rootVolume: true"))
        }
        for (index, mapping) in mappings.enumerated() {
            let ebsPath = path.index(index).child("ebs")
            guard let ebs = mapping.ebs else { continue }
            if let type = ebs.volumeType, !BlockDevice.volumeTypes.contains(type) {
                errors.append(FieldError(path: ebsPath.child("volumeType"), "volumeType \"\(type)\" must be one of \(BlockDevice.volumeTypes.joined(separator: ", "))"))
            }
            if let size = ebs.volumeSize, size <= .zero || size > maxVolumeSize {
                errors.append(FieldError(path: ebsPath.child("volumeSize"), "volumeSize \(size) must be greater than 0 and at most 64Ti (e.g. 20Gi)"))
            }
            if let iops = ebs.iops, iops < 0 { errors.append(FieldError(path: ebsPath.child("iops"), "iops must not be negative")) }
            if let throughput = ebs.throughput, throughput < 0 {
                errors.append(FieldError(path: ebsPath.child("throughput"), "throughput must not be negative"))
            }
        }
        return errors
    }

    private static func validateCount(_ count: Int, at path: FieldPath, what: String, example: String) -> [FieldError] {
        if count == 0 { return [FieldError(path: path, "at least one \(what) selector term is required (e.g. \(example))")] }
        if count > maxSelectorTerms {
            return [FieldError(path: path, "has \(count) terms; at most \(maxSelectorTerms) are allowed")]
        }
        return []
    }

    private static func validateID(_ id: String, prefix: String, at path: FieldPath) -> [FieldError] {
        let body = id.dropFirst(prefix.count)
        guard id.hasPrefix(prefix), !body.isEmpty,
              body.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLowercase) })
        else { return [FieldError(path: path, "id \"\(id)\" must look like \(prefix)0123456789abcdef0")] }
        return []
    }

    private static func validateSelectorTags(_ tags: [String: String]?, at path: FieldPath) -> [FieldError] {
        guard let tags else { return [] }
        if tags.isEmpty { return [FieldError(path: path, "tags must not be empty when present")] }
        var errors: [FieldError] = []
        for (key, value) in tags.sorted(by: { $0.key < $1.key }) where key.isEmpty || value.isEmpty {
            errors.append(FieldError(path: path.key(key), "empty tag keys or values are not supported; use \"*\" to match any value"))
        }
        return errors
    }
}

extension MetadataOptions {
    /// Problems with the IMDS settings (enums and the hop limit range).
    package func validate(at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        func check(_ value: String?, _ field: String, _ allowed: [String]) {
            if let value, !allowed.contains(value) {
                errors.append(FieldError(path: path.child(field), "\(field) \"\(value)\" must be one of \(allowed.joined(separator: ", "))"))
            }
        }
        check(httpEndpoint, "httpEndpoint", ["enabled", "disabled"])
        check(httpProtocolIPv6, "httpProtocolIPv6", ["enabled", "disabled"])
        check(httpTokens, "httpTokens", ["required", "optional"])
        if let limit = httpPutResponseHopLimit, !(1...64).contains(limit) {
            errors.append(FieldError(path: path.child("httpPutResponseHopLimit"), "httpPutResponseHopLimit must be between 1 and 64; found \(limit)"))
        }
        return errors
    }
}
