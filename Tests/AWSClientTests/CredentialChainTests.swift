import AWSClient
import Foundation
import HTTPCore
import SigV4
import Testing

/// The credential chain's order, each source's configuration rules, and caching with a single
/// refresh under concurrency. Files and the metadata endpoints are fakes with real answer shapes.
@Suite struct CredentialChainTests {
    /// An environment builder: variables plus an in-memory file system.
    static func environment(_ variables: [String: String] = [:], files: [String: String] = [:]) -> AWSEnvironment {
        AWSEnvironment(variables: variables, homeDirectory: "/home/test") { path in
            guard let text = files[path] else { throw CocoaError(.fileNoSuchFile) }
            return Data(text.utf8)
        }
    }

    static func chain(_ environment: AWSEnvironment, transport: any HTTPTransport = FakeMetadataTransport(), sts: any STSAPI = FakeSTS()) -> CredentialChain {
        CredentialChain(sources: [
            EnvironmentCredentialSource(environment: environment),
            WebIdentityCredentialSource(environment: environment, sts: sts),
            ContainerCredentialSource(environment: environment, transport: transport),
            ProfileCredentialSource(environment: environment),
            IMDSCredentialSource(imds: IMDSClient(environment: environment, transport: transport)),
        ])
    }

    @Test func environmentWinsOverEverythingElse() async throws {
        let env = Self.environment(
            ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "env-token",
             "AWS_ROLE_ARN": "arn:aws:iam::1:role/r", "AWS_WEB_IDENTITY_TOKEN_FILE": "/token"],
            files: ["/token": "jwt", "/home/test/.aws/credentials": "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = s\n"]
        )
        let credentials = try await Self.chain(env).credentials()
        #expect(credentials.source == "environment")
        #expect(credentials.signing.accessKeyID == "AKIAENV")
        #expect(credentials.signing.sessionToken == Secret("env-token"))
    }

    @Test func halfSetEnvironmentIsAnError() async throws {
        let env = Self.environment(["AWS_ACCESS_KEY_ID": "AKIAENV"])
        let error = await #expect(throws: CredentialError.self) { try await Self.chain(env).credentials() }
        #expect(error.map { "\($0)" }?.contains("must be set together") == true)
    }

    @Test func webIdentityReadsTokenFileAndAssumesRole() async throws {
        let sts = FakeSTS()
        let env = Self.environment(
            ["AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/KarpenterControllerRole", "AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/secrets/eks.amazonaws.com/serviceaccount/token",
             "AWS_ROLE_SESSION_NAME": "karpenter-1"],
            files: ["/var/run/secrets/eks.amazonaws.com/serviceaccount/token": "header.payload.sig\n",
                    "/home/test/.aws/credentials": "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = s\n"]
        )
        let credentials = try await Self.chain(env, sts: sts).credentials()
        #expect(credentials.source == "web-identity arn:aws:iam::123456789012:role/KarpenterControllerRole")
        #expect(sts.calls == [FakeSTS.Call(roleARN: "arn:aws:iam::123456789012:role/KarpenterControllerRole", sessionName: "karpenter-1", token: "header.payload.sig")])
        #expect(credentials.expiration == FakeSTS.expiration)
    }

    @Test func podIdentityAgentIsCalledWithTokenFile() async throws {
        let transport = FakeMetadataTransport()
        let env = Self.environment(
            ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://169.254.170.23/v1/credentials",
             "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": "/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token"],
            files: ["/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token": "pod-identity-jwt"]
        )
        let credentials = try await Self.chain(env, transport: transport).credentials()
        #expect(credentials.signing.accessKeyID == "ASIAPODIDENTITY")
        #expect(credentials.source == "container credentials http://169.254.170.23/v1/credentials")
        #expect(transport.requests.first?.header("Authorization") == "pod-identity-jwt")
    }

    @Test func profileFromSharedFilesWithConfigFallback() async throws {
        let env = Self.environment(
            ["AWS_PROFILE": "karpenter", "AWS_CONFIG_FILE": "/etc/aws/config", "AWS_EC2_METADATA_DISABLED": "true"],
            files: ["/etc/aws/config": "[profile karpenter]\nregion = eu-west-1\naws_access_key_id=AKIACONFIG\n",
                    "/home/test/.aws/credentials": "# comment\n[karpenter]\naws_secret_access_key = file-secret\n[default]\naws_access_key_id = AKIADEFAULT\n"]
        )
        let credentials = try await Self.chain(env).credentials()
        #expect(credentials.source == "profile karpenter")
        #expect(credentials.signing.accessKeyID == "AKIACONFIG")
        #expect(credentials.signing.secretAccessKey == Secret("file-secret"))
    }

    @Test func explicitMissingProfileIsAnError() async throws {
        let env = Self.environment(["AWS_PROFILE": "absent", "AWS_EC2_METADATA_DISABLED": "true"])
        let error = await #expect(throws: CredentialError.self) { try await Self.chain(env).credentials() }
        #expect(error.map { "\($0)" }?.contains("AWS_PROFILE names a profile") == true)
    }

    @Test func imdsV2TokenThenRoleCredentials() async throws {
        let transport = FakeMetadataTransport()
        let credentials = try await Self.chain(Self.environment(), transport: transport).credentials()
        #expect(credentials.source == "IMDS role KarpenterNodeRole")
        #expect(credentials.signing.accessKeyID == "ASIAIMDS")
        #expect(transport.requests.map { "\($0.method) \(URLComponents(url: $0.url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? "")" } == [
            "PUT /latest/api/token", "GET /latest/meta-data/iam/security-credentials/",
            "PUT /latest/api/token", "GET /latest/meta-data/iam/security-credentials/KarpenterNodeRole",
        ])
        #expect(transport.requests[1].header("X-aws-ec2-metadata-token") == FakeMetadataTransport.imdsToken)
    }

    @Test func nothingConfiguredListsEveryPlaceSearched() async throws {
        let env = Self.environment(["AWS_EC2_METADATA_DISABLED": "true"])
        let error = await #expect(throws: CredentialError.self) { try await Self.chain(env).credentials() }
        let text = error.map { "\($0)" } ?? ""
        for place in ["AWS_ACCESS_KEY_ID", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "/home/test/.aws/credentials", "IMDSv2"] {
            #expect(text.contains(place), "error should name \(place)")
        }
    }

    @Test func cacheRefreshesOnceUnderConcurrencyAndBeforeExpiry() async throws {
        let clock = MovableClock(Date(timeIntervalSince1970: 1_000_000))
        let upstream = CountingProvider(clock: clock)
        let cache = CachingCredentialProvider(upstream, clock: { clock.now })
        try await withThrowingTaskGroup(of: AWSCredentials.self) { group in
            for _ in 0..<50 { group.addTask { try await cache.credentials() } }
            for try await credentials in group { #expect(credentials.signing.accessKeyID == "ASIA1") }
        }
        #expect(upstream.count == 1)
        clock.advance(3600 - 301)  // still more than five minutes left
        #expect(try await cache.credentials().signing.accessKeyID == "ASIA1")
        clock.advance(2)  // now within five minutes of expiry
        try await withThrowingTaskGroup(of: AWSCredentials.self) { group in
            for _ in 0..<20 { group.addTask { try await cache.credentials() } }
            for try await credentials in group { #expect(credentials.signing.accessKeyID == "ASIA2") }
        }
        #expect(upstream.count == 2)
    }
}

/// A settable clock shared with closures.
final class MovableClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ start: Date) { current = start }
    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

/// Issues numbered one-hour credentials; slow enough (it yields) for callers to pile up.
final class CountingProvider: CredentialProvider, @unchecked Sendable {
    private let lock = NSLock()
    private var issued = 0
    private let clock: MovableClock
    init(clock: MovableClock) { self.clock = clock }
    var count: Int { lock.withLock { issued } }
    func credentials() async throws -> AWSCredentials {
        for _ in 0..<10 { await Task.yield() }
        let number = lock.withLock { issued += 1; return issued }
        return AWSCredentials(signing: SigningCredentials(accessKeyID: "ASIA\(number)", secretAccessKey: Secret("s\(number)")),
                              expiration: clock.now.addingTimeInterval(3600), source: "counting")
    }
}

/// STS with AssumeRoleWithWebIdentity semantics: records the exchange, returns temporary keys.
final class FakeSTS: STSAPI, @unchecked Sendable {
    struct Call: Equatable { let roleARN: String; let sessionName: String; let token: String }
    static let expiration = Date(timeIntervalSince1970: 1_900_000_000)
    private let lock = NSLock()
    private var log: [Call] = []
    var calls: [Call] { lock.withLock { log } }

    func assumeRoleWithWebIdentity(roleARN: String, sessionName: String, webIdentityToken: Secret) async throws -> AssumedRole {
        lock.withLock { log.append(Call(roleARN: roleARN, sessionName: sessionName, token: webIdentityToken.reveal())) }
        return AssumedRole(credentials: SigningCredentials(accessKeyID: "ASIAWEBID", secretAccessKey: Secret("web-secret"), sessionToken: Secret("web-token")),
                           expiration: Self.expiration, assumedRoleARN: "\(roleARN)/\(sessionName)")
    }

    func getCallerIdentity() async throws -> CallerIdentity {
        CallerIdentity(account: "123456789012", arn: "arn:aws:sts::123456789012:assumed-role/r/s", userID: "AROA:s")
    }
}

/// IMDSv2 and the Pod Identity agent with their real answer shapes; IMDS requires the session token.
final class FakeMetadataTransport: HTTPTransport, @unchecked Sendable {
    static let imdsToken = "AQAEAFakeImdsSessionToken=="
    private let lock = NSLock()
    private var log: [HTTPRequest] = []
    var requests: [HTTPRequest] { lock.withLock { log } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock { log.append(request) }
        let wirePath = URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? ""
        switch (request.method, request.url.host ?? "", wirePath) {
        case ("PUT", "169.254.169.254", "/latest/api/token"):
            guard request.header("X-aws-ec2-metadata-token-ttl-seconds") != nil else { return HTTPResponse(status: 400) }
            return HTTPResponse(status: 200, body: Data(Self.imdsToken.utf8))
        case ("GET", "169.254.169.254", let path):
            guard request.header("X-aws-ec2-metadata-token") == Self.imdsToken else { return HTTPResponse(status: 401) }
            switch path {
            case "/latest/meta-data/iam/security-credentials/": return HTTPResponse(status: 200, body: Data("KarpenterNodeRole".utf8))
            case "/latest/meta-data/iam/security-credentials/KarpenterNodeRole":
                return HTTPResponse(status: 200, body: Data(#"{"Code":"Success","LastUpdated":"2024-08-07T19:00:00Z","Type":"AWS-HMAC","AccessKeyId":"ASIAIMDS","SecretAccessKey":"imds-secret","Token":"imds-token","Expiration":"2024-08-08T01:00:00Z"}"#.utf8))
            case "/latest/meta-data/placement/region": return HTTPResponse(status: 200, body: Data("ap-southeast-2".utf8))
            default: return HTTPResponse(status: 404)
            }
        case ("GET", "169.254.170.23", "/v1/credentials"):
            guard request.header("Authorization") != nil else { return HTTPResponse(status: 401) }
            return HTTPResponse(status: 200, body: Data(#"{"AccessKeyId":"ASIAPODIDENTITY","SecretAccessKey":"pod-secret","Token":"pod-token","AccountId":"123456789012","Expiration":"2024-08-08T01:00:00Z"}"#.utf8))
        default:
            throw TransportError.connectionFailed(host: request.url.host ?? "", detail: "no route in fake")
        }
    }
}
