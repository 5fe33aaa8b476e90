/// `status` of an EC2NodeClass (same shape in v1 and v1beta1).
package struct EC2NodeClassStatus: Codable, Sendable, Hashable {
    /// Subnets the selector resolved to.
    package var subnets: [SubnetStatus]?
    /// Security groups the selector resolved to.
    package var securityGroups: [SecurityGroupStatus]?
    /// AMIs the selector resolved to, with the requirements each applies to.
    package var amis: [AMIStatus]?
    /// Instance profile in use.
    package var instanceProfile: String?
    /// `Ready` = AMIsReady ∧ SubnetsReady ∧ SecurityGroupsReady ∧ InstanceProfileReady.
    package var conditions: [Condition]?

    /// Creates a status; every field defaults to absent.
    package init(
        subnets: [SubnetStatus]? = nil, securityGroups: [SecurityGroupStatus]? = nil, amis: [AMIStatus]? = nil,
        instanceProfile: String? = nil, conditions: [Condition]? = nil
    ) {
        self.subnets = subnets
        self.securityGroups = securityGroups
        self.amis = amis
        self.instanceProfile = instanceProfile
        self.conditions = conditions
    }
}

/// A resolved subnet.
package struct SubnetStatus: Codable, Sendable, Hashable {
    /// Subnet ID.
    package var id: String
    /// Availability zone name.
    package var zone: String
    /// Availability zone ID, e.g. `use1-az1`.
    package var zoneID: String?

    /// Creates a subnet status.
    package init(id: String, zone: String, zoneID: String? = nil) {
        self.id = id
        self.zone = zone
        self.zoneID = zoneID
    }
}

/// A resolved security group.
package struct SecurityGroupStatus: Codable, Sendable, Hashable {
    /// Security group ID.
    package var id: String
    /// Security group name.
    package var name: String?

    /// Creates a security group status.
    package init(id: String, name: String? = nil) {
        self.id = id
        self.name = name
    }
}

/// A resolved AMI and the node requirements (arch, GPU, ...) it serves.
package struct AMIStatus: Codable, Sendable, Hashable {
    /// AMI ID.
    package var id: String
    /// AMI name.
    package var name: String?
    /// Requirements an instance type must meet to use this AMI.
    package var requirements: [NodeSelectorRequirement]
    /// Whether the AMI is deprecated.
    package var deprecated: Bool?

    /// Creates an AMI status.
    package init(id: String, name: String? = nil, requirements: [NodeSelectorRequirement] = [], deprecated: Bool? = nil) {
        self.id = id
        self.name = name
        self.requirements = requirements
        self.deprecated = deprecated
    }
}

/// Condition types an EC2NodeClass reports.
package enum EC2NodeClassConditionType {
    /// Root condition.
    package static let ready = "Ready"
    /// At least one AMI resolved.
    package static let amisReady = "AMIsReady"
    /// At least one subnet resolved.
    package static let subnetsReady = "SubnetsReady"
    /// At least one security group resolved.
    package static let securityGroupsReady = "SecurityGroupsReady"
    /// The instance profile exists.
    package static let instanceProfileReady = "InstanceProfileReady"
}
