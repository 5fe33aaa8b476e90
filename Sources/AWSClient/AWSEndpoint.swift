import Foundation

/// Where to send a service's requests and which region to sign them for.
package struct AWSEndpoint: Sendable, Equatable {
    /// Base URL (scheme, host, optional port); request paths are appended to it.
    package var url: URL
    /// The region in the SigV4 credential scope.
    package var signingRegion: String

    /// Creates an endpoint.
    package init(url: URL, signingRegion: String) {
        self.url = url
        self.signingRegion = signingRegion
    }

    /// Why no endpoint could be built.
    package enum ResolutionError: Error, Sendable, Equatable, CustomStringConvertible {
        /// An `AWS_ENDPOINT_URL*` variable holds something that is not an absolute http(s) URL.
        case invalidOverride(variable: String, value: String)
        /// The region name cannot form a host name.
        case invalidRegion(String)

        /// What is wrong and which setting to fix.
        package var description: String {
            switch self {
            case let .invalidOverride(variable, value): "\(variable)=\(value) is not an absolute http(s) URL"
            case let .invalidRegion(region): "region \"\(region)\" is not a valid AWS region name"
            }
        }
    }

    /// Resolves the endpoint as the SDKs do: `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`, then
    /// the partition's standard host for the region. Pricing lives only in a few regions, so its region
    /// is mapped first (see ``pricingRegion(for:)``); IAM is global per partition.
    package static func resolve(
        service: AWSService, region: String, environment: [String: String]
    ) throws(ResolutionError) -> AWSEndpoint {
        let signingRegion = service == .pricing ? pricingRegion(for: region) : globalSigningRegion(service, region)
        for variable in ["AWS_ENDPOINT_URL_\(service.environmentID)", "AWS_ENDPOINT_URL"] {
            guard let value = environment[variable], !value.isEmpty else { continue }
            guard let url = URL(string: value), let scheme = url.scheme, ["http", "https"].contains(scheme),
                  url.host != nil
            else { throw .invalidOverride(variable: variable, value: value) }
            return AWSEndpoint(url: url, signingRegion: signingRegion)
        }
        guard !region.isEmpty, region.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw .invalidRegion(region)
        }
        let partition = AWSPartition(region: region)
        let host: String
        switch service {
        case .iam:
            host = switch partition {
            case .aws: "iam.amazonaws.com"
            case .awsCN: "iam.cn-north-1.amazonaws.com.cn"
            case .awsUSGov: "iam.us-gov.amazonaws.com"
            }
        case .pricing:
            host = "api.pricing.\(signingRegion).\(partition.dnsSuffix)"
        default:
            host = "\(service.rawValue).\(region).\(partition.dnsSuffix)"
        }
        guard let url = URL(string: "https://\(host)") else { throw .invalidRegion(region) }
        return AWSEndpoint(url: url, signingRegion: signingRegion)
    }

    /// The Pricing API region serving `region`: `ap-south-1` for Asia Pacific, `eu-central-1` for
    /// Europe, `cn-northwest-1` for China, `us-east-1` otherwise (as upstream Karpenter chooses).
    package static func pricingRegion(for region: String) -> String {
        if region.hasPrefix("ap-") { return "ap-south-1" }
        if region.hasPrefix("eu-") { return "eu-central-1" }
        if region.hasPrefix("cn-") { return "cn-northwest-1" }
        return "us-east-1"
    }

    private static func globalSigningRegion(_ service: AWSService, _ region: String) -> String {
        guard service.isGlobal else { return region }
        return switch AWSPartition(region: region) {
        case .aws: "us-east-1"
        case .awsCN: "cn-north-1"
        case .awsUSGov: "us-gov-west-1"
        }
    }
}
