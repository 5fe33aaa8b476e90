import AWSClient
import Foundation
import HTTPCore
import Testing

extension AWSMotoIntegrationTests {
    /// Every call moto implements is refused with a wrong secret: EC2 with 401 AuthFailure, the other
    /// services with 403 SignatureDoesNotMatch. (EKS DescribeCluster is a bodiless GET moto cannot
    /// verify even for botocore; its signing is covered by the botocore differential test.)
    @Suite struct WrongSecret {
        @Test func everyCallIsRejected() async throws {
            let fixture = try await MotoFixture.make()
            let configuration = fixture.configuration(credentials: fixture.wrongCredentials)
            let ec2 = try EC2Client(configuration: configuration)
            let iam = try IAMClient(configuration: configuration)
            let ssm = try SSMClient(configuration: configuration)
            let sqs = try SQSClient(configuration: configuration)
            let sts = try STSClient(configuration: configuration)
            let tags = [EC2Tag(key: "k", value: "v")]
            let fleet = CreateFleetRequest(capacityType: "spot", launchTemplateConfigs: [.init(launchTemplateName: "lt", overrides: [.init(instanceType: "t3.medium", subnetID: "subnet-1")])],
                                           tagSpecifications: [], clientToken: "t")
            let calls: [(String, String, () async throws -> Void)] = [
                ("ec2", "DescribeInstanceTypes", { _ = try await ec2.describeInstanceTypes(names: ["t3.medium"], filters: []) }),
                ("ec2", "DescribeInstanceTypeOfferings", { _ = try await ec2.describeInstanceTypeOfferings(locationType: "availability-zone", filters: []) }),
                ("ec2", "DescribeSpotPriceHistory", { _ = try await ec2.describeSpotPriceHistory(instanceTypes: ["t3.medium"], productDescriptions: ["Linux/UNIX"], startTime: nil) }),
                ("ec2", "DescribeSubnets", { _ = try await ec2.describeSubnets(ids: [], filters: []) }),
                ("ec2", "DescribeSecurityGroups", { _ = try await ec2.describeSecurityGroups(ids: [], filters: []) }),
                ("ec2", "DescribeImages", { _ = try await ec2.describeImages(ids: [], owners: ["amazon"], filters: []) }),
                ("ec2", "DescribeAvailabilityZones", { _ = try await ec2.describeAvailabilityZones() }),
                ("ec2", "CreateLaunchTemplate", { _ = try await ec2.createLaunchTemplate(name: "lt", data: LaunchTemplateData(imageID: "ami-1"), tags: tags, clientToken: "t") }),
                ("ec2", "DescribeLaunchTemplates", { _ = try await ec2.describeLaunchTemplates(names: [], filters: []) }),
                ("ec2", "DeleteLaunchTemplate", { _ = try await ec2.deleteLaunchTemplate(name: "lt") }),
                ("ec2", "CreateFleet", { _ = try await ec2.createFleet(fleet) }),
                ("ec2", "RunInstances", { _ = try await ec2.runInstancesDryRun(launchTemplateName: "lt", instanceType: "t3.medium", subnetID: "subnet-1") }),
                ("ec2", "DescribeInstances", { _ = try await ec2.describeInstances(ids: [], filters: []) }),
                ("ec2", "TerminateInstances", { _ = try await ec2.terminateInstances(ids: ["i-0123456789abcdef0"]) }),
                ("ec2", "CreateTags", { try await ec2.createTags(resources: ["subnet-1"], tags: tags) }),
                ("iam", "GetInstanceProfile", { _ = try await iam.getInstanceProfile(name: "p") }),
                ("iam", "CreateInstanceProfile", { _ = try await iam.createInstanceProfile(name: "p", path: "/", tags: tags) }),
                ("iam", "DeleteInstanceProfile", { try await iam.deleteInstanceProfile(name: "p") }),
                ("iam", "AddRoleToInstanceProfile", { try await iam.addRoleToInstanceProfile(profileName: "p", roleName: "r") }),
                ("iam", "RemoveRoleFromInstanceProfile", { try await iam.removeRoleFromInstanceProfile(profileName: "p", roleName: "r") }),
                ("iam", "TagInstanceProfile", { try await iam.tagInstanceProfile(name: "p", tags: tags) }),
                ("ssm", "GetParameter", { _ = try await ssm.getParameter(name: "/p") }),
                ("sqs", "GetQueueUrl", { _ = try await sqs.getQueueURL(name: "q") }),
                ("sqs", "ReceiveMessage", { _ = try await sqs.receiveMessages(queueURL: "\(fixture.server.url)/123456789012/q", maxMessages: 1, waitSeconds: 0) }),
                ("sqs", "DeleteMessage", { try await sqs.deleteMessage(queueURL: "\(fixture.server.url)/123456789012/q", receiptHandle: "h") }),
                ("sts", "GetCallerIdentity", { _ = try await sts.getCallerIdentity() }),
            ]
            for (service, operation, call) in calls {
                do {
                    try await call()
                    Issue.record("\(operation) succeeded with a wrong secret")
                } catch let error as AWSError {
                    let expected = service == "ec2" ? ("AuthFailure", 401) : ("SignatureDoesNotMatch", 403)
                    #expect(error.code == expected.0, "\(operation): \(error)")
                    #expect(error.status == expected.1, "\(operation): \(error)")
                }
            }
        }
    }
}
