/// `karpenter.k8s.aws/v1 EC2NodeClass`: how to launch EC2 instances for the NodePools that
/// reference it (subnets, security groups, AMIs, IAM role, user data, disks, kubelet). Cluster-scoped.
package struct EC2NodeClass: KubeResource, Hashable {
    package static let resourceType = ResourceType(
        group: "karpenter.k8s.aws", version: "v1", kind: "EC2NodeClass", plural: "ec2nodeclasses", namespaced: false)

    /// `karpenter.k8s.aws/v1`.
    package var apiVersion: String
    /// `EC2NodeClass`.
    package var kind: String
    /// Object metadata.
    package var metadata: ObjectMeta
    /// Desired launch configuration.
    package var spec: EC2NodeClassSpec
    /// Resolved subnets, security groups, AMIs and instance profile.
    package var status: EC2NodeClassStatus?

    /// Creates an EC2NodeClass.
    package init(metadata: ObjectMeta, spec: EC2NodeClassSpec, status: EC2NodeClassStatus? = nil) {
        self.apiVersion = Self.resourceType.apiVersion
        self.kind = Self.resourceType.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    package init(from decoder: any Decoder) throws {
        let envelope = try ResourceEnvelope<EC2NodeClassSpec, EC2NodeClassStatus>(from: decoder)
        self.init(metadata: envelope.metadata, spec: try envelope.requiredSpec(orElse: EC2NodeClassSpec()), status: envelope.status)
        apiVersion = envelope.apiVersion ?? apiVersion
        kind = envelope.kind ?? kind
    }
}

/// `spec` of a v1 EC2NodeClass. Selector lists decode as empty when omitted so that validation,
/// not decoding, reports them with their field path.
package struct EC2NodeClassSpec: Codable, Sendable, Hashable {
    /// Which subnets to launch into (terms ORed).
    package var subnetSelectorTerms: [SubnetSelectorTerm]
    /// Which security groups to attach (terms ORed).
    package var securityGroupSelectorTerms: [SecurityGroupSelectorTerm]
    /// Whether instances get a public IP; the subnet's setting when absent.
    package var associatePublicIPAddress: Bool?
    /// Which AMIs to use: an `alias` (`al2023@latest`) or id/name/tags/owner terms.
    package var amiSelectorTerms: [AMISelectorTerm]
    /// Bootstrap format; required unless an alias names it.
    package var amiFamily: AMIFamily?
    /// Extra user data merged with Karpenter's bootstrap.
    package var userData: String?
    /// IAM role for the managed instance profile (exclusive with `instanceProfile`).
    package var role: String?
    /// Existing instance profile (exclusive with `role`).
    package var instanceProfile: String?
    /// Tags for instances, volumes and launch templates.
    package var tags: [String: String]?
    /// Kubelet settings.
    package var kubelet: KubeletConfiguration?
    /// EBS volumes.
    package var blockDeviceMappings: [BlockDeviceMapping]?
    /// `RAID0` to stripe local NVMe instance stores for ephemeral storage.
    package var instanceStorePolicy: InstanceStorePolicy?
    /// Detailed (1-minute) CloudWatch monitoring.
    package var detailedMonitoring: Bool?
    /// Instance metadata service settings; see ``EC2NodeClass/withDefaults()``.
    package var metadataOptions: MetadataOptions?
    /// CreateFleet `Context` (reserved capacity arrangements).
    package var context: String?

    /// Creates a spec.
    package init(
        subnetSelectorTerms: [SubnetSelectorTerm] = [], securityGroupSelectorTerms: [SecurityGroupSelectorTerm] = [],
        associatePublicIPAddress: Bool? = nil, amiSelectorTerms: [AMISelectorTerm] = [], amiFamily: AMIFamily? = nil,
        userData: String? = nil, role: String? = nil, instanceProfile: String? = nil, tags: [String: String]? = nil,
        kubelet: KubeletConfiguration? = nil, blockDeviceMappings: [BlockDeviceMapping]? = nil,
        instanceStorePolicy: InstanceStorePolicy? = nil, detailedMonitoring: Bool? = nil,
        metadataOptions: MetadataOptions? = nil, context: String? = nil
    ) {
        self.subnetSelectorTerms = subnetSelectorTerms
        self.securityGroupSelectorTerms = securityGroupSelectorTerms
        self.associatePublicIPAddress = associatePublicIPAddress
        self.amiSelectorTerms = amiSelectorTerms
        self.amiFamily = amiFamily
        self.userData = userData
        self.role = role
        self.instanceProfile = instanceProfile
        self.tags = tags
        self.kubelet = kubelet
        self.blockDeviceMappings = blockDeviceMappings
        self.instanceStorePolicy = instanceStorePolicy
        self.detailedMonitoring = detailedMonitoring
        self.metadataOptions = metadataOptions
        self.context = context
    }

    private enum CodingKeys: String, CodingKey {
        case subnetSelectorTerms, securityGroupSelectorTerms, associatePublicIPAddress, amiSelectorTerms, amiFamily
        case userData, role, instanceProfile, tags, kubelet, blockDeviceMappings, instanceStorePolicy
        case detailedMonitoring, metadataOptions, context
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        subnetSelectorTerms = try container.decodeIfPresent([SubnetSelectorTerm].self, forKey: .subnetSelectorTerms) ?? []
        securityGroupSelectorTerms = try container.decodeIfPresent(
            [SecurityGroupSelectorTerm].self, forKey: .securityGroupSelectorTerms) ?? []
        associatePublicIPAddress = try container.decodeIfPresent(Bool.self, forKey: .associatePublicIPAddress)
        amiSelectorTerms = try container.decodeIfPresent([AMISelectorTerm].self, forKey: .amiSelectorTerms) ?? []
        amiFamily = try container.decodeIfPresent(AMIFamily.self, forKey: .amiFamily)
        userData = try container.decodeIfPresent(String.self, forKey: .userData)
        role = try container.decodeIfPresent(String.self, forKey: .role)
        instanceProfile = try container.decodeIfPresent(String.self, forKey: .instanceProfile)
        tags = try container.decodeIfPresent([String: String].self, forKey: .tags)
        kubelet = try container.decodeIfPresent(KubeletConfiguration.self, forKey: .kubelet)
        blockDeviceMappings = try container.decodeIfPresent([BlockDeviceMapping].self, forKey: .blockDeviceMappings)
        instanceStorePolicy = try container.decodeIfPresent(InstanceStorePolicy.self, forKey: .instanceStorePolicy)
        detailedMonitoring = try container.decodeIfPresent(Bool.self, forKey: .detailedMonitoring)
        metadataOptions = try container.decodeIfPresent(MetadataOptions.self, forKey: .metadataOptions)
        context = try container.decodeIfPresent(String.self, forKey: .context)
    }

    /// The alias term (`family@version`), if the AMI selection uses one.
    package var amiAlias: String? { amiSelectorTerms.lazy.compactMap(\.alias).first }
}

/// AMI families: how user data is written and which default AMIs and disks apply.
/// `Ubuntu` exists only in v1beta1; v1 validation rejects it.
package enum AMIFamily: String, Codable, Sendable, Hashable, CaseIterable {
    /// Amazon Linux 2 (bash bootstrap).
    case al2 = "AL2"
    /// Amazon Linux 2023 (nodeadm MIME).
    case al2023 = "AL2023"
    /// Bottlerocket (TOML settings).
    case bottlerocket = "Bottlerocket"
    /// Ubuntu (v1beta1 only; converted to AL2 in v1).
    case ubuntu = "Ubuntu"
    /// User-supplied AMIs and user data, no bootstrap merging.
    case custom = "Custom"
    /// Windows Server 2019.
    case windows2019 = "Windows2019"
    /// Windows Server 2022.
    case windows2022 = "Windows2022"

    /// The lower-case spelling an alias uses (`al2023@latest`); nil for families without aliases.
    package var aliasName: String? {
        switch self {
        case .ubuntu, .custom: nil
        default: rawValue.lowercased()
        }
    }

    /// The family an alias names, e.g. `bottlerocket@v1.20.3` → `.bottlerocket`.
    package init?(alias: String) {
        let name = alias.split(separator: "@", maxSplits: 1).first.map(String.init) ?? alias
        guard let family = AMIFamily.allCases.first(where: { $0.aliasName == name.lowercased() }) else { return nil }
        self = family
    }

    /// True for the Windows families (only `@latest` aliases; no Gt/Lt tricks on build numbers).
    package var isWindows: Bool { self == .windows2019 || self == .windows2022 }
}

/// Instance-store handling.
package enum InstanceStorePolicy: String, Codable, Sendable, Hashable, CaseIterable {
    /// Stripe all local NVMe disks into one RAID-0 array used for ephemeral storage.
    case raid0 = "RAID0"
}
