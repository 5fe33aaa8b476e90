extension V1Beta1 {
    /// `karpenter.k8s.aws/v1beta1 EC2NodeClass`.
    package struct EC2NodeClass: KubeResource, Hashable {
        package static let resourceType = ResourceType(
            group: "karpenter.k8s.aws", version: "v1beta1", kind: "EC2NodeClass", plural: "ec2nodeclasses", namespaced: false)

        /// `karpenter.k8s.aws/v1beta1`.
        package var apiVersion: String
        /// `EC2NodeClass`.
        package var kind: String
        /// Object metadata.
        package var metadata: ObjectMeta
        /// Desired launch configuration.
        package var spec: EC2NodeClassSpec
        /// Resolved resources (same shape as v1).
        package var status: EC2NodeClassStatus?

        /// Creates a v1beta1 EC2NodeClass.
        package init(metadata: ObjectMeta, spec: EC2NodeClassSpec, status: EC2NodeClassStatus? = nil) {
            self.apiVersion = Self.resourceType.apiVersion
            self.kind = Self.resourceType.kind
            self.metadata = metadata
            self.spec = spec
            self.status = status
        }

        package init(from decoder: any Decoder) throws {
            let envelope = try ResourceEnvelope<EC2NodeClassSpec, EC2NodeClassStatus>(from: decoder)
            self.init(metadata: envelope.metadata, spec: try envelope.requiredSpec(), status: envelope.status)
            apiVersion = envelope.apiVersion ?? apiVersion
            kind = envelope.kind ?? kind
        }
    }

    /// `spec` of a v1beta1 EC2NodeClass: `amiFamily` required, no alias, no kubelet.
    package struct EC2NodeClassSpec: Codable, Sendable, Hashable {
        /// Which subnets to launch into.
        package var subnetSelectorTerms: [SubnetSelectorTerm]
        /// Which security groups to attach.
        package var securityGroupSelectorTerms: [SecurityGroupSelectorTerm]
        /// Whether instances get a public IP.
        package var associatePublicIPAddress: Bool?
        /// AMI selectors (id, or tags/name/owner); the family's defaults when absent.
        package var amiSelectorTerms: [AMISelectorTerm]?
        /// Bootstrap format (includes `Ubuntu`).
        package var amiFamily: AMIFamily?
        /// Extra user data.
        package var userData: String?
        /// IAM role for the managed instance profile.
        package var role: String?
        /// Existing instance profile.
        package var instanceProfile: String?
        /// Tags for launched resources.
        package var tags: [String: String]?
        /// EBS volumes.
        package var blockDeviceMappings: [BlockDeviceMapping]?
        /// Instance-store handling.
        package var instanceStorePolicy: InstanceStorePolicy?
        /// Detailed monitoring.
        package var detailedMonitoring: Bool?
        /// IMDS options.
        package var metadataOptions: MetadataOptions?
        /// CreateFleet context.
        package var context: String?

        /// Creates a spec.
        package init(
            subnetSelectorTerms: [SubnetSelectorTerm] = [], securityGroupSelectorTerms: [SecurityGroupSelectorTerm] = [],
            associatePublicIPAddress: Bool? = nil, amiSelectorTerms: [AMISelectorTerm]? = nil, amiFamily: AMIFamily? = nil,
            userData: String? = nil, role: String? = nil, instanceProfile: String? = nil, tags: [String: String]? = nil,
            blockDeviceMappings: [BlockDeviceMapping]? = nil, instanceStorePolicy: InstanceStorePolicy? = nil,
            detailedMonitoring: Bool? = nil, metadataOptions: MetadataOptions? = nil, context: String? = nil
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
            self.blockDeviceMappings = blockDeviceMappings
            self.instanceStorePolicy = instanceStorePolicy
            self.detailedMonitoring = detailedMonitoring
            self.metadataOptions = metadataOptions
            self.context = context
        }

        private enum CodingKeys: String, CodingKey {
            case subnetSelectorTerms, securityGroupSelectorTerms, associatePublicIPAddress, amiSelectorTerms, amiFamily
            case userData, role, instanceProfile, tags, blockDeviceMappings, instanceStorePolicy, detailedMonitoring
            case metadataOptions, context
        }

        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            subnetSelectorTerms = try container.decodeIfPresent([SubnetSelectorTerm].self, forKey: .subnetSelectorTerms) ?? []
            securityGroupSelectorTerms = try container.decodeIfPresent(
                [SecurityGroupSelectorTerm].self, forKey: .securityGroupSelectorTerms) ?? []
            associatePublicIPAddress = try container.decodeIfPresent(Bool.self, forKey: .associatePublicIPAddress)
            amiSelectorTerms = try container.decodeIfPresent([AMISelectorTerm].self, forKey: .amiSelectorTerms)
            amiFamily = try container.decodeIfPresent(AMIFamily.self, forKey: .amiFamily)
            userData = try container.decodeIfPresent(String.self, forKey: .userData)
            role = try container.decodeIfPresent(String.self, forKey: .role)
            instanceProfile = try container.decodeIfPresent(String.self, forKey: .instanceProfile)
            tags = try container.decodeIfPresent([String: String].self, forKey: .tags)
            blockDeviceMappings = try container.decodeIfPresent([BlockDeviceMapping].self, forKey: .blockDeviceMappings)
            instanceStorePolicy = try container.decodeIfPresent(InstanceStorePolicy.self, forKey: .instanceStorePolicy)
            detailedMonitoring = try container.decodeIfPresent(Bool.self, forKey: .detailedMonitoring)
            metadataOptions = try container.decodeIfPresent(MetadataOptions.self, forKey: .metadataOptions)
            context = try container.decodeIfPresent(String.self, forKey: .context)
        }
    }
}
