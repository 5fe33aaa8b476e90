/// The AWS services this client talks to, with the facts needed to reach and sign for each.
package enum AWSService: String, Sendable, CaseIterable {
    case ec2, ssm, pricing, sqs, sts, iam, eks

    /// The service name in the SigV4 credential scope.
    package var signingName: String {
        switch self {
        case .pricing: "pricing"
        default: rawValue
        }
    }

    /// The suffix of `AWS_ENDPOINT_URL_<ID>`: the service ID upper-cased with spaces as underscores.
    package var environmentID: String { rawValue.uppercased() }

    /// True for services with one global endpoint per partition (signed in the partition's home region).
    package var isGlobal: Bool { self == .iam }
}

/// An AWS partition: a set of regions sharing a DNS suffix and credentials realm.
package enum AWSPartition: String, Sendable {
    case aws, awsCN = "aws-cn", awsUSGov = "aws-us-gov"

    /// The partition a region belongs to, from its name prefix.
    package init(region: String) {
        if region.hasPrefix("cn-") {
            self = .awsCN
        } else if region.hasPrefix("us-gov-") {
            self = .awsUSGov
        } else {
            self = .aws
        }
    }

    /// The DNS suffix of regional endpoints.
    package var dnsSuffix: String { self == .awsCN ? "amazonaws.com.cn" : "amazonaws.com" }
}
