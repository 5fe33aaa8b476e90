/// One subnet selector: `tags` (all must match; `*` matches any value) or an `id`.
package struct SubnetSelectorTerm: Codable, Sendable, Hashable {
    /// Tags that must all be present.
    package var tags: [String: String]?
    /// Subnet ID, e.g. `subnet-0123abcd`.
    package var id: String?

    /// Creates a term.
    package init(tags: [String: String]? = nil, id: String? = nil) {
        self.tags = tags
        self.id = id
    }
}

/// One security-group selector: `tags`, an `id` or a `name` (mutually exclusive).
package struct SecurityGroupSelectorTerm: Codable, Sendable, Hashable {
    /// Tags that must all be present.
    package var tags: [String: String]?
    /// Security group ID, e.g. `sg-0123abcd`.
    package var id: String?
    /// Security group name.
    package var name: String?

    /// Creates a term.
    package init(tags: [String: String]? = nil, id: String? = nil, name: String? = nil) {
        self.tags = tags
        self.id = id
        self.name = name
    }
}

/// One AMI selector: an `alias` (`al2023@latest`, v1 only, must be the only term), an `id`, or
/// `tags`/`name`/`owner` together.
package struct AMISelectorTerm: Codable, Sendable, Hashable {
    /// `family@version`, e.g. `al2@latest` or `bottlerocket@v1.20.3`.
    package var alias: String?
    /// Tags that must all be present.
    package var tags: [String: String]?
    /// AMI ID, e.g. `ami-09c00c2e93ce7bd23`.
    package var id: String?
    /// AMI name (wildcards allowed).
    package var name: String?
    /// Owner account ID or alias (`self`, `amazon`).
    package var owner: String?

    /// Creates a term.
    package init(alias: String? = nil, tags: [String: String]? = nil, id: String? = nil, name: String? = nil, owner: String? = nil) {
        self.alias = alias
        self.tags = tags
        self.id = id
        self.name = name
        self.owner = owner
    }
}

/// One EBS volume attachment.
package struct BlockDeviceMapping: Codable, Sendable, Hashable {
    /// Device name, e.g. `/dev/xvda`.
    package var deviceName: String?
    /// The EBS volume.
    package var ebs: BlockDevice?
    /// Whether this is the root volume whose size counts as ephemeral storage (at most one).
    package var rootVolume: Bool?

    /// Creates a mapping.
    package init(deviceName: String? = nil, ebs: BlockDevice? = nil, rootVolume: Bool? = nil) {
        self.deviceName = deviceName
        self.ebs = ebs
        self.rootVolume = rootVolume
    }
}

/// EBS volume settings.
package struct BlockDevice: Codable, Sendable, Hashable {
    /// Delete the volume with the instance.
    package var deleteOnTermination: Bool?
    /// Encrypt the volume.
    package var encrypted: Bool?
    /// Provisioned IOPS (io1, io2, gp3).
    package var iops: Int64?
    /// KMS key for encryption.
    package var kmsKeyID: String?
    /// Snapshot to create the volume from.
    package var snapshotID: String?
    /// Throughput in MiB/s (gp3).
    package var throughput: Int64?
    /// Size, e.g. `20Gi` (at most 64Ti).
    package var volumeSize: Quantity?
    /// `standard`, `io1`, `io2`, `gp2`, `sc1`, `st1` or `gp3`.
    package var volumeType: String?

    /// Creates a block device.
    package init(
        deleteOnTermination: Bool? = nil, encrypted: Bool? = nil, iops: Int64? = nil, kmsKeyID: String? = nil,
        snapshotID: String? = nil, throughput: Int64? = nil, volumeSize: Quantity? = nil, volumeType: String? = nil
    ) {
        self.deleteOnTermination = deleteOnTermination
        self.encrypted = encrypted
        self.iops = iops
        self.kmsKeyID = kmsKeyID
        self.snapshotID = snapshotID
        self.throughput = throughput
        self.volumeSize = volumeSize
        self.volumeType = volumeType
    }

    /// EBS volume types EC2 accepts.
    package static let volumeTypes: [String] = ["standard", "io1", "io2", "gp2", "sc1", "st1", "gp3"]
}

/// Instance metadata service (IMDS) options.
package struct MetadataOptions: Codable, Sendable, Hashable {
    /// `enabled` or `disabled`. Default `enabled`.
    package var httpEndpoint: String?
    /// `enabled` or `disabled`. Default `disabled`.
    package var httpProtocolIPv6: String?
    /// 1...64. Default 1 (pods cannot reach IMDS through the node).
    package var httpPutResponseHopLimit: Int64?
    /// `required` (IMDSv2 only) or `optional`. Default `required`.
    package var httpTokens: String?

    /// Creates metadata options.
    package init(httpEndpoint: String? = nil, httpProtocolIPv6: String? = nil, httpPutResponseHopLimit: Int64? = nil, httpTokens: String? = nil) {
        self.httpEndpoint = httpEndpoint
        self.httpProtocolIPv6 = httpProtocolIPv6
        self.httpPutResponseHopLimit = httpPutResponseHopLimit
        self.httpTokens = httpTokens
    }

    /// Upstream's defaults: IMDS on, IPv6 off, hop limit 1, IMDSv2 required.
    package static let defaults = MetadataOptions(
        httpEndpoint: "enabled", httpProtocolIPv6: "disabled", httpPutResponseHopLimit: 1, httpTokens: "required")
}
