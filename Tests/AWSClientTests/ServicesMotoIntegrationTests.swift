import AWSClient
import Foundation
import HTTPCore
import Testing

extension AWSMotoIntegrationTests {
    /// IAM, SSM, SQS and EKS against moto, each with good credentials and a wrong secret.
    @Suite struct Services {
        @Test func instanceProfileLifecycle() async throws {
            let fixture = try await MotoFixture.make()
            let iam = try IAMClient(configuration: fixture.configuration())
            let name = "cluster_1234567890"
            let created = try await iam.createInstanceProfile(name: name, path: "/karpenter/us-east-1/cluster/uid/", tags: [
                EC2Tag(key: "karpenter.k8s.aws/ec2nodeclass", value: "default"),
            ])
            #expect(created.instanceProfileName == name)
            #expect(created.roleNames.isEmpty)
            try await iam.addRoleToInstanceProfile(profileName: name, roleName: "KarpenterControllerRole")
            try await iam.tagInstanceProfile(name: name, tags: [EC2Tag(key: "topology.kubernetes.io/region", value: "us-east-1")])
            let fetched = try await iam.getInstanceProfile(name: name)
            #expect(fetched.roleNames == ["KarpenterControllerRole"])
            #expect(fetched.path == "/karpenter/us-east-1/cluster/uid/")
            try await iam.removeRoleFromInstanceProfile(profileName: name, roleName: "KarpenterControllerRole")
            try await iam.deleteInstanceProfile(name: name)
            let gone = await #expect(throws: AWSError.self) { try await iam.getInstanceProfile(name: name) }
            #expect(gone?.code == "NoSuchEntity")

            let wrong = try IAMClient(configuration: fixture.configuration(credentials: fixture.wrongCredentials))
            let rejected = await #expect(throws: AWSError.self) { try await wrong.getInstanceProfile(name: name) }
            #expect(rejected?.code == "SignatureDoesNotMatch")
        }

        @Test func ssmParameter() async throws {
            let fixture = try await MotoFixture.make()
            let name = "/karpenter/test/image_id"
            _ = try await fixture.rawJSON(.ssm, target: "AmazonSSM.PutParameter", version: "1.1",
                                          body: #"{"Name":"\#(name)","Value":"ami-0123456789abcdef0","Type":"String"}"#)
            let ssm = try SSMClient(configuration: fixture.configuration())
            let parameter = try await ssm.getParameter(name: name)
            #expect(parameter.value == "ami-0123456789abcdef0")
            let missing = await #expect(throws: AWSError.self) { try await ssm.getParameter(name: "/nope") }
            #expect(missing?.code == "ParameterNotFound")
            let wrong = try SSMClient(configuration: fixture.configuration(credentials: fixture.wrongCredentials))
            let rejected = await #expect(throws: AWSError.self) { try await wrong.getParameter(name: name) }
            #expect(rejected?.status == 403)
        }

        @Test func sqsInterruptionQueue() async throws {
            let fixture = try await MotoFixture.make()
            _ = try await fixture.rawJSON(.sqs, target: "AmazonSQS.CreateQueue", version: "1.0", body: #"{"QueueName":"karpenter-interruption"}"#)
            let sqs = try SQSClient(configuration: fixture.configuration())
            let url = try await sqs.getQueueURL(name: "karpenter-interruption")
            #expect(url.hasSuffix("/karpenter-interruption"))
            let event = #"{"detail-type":"EC2 Spot Instance Interruption Warning","detail":{"instance-id":"i-0123"}}"#
            let escaped = String(decoding: try JSONEncoder().encode(event), as: UTF8.self)
            _ = try await fixture.rawJSON(.sqs, target: "AmazonSQS.SendMessage", version: "1.0",
                                          body: #"{"QueueUrl":"\#(url)","MessageBody":\#(escaped)}"#)
            let messages = try await sqs.receiveMessages(queueURL: url, maxMessages: 10, waitSeconds: 0)
            #expect(messages.map(\.body) == [event])
            try await sqs.deleteMessage(queueURL: url, receiptHandle: try #require(messages.first).receiptHandle)
            #expect(try await sqs.receiveMessages(queueURL: url, maxMessages: 10, waitSeconds: 0).isEmpty)
            let missing = await #expect(throws: AWSError.self) { try await sqs.getQueueURL(name: "absent") }
            #expect(missing?.code.contains("NonExistentQueue") == true)
            let wrong = try SQSClient(configuration: fixture.configuration(credentials: fixture.wrongCredentials))
            let rejected = await #expect(throws: AWSError.self) { try await wrong.getQueueURL(name: "karpenter-interruption") }
            #expect(rejected?.status == 403)
        }

        @Test func eksDescribeCluster() async throws {
            let fixture = try await MotoFixture.make()
            let raw = try AWSServiceClient(service: .eks, configuration: fixture.configuration())
            let create = #"{"name":"karpenter-demo","roleArn":"\#(fixture.account.roleARN)","resourcesVpcConfig":{"subnetIds":[]},"version":"1.30"}"#
            _ = try await raw.send(
                AWSServiceClient.Call(operation: "CreateCluster", path: "/clusters",
                                      headers: [HTTPHeader(name: "Content-Type", value: "application/json")],
                                      body: Data(create.utf8), idempotency: .nonIdempotent),
                parseError: JSONRPCClient.parseError
            )
            // The wrong secret is rejected on the signed POST; moto cannot verify bodiless GETs (see
            // MotoServer.disableSignatureChecks), so DescribeCluster runs with checks off. The GET
            // signature itself is covered by the botocore differential test.
            let wrongRaw = try AWSServiceClient(service: .eks, configuration: fixture.configuration(credentials: fixture.wrongCredentials))
            let rejected = await #expect(throws: AWSError.self) {
                try await wrongRaw.send(
                    AWSServiceClient.Call(operation: "CreateCluster", path: "/clusters",
                                          headers: [HTTPHeader(name: "Content-Type", value: "application/json")],
                                          body: Data(create.utf8), idempotency: .nonIdempotent),
                    parseError: JSONRPCClient.parseError
                )
            }
            #expect(rejected?.status == 403)
            try await fixture.server.disableSignatureChecks()
            let eks = try EKSClient(configuration: fixture.configuration())
            let cluster = try await eks.describeCluster(name: "karpenter-demo")
            #expect(cluster.name == "karpenter-demo")
            #expect(cluster.version == "1.30")
            #expect(cluster.endpoint != nil)
            let missing = await #expect(throws: AWSError.self) { try await eks.describeCluster(name: "absent") }
            #expect(missing?.code == "ResourceNotFoundException")
        }
    }
}
