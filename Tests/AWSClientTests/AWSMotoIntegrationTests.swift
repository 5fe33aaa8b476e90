import AWSClient
import Foundation
import HTTPCore
import Logging
import SigV4
import TestSupport
import Testing

/// Every AWS call against moto_server with signature checking on. One serialized tree: each test
/// resets moto, so tests touching it must not overlap.
@Suite(.serialized) struct AWSMotoIntegrationTests {}

/// What a moto test needs: the server, the provisioned identity and configuration builders.
struct MotoFixture {
    let server: MotoServer
    let account: MotoServer.Account
    let logs = CapturedLogs()
    static let region = "us-east-1"
    static let fixedDate = Date()

    static func make(webIdentity: Bool = false) async throws -> MotoFixture {
        let server = try MotoServer.start()
        return MotoFixture(server: server, account: try await server.provision(allowingUnsignedWebIdentity: webIdentity))
    }

    var goodCredentials: AWSCredentials {
        AWSCredentials(signing: SigningCredentials(accessKeyID: account.accessKeyID, secretAccessKey: account.secretAccessKey),
                       source: "test")
    }

    var wrongCredentials: AWSCredentials {
        AWSCredentials(signing: SigningCredentials(accessKeyID: account.accessKeyID, secretAccessKey: Secret("wrong-secret-value")),
                       source: "test")
    }

    /// A configuration pointing every service at moto via `AWS_ENDPOINT_URL`, as a user would.
    func configuration(credentials: AWSCredentials? = nil, provider: (any CredentialProvider)? = nil) -> AWSClientConfiguration {
        AWSClientConfiguration(
            region: Self.region, transport: server.transport,
            credentials: provider ?? StaticCredentialProvider(credentials ?? goodCredentials),
            environment: ["AWS_ENDPOINT_URL": server.url.absoluteString],
            retry: RetryPolicy(maxAttempts: 1), sleeper: TaskSleeper(), logger: logs.logger()
        )
    }

    /// A raw signed call for setup that our narrow APIs do not offer (CreateQueue, PutParameter, …).
    func rawJSON(_ service: AWSService, target: String, version: String, body: String) async throws -> Data {
        let client = try AWSServiceClient(service: service, configuration: configuration())
        return try await client.send(
            AWSServiceClient.Call(
                operation: target,
                headers: [HTTPHeader(name: "Content-Type", value: "application/x-amz-json-\(version)"),
                          HTTPHeader(name: "X-Amz-Target", value: target)],
                body: Data(body.utf8), idempotency: .nonIdempotent
            ),
            parseError: JSONRPCClient.parseError
        ).body
    }
}

extension AWSMotoIntegrationTests {
    @Suite struct STS {
        @Test func callerIdentityWithGoodAndWrongSecret() async throws {
            let fixture = try await MotoFixture.make()
            let identity = try await STSClient(configuration: fixture.configuration()).getCallerIdentity()
            #expect(identity.account == "123456789012")
            #expect(identity.arn.hasSuffix(":user/karpenter-test"))
            let error = await #expect(throws: AWSError.self) {
                try await STSClient(configuration: fixture.configuration(credentials: fixture.wrongCredentials)).getCallerIdentity()
            }
            #expect(error?.code == "SignatureDoesNotMatch")
            #expect(error?.status == 403)
        }

        @Test func webIdentityFlowEndToEnd() async throws {
            let fixture = try await MotoFixture.make(webIdentity: true)
            let tokenFile = FileManager.default.temporaryDirectory.appendingPathComponent("token-\(UUID().uuidString)")
            let token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6a2FycGVudGVyOmthcnBlbnRlciJ9.c2lnbmF0dXJl"
            try Data(token.utf8).write(to: tokenFile)
            defer { try? FileManager.default.removeItem(at: tokenFile) }
            let environment = AWSEnvironment(variables: [
                "AWS_ROLE_ARN": fixture.account.roleARN, "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile.path,
            ], homeDirectory: "/nonexistent")
            let unsigned = try STSClient(configuration: fixture.configuration(provider: CredentialChain(sources: [])))
            let chain = CachingCredentialProvider(CredentialChain(sources: [
                EnvironmentCredentialSource(environment: environment),
                WebIdentityCredentialSource(environment: environment, sts: unsigned),
            ]))
            let credentials = try await chain.credentials()
            #expect(credentials.source == "web-identity \(fixture.account.roleARN)")
            #expect(credentials.signing.sessionToken != nil)
            #expect(credentials.expiration != nil)
            let identity = try await STSClient(configuration: fixture.configuration(provider: chain)).getCallerIdentity()
            #expect(identity.arn.contains(":assumed-role/KarpenterControllerRole/"))
            let zones = try await EC2Client(configuration: fixture.configuration(provider: chain)).describeAvailabilityZones()
            #expect(!zones.isEmpty)
            for line in fixture.logs.lines {
                #expect(!line.contains(token))
                #expect(!line.contains(credentials.signing.secretAccessKey.reveal()))
            }
        }
    }
}
