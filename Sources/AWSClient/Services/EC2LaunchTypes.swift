/// The parts of a launch template Karpenter sets (CreateLaunchTemplate's `LaunchTemplateData`).
package struct LaunchTemplateData: Sendable, Equatable {
    /// AMI.
    package var imageID: String
    /// Base64 user data.
    package var userData: String?
    /// Instance profile name.
    package var instanceProfileName: String?
    /// Security groups.
    package var securityGroupIDs: [String] = []
    /// Root and data volumes.
    package var blockDeviceMappings: [BlockDeviceMapping] = []
    /// IMDS settings.
    package var metadataOptions: MetadataOptions?
    /// Detailed monitoring.
    package var detailedMonitoring: Bool?
    /// Tags for instances and volumes launched from the template.
    package var tagSpecifications: [TagSpecification] = []

    /// Creates template data for `imageID`.
    package init(imageID: String) { self.imageID = imageID }

    /// Flattens into Query parameters below `LaunchTemplateData.`.
    var parameters: QueryParameters {
        var p = QueryParameters()
        p.set("ImageId", imageID)
        p.set("UserData", userData)
        p.set("IamInstanceProfile.Name", instanceProfileName)
        p.set("SecurityGroupId", list: securityGroupIDs)
        for (index, mapping) in blockDeviceMappings.enumerated() {
            let prefix = "BlockDeviceMapping.\(index + 1)"
            p.set("\(prefix).DeviceName", mapping.deviceName)
            p.set("\(prefix).Ebs.VolumeSize", mapping.volumeSizeGiB)
            p.set("\(prefix).Ebs.VolumeType", mapping.volumeType)
            p.set("\(prefix).Ebs.Encrypted", mapping.encrypted)
            p.set("\(prefix).Ebs.DeleteOnTermination", mapping.deleteOnTermination)
            p.set("\(prefix).Ebs.Iops", mapping.iops)
            p.set("\(prefix).Ebs.Throughput", mapping.throughput)
            p.set("\(prefix).Ebs.KmsKeyId", mapping.kmsKeyID)
        }
        if let options = metadataOptions {
            p.set("MetadataOptions.HttpEndpoint", options.httpEndpoint)
            p.set("MetadataOptions.HttpTokens", options.httpTokens)
            p.set("MetadataOptions.HttpPutResponseHopLimit", options.httpPutResponseHopLimit)
            p.set("MetadataOptions.HttpProtocolIpv6", options.httpProtocolIPv6)
            p.set("MetadataOptions.InstanceMetadataTags", options.instanceMetadataTags)
        }
        p.set("Monitoring.Enabled", detailedMonitoring)
        p.merge(TagSpecification.parameters(tagSpecifications, key: "TagSpecification"), prefix: "")
        return p
    }
}

/// One EBS volume of a launch template.
package struct BlockDeviceMapping: Sendable, Equatable {
    /// e.g. `/dev/xvda`.
    package var deviceName: String
    /// Size in GiB.
    package var volumeSizeGiB: Int?
    /// `gp3`, `gp2`, `io2`, …
    package var volumeType: String?
    /// Encryption.
    package var encrypted: Bool?
    /// Delete with the instance.
    package var deleteOnTermination: Bool?
    /// Provisioned IOPS.
    package var iops: Int?
    /// Throughput MiB/s (gp3).
    package var throughput: Int?
    /// KMS key.
    package var kmsKeyID: String?

    /// Creates a mapping.
    package init(deviceName: String, volumeSizeGiB: Int? = nil, volumeType: String? = nil, encrypted: Bool? = nil,
                 deleteOnTermination: Bool? = nil, iops: Int? = nil, throughput: Int? = nil, kmsKeyID: String? = nil) {
        self.deviceName = deviceName
        self.volumeSizeGiB = volumeSizeGiB
        self.volumeType = volumeType
        self.encrypted = encrypted
        self.deleteOnTermination = deleteOnTermination
        self.iops = iops
        self.throughput = throughput
        self.kmsKeyID = kmsKeyID
    }
}

/// Instance metadata service options.
package struct MetadataOptions: Sendable, Equatable {
    /// `enabled`/`disabled`.
    package var httpEndpoint: String?
    /// `required` (IMDSv2 only) or `optional`.
    package var httpTokens: String?
    /// Hop limit (2 lets pods reach IMDS through the node).
    package var httpPutResponseHopLimit: Int?
    /// `enabled`/`disabled`.
    package var httpProtocolIPv6: String?
    /// `enabled`/`disabled`.
    package var instanceMetadataTags: String?

    /// Creates options.
    package init(httpEndpoint: String? = nil, httpTokens: String? = nil, httpPutResponseHopLimit: Int? = nil,
                 httpProtocolIPv6: String? = nil, instanceMetadataTags: String? = nil) {
        self.httpEndpoint = httpEndpoint
        self.httpTokens = httpTokens
        self.httpPutResponseHopLimit = httpPutResponseHopLimit
        self.httpProtocolIPv6 = httpProtocolIPv6
        self.instanceMetadataTags = instanceMetadataTags
    }
}

/// Tags to put on resources of one type at creation.
package struct TagSpecification: Sendable, Equatable {
    /// `instance`, `volume`, `fleet`, `launch-template`, …
    package var resourceType: String
    /// The tags.
    package var tags: [EC2Tag]

    /// Creates a specification.
    package init(resourceType: String, tags: [EC2Tag]) {
        self.resourceType = resourceType
        self.tags = tags
    }

    /// Flattens specifications as `key.N.ResourceType`, `key.N.Tag.M.Key/Value`.
    static func parameters(_ specifications: [TagSpecification], key: String) -> QueryParameters {
        var p = QueryParameters()
        for (index, specification) in specifications.enumerated() {
            p.set("\(key).\(index + 1).ResourceType", specification.resourceType)
            for (tagIndex, tag) in specification.tags.enumerated() {
                p.set("\(key).\(index + 1).Tag.\(tagIndex + 1).Key", tag.key)
                p.set("\(key).\(index + 1).Tag.\(tagIndex + 1).Value", tag.value)
            }
        }
        return p
    }
}

/// A CreateFleet `instant` request for one node.
package struct CreateFleetRequest: Sendable, Equatable {
    /// One launch template with its (type × subnet) overrides.
    package struct LaunchTemplateConfig: Sendable, Equatable {
        /// Template name.
        package var launchTemplateName: String
        /// Overrides the fleet chooses between.
        package var overrides: [Override]

        /// Creates a config.
        package init(launchTemplateName: String, overrides: [Override]) {
            self.launchTemplateName = launchTemplateName
            self.overrides = overrides
        }
    }

    /// One (instance type, subnet) choice.
    package struct Override: Sendable, Equatable, Hashable {
        /// Type.
        package var instanceType: String
        /// Subnet.
        package var subnetID: String
        /// Zone of the subnet.
        package var availabilityZone: String?
        /// AMI, when it differs per override.
        package var imageID: String?
        /// Priority (lower first) for prioritized strategies.
        package var priority: Double?

        /// Creates an override.
        package init(instanceType: String, subnetID: String, availabilityZone: String? = nil, imageID: String? = nil, priority: Double? = nil) {
            self.instanceType = instanceType
            self.subnetID = subnetID
            self.availabilityZone = availabilityZone
            self.imageID = imageID
            self.priority = priority
        }
    }

    /// `spot` or `on-demand`.
    package var capacityType: String
    /// The templates and overrides.
    package var launchTemplateConfigs: [LaunchTemplateConfig]
    /// Tags for instance, volume and fleet.
    package var tagSpecifications: [TagSpecification]
    /// Idempotency token (AWS deduplicates retries carrying it).
    package var clientToken: String

    /// Creates a request.
    package init(capacityType: String, launchTemplateConfigs: [LaunchTemplateConfig], tagSpecifications: [TagSpecification], clientToken: String) {
        self.capacityType = capacityType
        self.launchTemplateConfigs = launchTemplateConfigs
        self.tagSpecifications = tagSpecifications
        self.clientToken = clientToken
    }

    /// The Query parameters (Type=instant, capacity 1, Karpenter's allocation strategies).
    var parameters: QueryParameters {
        var p = QueryParameters()
        p.set("Type", "instant")
        p.set("ClientToken", clientToken)
        p.set("TargetCapacitySpecification.TotalTargetCapacity", 1)
        p.set("TargetCapacitySpecification.DefaultTargetCapacityType", capacityType)
        if capacityType == "spot" {
            p.set("SpotOptions.AllocationStrategy", "price-capacity-optimized")
        } else {
            p.set("OnDemandOptions.AllocationStrategy", "lowest-price")
        }
        for (index, config) in launchTemplateConfigs.enumerated() {
            let prefix = "LaunchTemplateConfigs.\(index + 1)"
            p.set("\(prefix).LaunchTemplateSpecification.LaunchTemplateName", config.launchTemplateName)
            p.set("\(prefix).LaunchTemplateSpecification.Version", "$Latest")
            for (overrideIndex, override) in config.overrides.enumerated() {
                let o = "\(prefix).Overrides.\(overrideIndex + 1)"
                p.set("\(o).InstanceType", override.instanceType)
                p.set("\(o).SubnetId", override.subnetID)
                p.set("\(o).AvailabilityZone", override.availabilityZone)
                p.set("\(o).ImageId", override.imageID)
                p.set("\(o).Priority", override.priority.map { String($0) })
            }
        }
        p.merge(TagSpecification.parameters(tagSpecifications, key: "TagSpecification"), prefix: "")
        return p
    }
}

/// CreateFleet's answer: launched instances and per-override errors (capacity errors feed the
/// unavailable-offerings cache).
package struct CreateFleetResult: Codable, Sendable, Equatable {
    /// Fleet ID.
    package var fleetId: String?
    /// Launched instances.
    @EC2ItemList package var fleetInstanceSet: [FleetInstances]
    /// Errors per override.
    @EC2ItemList package var errorSet: [FleetError]

    /// Instances launched for one override.
    package struct FleetInstances: Codable, Sendable, Equatable {
        /// Instance IDs.
        @EC2ItemList package var instanceIds: [String]
        /// Type.
        package var instanceType: String?
        /// `spot` / `on-demand`.
        package var lifecycle: String?
        /// Which override was used.
        package var launchTemplateAndOverrides: LaunchTemplateAndOverrides?
    }

    /// An error for one override, e.g. `InsufficientInstanceCapacity`.
    package struct FleetError: Codable, Sendable, Equatable {
        /// Error code.
        package var errorCode: String
        /// Message.
        package var errorMessage: String?
        /// `spot` / `on-demand`.
        package var lifecycle: String?
        /// Which override failed.
        package var launchTemplateAndOverrides: LaunchTemplateAndOverrides?
    }

    /// Which template and override an entry refers to.
    package struct LaunchTemplateAndOverrides: Codable, Sendable, Equatable {
        /// The override.
        package var overrides: OverrideInfo?
    }

    /// The override as echoed by AWS.
    package struct OverrideInfo: Codable, Sendable, Equatable {
        /// Type.
        package var instanceType: String?
        /// Subnet.
        package var subnetId: String?
        /// Zone.
        package var availabilityZone: String?
    }
}
