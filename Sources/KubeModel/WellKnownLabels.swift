/// Label keys, annotations, finalizers and taint keys that Karpenter and Kubernetes give meaning to.
/// Kept in one place so that every controller, the solver and the CRD validation agree on spelling.
package enum WellKnownLabels {
    /// Name of the NodePool that owns a NodeClaim or Node.
    package static let nodePool = "karpenter.sh/nodepool"
    /// `spot` or `on-demand`: the offering dimension users select on.
    package static let capacityType = "karpenter.sh/capacity-type"
    /// EC2 instance type, e.g. `t3.medium`.
    package static let instanceType = "node.kubernetes.io/instance-type"
    /// Availability zone.
    package static let zone = "topology.kubernetes.io/zone"
    /// AWS region.
    package static let region = "topology.kubernetes.io/region"
    /// CPU architecture: `amd64` or `arm64`.
    package static let arch = "kubernetes.io/arch"
    /// Operating system: `linux` or `windows`.
    package static let os = "kubernetes.io/os"
    /// Node name label, restricted for users.
    package static let hostname = "kubernetes.io/hostname"
    /// Windows build number.
    package static let windowsBuild = "node.kubernetes.io/windows-build"
    /// Zone ID from the subnet, e.g. `use1-az1`.
    package static let zoneID = "topology.k8s.aws/zone-id"
    /// EC2NodeClass name.
    package static let ec2NodeClass = "karpenter.k8s.aws/ec2nodeclass"
    /// Set on a Node once Karpenter has registered it.
    package static let registered = "karpenter.sh/registered"
    /// Set on a Node once Karpenter has initialized it.
    package static let initialized = "karpenter.sh/initialized"

    /// Labels from the `karpenter.k8s.aws` domain that users may select on.
    package static let awsInstanceLabels: Set<String> = [
        "karpenter.k8s.aws/instance-category", "karpenter.k8s.aws/instance-family",
        "karpenter.k8s.aws/instance-generation", "karpenter.k8s.aws/instance-size",
        "karpenter.k8s.aws/instance-cpu", "karpenter.k8s.aws/instance-cpu-manufacturer",
        "karpenter.k8s.aws/instance-cpu-sustained-clock-speed-mhz",
        "karpenter.k8s.aws/instance-memory", "karpenter.k8s.aws/instance-ebs-bandwidth",
        "karpenter.k8s.aws/instance-network-bandwidth", "karpenter.k8s.aws/instance-hypervisor",
        "karpenter.k8s.aws/instance-encryption-in-transit-supported",
        "karpenter.k8s.aws/instance-local-nvme", "karpenter.k8s.aws/instance-gpu-name",
        "karpenter.k8s.aws/instance-gpu-manufacturer", "karpenter.k8s.aws/instance-gpu-count",
        "karpenter.k8s.aws/instance-gpu-memory", "karpenter.k8s.aws/instance-accelerator-name",
        "karpenter.k8s.aws/instance-accelerator-manufacturer",
        "karpenter.k8s.aws/instance-accelerator-count", "karpenter.k8s.aws/instance-tenancy",
        "karpenter.k8s.aws/instance-capability-flex",
    ]

    /// Keys that are well known: a requirement on one of them is allowed even when a NodePool does
    /// not define it, because the cloud provider fills it in at launch.
    package static let wellKnown: Set<String> = awsInstanceLabels.union([
        nodePool, capacityType, instanceType, zone, region, arch, os, windowsBuild, zoneID, ec2NodeClass,
    ])

    /// Deprecated beta keys and the keys they normalise to.
    package static let normalized: [String: String] = [
        "failure-domain.beta.kubernetes.io/zone": zone,
        "failure-domain.beta.kubernetes.io/region": region,
        "beta.kubernetes.io/arch": arch,
        "beta.kubernetes.io/os": os,
        "beta.kubernetes.io/instance-type": instanceType,
    ]

    /// Returns the current key for a possibly deprecated beta label key.
    package static func normalize(_ key: String) -> String { normalized[key] ?? key }
}

/// Annotation keys Karpenter reads or writes.
package enum WellKnownAnnotations {
    /// `"true"` on a pod or node blocks voluntary disruption.
    package static let doNotDisrupt = "karpenter.sh/do-not-disrupt"
    /// Hash of the NodePool template, for static drift.
    package static let nodePoolHash = "karpenter.sh/nodepool-hash"
    /// Version of the NodePool hash algorithm.
    package static let nodePoolHashVersion = "karpenter.sh/nodepool-hash-version"
    /// Hash of the EC2NodeClass spec, for static drift.
    package static let nodeClassHash = "karpenter.k8s.aws/ec2nodeclass-hash"
    /// Version of the EC2NodeClass hash algorithm.
    package static let nodeClassHashVersion = "karpenter.k8s.aws/ec2nodeclass-hash-version"
    /// RFC 3339 deadline after which a NodeClaim's drain is forced.
    package static let terminationTimestamp = "karpenter.sh/nodeclaim-termination-timestamp"
    /// v1beta1 NodePool kubelet block, kept as JSON across conversion to v1.
    package static let v1beta1KubeletConversion = "compatibility.karpenter.sh/v1beta1-kubelet-conversion"
    /// v1beta1 nodeClassRef, kept as JSON across conversion to v1.
    package static let v1beta1NodeClassReference = "compatibility.karpenter.sh/v1beta1-nodeclass-reference"
    /// Stored-version migration marker.
    package static let storedVersionMigrated = "karpenter.sh/stored-version-migrated"
}

/// Finalizers and taint keys Karpenter owns.
package enum WellKnownFinalizers {
    /// On NodeClaims and Nodes: cloud instance must be terminated before the object goes.
    package static let termination = "karpenter.sh/termination"
    /// On EC2NodeClasses: launch templates and instance profile are cleaned up first.
    package static let nodeClassTermination = "karpenter.k8s.aws/termination"
}
