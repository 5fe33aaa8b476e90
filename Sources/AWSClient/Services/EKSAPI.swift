/// EKS DescribeCluster: API endpoint, CA, version and service CIDR of the cluster.
package protocol EKSAPI: Sendable {
    /// The cluster, or an `AWSError` with code `ResourceNotFoundException`.
    func describeCluster(name: String) async throws -> EKSCluster
}

/// The cluster facts Karpenter reads.
package struct EKSCluster: Sendable, Equatable, Codable {
    /// Name.
    package var name: String
    /// ARN.
    package var arn: String?
    /// Kubernetes version, e.g. `1.30`.
    package var version: String?
    /// API server URL.
    package var endpoint: String?
    /// `ACTIVE`, `CREATING`, …
    package var status: String?
    /// Base64 CA bundle.
    package var certificateAuthority: CertificateAuthority?
    /// Service CIDR and IP family.
    package var kubernetesNetworkConfig: NetworkConfig?

    /// The cluster CA.
    package struct CertificateAuthority: Sendable, Equatable, Codable {
        /// Base64 PEM.
        package var data: String?
    }

    /// Cluster networking.
    package struct NetworkConfig: Sendable, Equatable, Codable {
        /// IPv4 service CIDR.
        package var serviceIpv4Cidr: String?
        /// IPv6 service CIDR.
        package var serviceIpv6Cidr: String?
        /// `ipv4` or `ipv6`.
        package var ipFamily: String?
    }
}

/// EKS over REST-JSON.
package struct EKSClient: EKSAPI {
    private let rest: RESTJSONClient

    /// Creates the client.
    package init(configuration: AWSClientConfiguration) throws {
        rest = RESTJSONClient(client: try AWSServiceClient(service: .eks, configuration: configuration))
    }

    private struct Output: Decodable { let cluster: EKSCluster }

    /// GET `/clusters/{name}`.
    package func describeCluster(name: String) async throws -> EKSCluster {
        try await rest.call("DescribeCluster", method: "GET", pathSegments: ["clusters", name], as: Output.self,
                            idempotency: .idempotent).cluster
    }
}
