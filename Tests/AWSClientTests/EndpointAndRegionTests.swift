import AWSClient
import Foundation
import Testing

@Suite struct EndpointAndRegionTests {
    struct EndpointCase: CustomTestStringConvertible, Sendable {
        let service: AWSService
        let region: String
        let environment: [String: String]
        let url: String
        let signingRegion: String
        var testDescription: String { "\(service) in \(region)\(environment.isEmpty ? "" : " with override")" }
    }

    @Test(arguments: [
        EndpointCase(service: .ec2, region: "us-west-2", environment: [:], url: "https://ec2.us-west-2.amazonaws.com", signingRegion: "us-west-2"),
        EndpointCase(service: .ec2, region: "cn-north-1", environment: [:], url: "https://ec2.cn-north-1.amazonaws.com.cn", signingRegion: "cn-north-1"),
        EndpointCase(service: .sts, region: "us-gov-west-1", environment: [:], url: "https://sts.us-gov-west-1.amazonaws.com", signingRegion: "us-gov-west-1"),
        EndpointCase(service: .iam, region: "eu-west-1", environment: [:], url: "https://iam.amazonaws.com", signingRegion: "us-east-1"),
        EndpointCase(service: .iam, region: "cn-northwest-1", environment: [:], url: "https://iam.cn-north-1.amazonaws.com.cn", signingRegion: "cn-north-1"),
        EndpointCase(service: .iam, region: "us-gov-east-1", environment: [:], url: "https://iam.us-gov.amazonaws.com", signingRegion: "us-gov-west-1"),
        EndpointCase(service: .pricing, region: "ap-northeast-2", environment: [:], url: "https://api.pricing.ap-south-1.amazonaws.com", signingRegion: "ap-south-1"),
        EndpointCase(service: .pricing, region: "eu-west-3", environment: [:], url: "https://api.pricing.eu-central-1.amazonaws.com", signingRegion: "eu-central-1"),
        EndpointCase(service: .pricing, region: "cn-north-1", environment: [:], url: "https://api.pricing.cn-northwest-1.amazonaws.com.cn", signingRegion: "cn-northwest-1"),
        EndpointCase(service: .eks, region: "ap-northeast-2", environment: [:], url: "https://eks.ap-northeast-2.amazonaws.com", signingRegion: "ap-northeast-2"),
        EndpointCase(service: .ec2, region: "us-east-1", environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:5000"], url: "http://127.0.0.1:5000", signingRegion: "us-east-1"),
        EndpointCase(service: .ec2, region: "us-east-1", environment: ["AWS_ENDPOINT_URL": "http://a:1", "AWS_ENDPOINT_URL_EC2": "http://b:2"], url: "http://b:2", signingRegion: "us-east-1"),
        EndpointCase(service: .sqs, region: "us-east-1", environment: ["AWS_ENDPOINT_URL_EC2": "http://b:2"], url: "https://sqs.us-east-1.amazonaws.com", signingRegion: "us-east-1"),
    ])
    func endpointResolution(_ sample: EndpointCase) throws {
        let endpoint = try AWSEndpoint.resolve(service: sample.service, region: sample.region, environment: sample.environment)
        #expect(endpoint.url.absoluteString == sample.url)
        #expect(endpoint.signingRegion == sample.signingRegion)
    }

    @Test func badOverrideNamesTheVariable() {
        #expect(throws: AWSEndpoint.ResolutionError.invalidOverride(variable: "AWS_ENDPOINT_URL_SSM", value: "localhost")) {
            try AWSEndpoint.resolve(service: .ssm, region: "us-east-1", environment: ["AWS_ENDPOINT_URL_SSM": "localhost"])
        }
    }

    @Test func regionOrder() async throws {
        let imds = IMDSClient(environment: CredentialChainTests.environment(), transport: FakeMetadataTransport())
        let both = CredentialChainTests.environment(["AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "us-east-2"])
        #expect(try await RegionResolver.resolve(environment: both, imds: imds) == ("eu-west-1", "AWS_REGION"))
        let fallback = CredentialChainTests.environment(["AWS_DEFAULT_REGION": "us-east-2"])
        #expect(try await RegionResolver.resolve(environment: fallback, imds: imds) == ("us-east-2", "AWS_DEFAULT_REGION"))
        #expect(try await RegionResolver.resolve(environment: CredentialChainTests.environment(), imds: imds) == ("ap-southeast-2", "IMDS"))
        let disabled = CredentialChainTests.environment(["AWS_EC2_METADATA_DISABLED": "true"])
        await #expect(throws: RegionResolver.NotFound.self) {
            try await RegionResolver.resolve(environment: disabled, imds: IMDSClient(environment: disabled, transport: FakeMetadataTransport()))
        }
    }
}
