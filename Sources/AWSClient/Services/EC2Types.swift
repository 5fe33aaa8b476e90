import Foundation

/// One instance type as DescribeInstanceTypes describes it (the fields the catalogue uses).
package struct EC2InstanceType: Codable, Sendable, Equatable {
    /// Name, e.g. `t3.medium`.
    package var instanceType: String
    /// Whether it is a current-generation type.
    package var currentGeneration: Bool?
    /// Whether it is bare metal.
    package var bareMetal: Bool?
    /// `nitro` or `xen`.
    package var hypervisor: String?
    /// `on-demand`, `spot`, `capacity-block`.
    @EC2ItemList package var supportedUsageClasses: [String]
    /// `hvm`, `paravirtual`.
    @EC2ItemList package var supportedVirtualizationTypes: [String]
    /// CPU architectures.
    package var processorInfo: ProcessorInfo
    /// vCPUs.
    package var vCpuInfo: VCPUInfo
    /// Memory.
    package var memoryInfo: MemoryInfo
    /// Network limits (ENIs, IPs per ENI).
    package var networkInfo: NetworkInfo?
    /// Whether local instance storage exists.
    package var instanceStorageSupported: Bool?
    /// Local instance storage.
    package var instanceStorageInfo: InstanceStorageInfo?
    /// GPUs.
    package var gpuInfo: GPUInfo?

    /// Processor facts.
    package struct ProcessorInfo: Codable, Sendable, Equatable {
        /// `x86_64`, `arm64`, `i386`, `x86_64_mac`.
        @EC2ItemList package var supportedArchitectures: [String]
        /// `Intel`, `AMD`, `AWS`.
        package var manufacturer: String?
    }

    /// vCPU facts.
    package struct VCPUInfo: Codable, Sendable, Equatable {
        /// vCPUs with default threads per core.
        package var defaultVCpus: Int
    }

    /// Memory facts.
    package struct MemoryInfo: Codable, Sendable, Equatable {
        /// Memory in MiB.
        package var sizeInMiB: Int
    }

    /// Network facts.
    package struct NetworkInfo: Codable, Sendable, Equatable {
        /// Maximum ENIs over all cards.
        package var maximumNetworkInterfaces: Int
        /// IPv4 addresses per ENI.
        package var ipv4AddressesPerInterface: Int
        /// Index of the default network card.
        package var defaultNetworkCardIndex: Int?
        /// Per-card ENI limits.
        @EC2ItemList package var networkCards: [NetworkCard]
        /// Whether EFA is supported.
        package var efaSupported: Bool?
        /// EFA limits.
        package var efaInfo: EFAInfo?
    }

    /// One network card.
    package struct NetworkCard: Codable, Sendable, Equatable {
        /// Card index.
        package var networkCardIndex: Int
        /// ENIs on this card.
        package var maximumNetworkInterfaces: Int
    }

    /// EFA limits.
    package struct EFAInfo: Codable, Sendable, Equatable {
        /// EFA interfaces.
        package var maximumEfaInterfaces: Int
    }

    /// Instance-store facts.
    package struct InstanceStorageInfo: Codable, Sendable, Equatable {
        /// Total local storage in GB.
        package var totalSizeInGB: Int
        /// `required`, `supported`, `unsupported`.
        package var nvmeSupport: String?
    }

    /// GPU facts.
    package struct GPUInfo: Codable, Sendable, Equatable {
        /// GPU models.
        @EC2ItemList package var gpus: [GPU]
    }

    /// One GPU model on the type.
    package struct GPU: Codable, Sendable, Equatable {
        /// Model name, e.g. `T4`.
        package var name: String
        /// `NVIDIA`, `AMD`.
        package var manufacturer: String
        /// How many.
        package var count: Int
    }
}

/// A (type, location) pair from DescribeInstanceTypeOfferings.
package struct InstanceTypeOffering: Codable, Sendable, Equatable, Hashable {
    /// Instance type.
    package var instanceType: String
    /// `region`, `availability-zone`, `availability-zone-id`.
    package var locationType: String?
    /// Zone (or region) name.
    package var location: String
}

/// One spot price sample.
package struct SpotPrice: Codable, Sendable, Equatable {
    /// Instance type.
    package var instanceType: String
    /// Zone.
    package var availabilityZone: String
    /// Price per hour in USD, as text.
    package var spotPrice: String
    /// Sample time.
    package var timestamp: String?
    /// e.g. `Linux/UNIX`.
    package var productDescription: String?

    /// The price as a number; nil when AWS sent something unparsable.
    package var price: Double? { Double(spotPrice) }
}

/// A subnet.
package struct Subnet: Codable, Sendable, Equatable {
    /// `subnet-…`.
    package var subnetId: String
    /// `vpc-…`.
    package var vpcId: String?
    /// Zone name.
    package var availabilityZone: String
    /// Zone ID, e.g. `use1-az1`.
    package var availabilityZoneId: String?
    /// Free IPv4 addresses.
    package var availableIpAddressCount: Int?
    /// CIDR.
    package var cidrBlock: String?
    /// Tags.
    @EC2ItemList package var tagSet: [EC2Tag]
}

/// A security group.
package struct SecurityGroup: Codable, Sendable, Equatable {
    /// `sg-…`.
    package var groupId: String
    /// Name.
    package var groupName: String
    /// VPC.
    package var vpcId: String?
    /// Tags.
    @EC2ItemList package var tagSet: [EC2Tag]
}

/// An AMI.
package struct Image: Codable, Sendable, Equatable {
    /// `ami-…`.
    package var imageId: String
    /// Name.
    package var name: String?
    /// `x86_64`, `arm64`.
    package var architecture: String?
    /// ISO 8601 creation time; the newest wins in AMI selection.
    package var creationDate: String?
    /// `available`, `pending`, …
    package var imageState: String?
    /// When the AMI is deprecated, if ever.
    package var deprecationTime: String?
    /// Tags.
    @EC2ItemList package var tagSet: [EC2Tag]
}

/// An availability zone.
package struct AvailabilityZone: Codable, Sendable, Equatable {
    /// e.g. `us-east-1a`.
    package var zoneName: String
    /// e.g. `use1-az1`.
    package var zoneId: String?
    /// `available`, …
    package var zoneState: String?
    /// Region.
    package var regionName: String?
}

/// A launch template.
package struct LaunchTemplate: Codable, Sendable, Equatable {
    /// `lt-…`.
    package var launchTemplateId: String
    /// Name, e.g. `karpenter.k8s.aws/123…`.
    package var launchTemplateName: String
    /// Default version.
    package var defaultVersionNumber: Int?
    /// Latest version.
    package var latestVersionNumber: Int?
    /// Tags.
    @EC2ItemList package var tags: [EC2Tag]
}

/// An instance from DescribeInstances.
package struct Instance: Codable, Sendable, Equatable {
    /// `i-…`.
    package var instanceId: String
    /// Type.
    package var instanceType: String
    /// AMI.
    package var imageId: String?
    /// Lifecycle state.
    package var instanceState: InstanceState
    /// Placement.
    package var placement: Placement?
    /// Private DNS name (the node name on EKS).
    package var privateDnsName: String?
    /// Launch time.
    package var launchTime: String?
    /// Subnet.
    package var subnetId: String?
    /// `spot` for spot instances; absent for on-demand.
    package var instanceLifecycle: String?
    /// Architecture.
    package var architecture: String?
    /// Tags.
    @EC2ItemList package var tagSet: [EC2Tag]

    /// Zone placement.
    package struct Placement: Codable, Sendable, Equatable {
        /// Zone.
        package var availabilityZone: String?
    }
}

/// An instance state (`pending`, `running`, `shutting-down`, `terminated`, `stopping`, `stopped`).
package struct InstanceState: Codable, Sendable, Equatable {
    /// Numeric code.
    package var code: Int?
    /// Name.
    package var name: String
}

/// One instance's transition from TerminateInstances.
package struct InstanceStateChange: Codable, Sendable, Equatable {
    /// `i-…`.
    package var instanceId: String
    /// State after the call.
    package var currentState: InstanceState
    /// State before the call.
    package var previousState: InstanceState
}
