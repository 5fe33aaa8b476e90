import CurlTransport
import AWSClient
import Foundation
import HTTPCore
import TestSupport
import Testing

/// `karpenter aws whoami` / `instance-types` logic: explanations of each failure (unit), and the
/// whole flow against moto (integration, inside the serialized moto tree).
@Suite struct AWSDiagnosticsTests {
    @Test func missingCredentialsSaysWhereItLooked() async {
        let env = CredentialChainTests.environment(["AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true"])
        let error = await #expect(throws: AWSDiagnostics.Failure.self) {
            try await AWSDiagnostics(environment: env, transport: FakeAWSTransport()).whoami()
        }
        #expect(error?.description.hasPrefix("no AWS credentials found; looked in: environment") == true)
    }

    @Test func missingRegionNamesTheSettings() async {
        let env = CredentialChainTests.environment(["AWS_EC2_METADATA_DISABLED": "true"])
        let error = await #expect(throws: AWSDiagnostics.Failure.self) {
            try await AWSDiagnostics(environment: env, transport: FakeAWSTransport()).whoami()
        }
        #expect(error?.description.contains("set AWS_REGION") == true)
    }

    @Test func unreachableEndpoint() async {
        let env = CredentialChainTests.environment(["AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "AKIA", "AWS_SECRET_ACCESS_KEY": "s3cr3t-value"])
        let failing = FailingTransport(failures: Array(repeating: .connectionFailed(host: "sts.us-east-1.amazonaws.com", detail: "refused"), count: 3))
        let error = await #expect(throws: AWSDiagnostics.Failure.self) {
            try await AWSDiagnostics(environment: env, transport: failing).whoami()
        }
        #expect(error?.description.hasPrefix("cannot reach the AWS endpoint for STS GetCallerIdentity") == true)
        #expect(error?.description.contains("s3cr3t-value") == false)
    }

    @Test func tableShowsAllocatableAndPrices() throws {
        var info = InstanceTypeCapacity().info(for: try InstanceTypeCapacityTests.type())
        info.offerings = [InstanceTypeOfferingInfo(zone: "us-east-1a", capacityType: "spot", price: 0.0125),
                          InstanceTypeOfferingInfo(zone: "us-east-1b", capacityType: "on-demand", price: nil)]
        let table = InstanceTypeTable.text([info])
        let lines = table.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[1].split(separator: " ", omittingEmptySubsequences: true) ==
                ["t3.medium", "amd64", "2", "4096Mi", "17", "1930m", "3246Mi", "us-east-1a,us-east-1b", "0.0125", "-"])
        let json = try InstanceTypeTable.json([info])
        #expect(json.contains("\"name\" : \"t3.medium\""))
    }
}

extension AWSMotoIntegrationTests {
    @Suite struct Diagnostics {
        @Test func whoamiAgainstMotoWithEnvironmentAndWithWrongSecret() async throws {
            let fixture = try await MotoFixture.make()
            var variables = ["AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": fixture.server.url.absoluteString,
                             "AWS_ACCESS_KEY_ID": fixture.account.accessKeyID, "AWS_SECRET_ACCESS_KEY": fixture.account.secretAccessKey.reveal(),
                             "AWS_EC2_METADATA_DISABLED": "true"]
            let identity = try await AWSDiagnostics(environment: CredentialChainTests.environment(variables), transport: try CurlTransport()).whoami()
            #expect(identity.credentialSource == "environment")
            #expect(identity.accessKeyID == fixture.account.accessKeyID)
            #expect(identity.account == "123456789012")
            #expect(identity.arn == "arn:aws:iam::123456789012:user/karpenter-test")
            #expect(identity.region == "us-east-1")
            #expect(identity.regionSource == "AWS_REGION")
            variables["AWS_SECRET_ACCESS_KEY"] = "definitely-wrong-secret"
            let error = await #expect(throws: AWSDiagnostics.Failure.self) {
                try await AWSDiagnostics(environment: CredentialChainTests.environment(variables), transport: try CurlTransport()).whoami()
            }
            #expect(error?.description.hasPrefix("AWS rejected the credentials from environment") == true)
            #expect(error?.description.contains("definitely-wrong-secret") == false)
        }
    }
}
