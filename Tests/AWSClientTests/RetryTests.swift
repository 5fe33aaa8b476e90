import AWSClient
import Foundation
import HTTPCore
import Testing

/// Standard-mode retries over the fake endpoint: backoff values, which failures retry, and that a
/// throttling burst on CreateFleet launches exactly one fleet thanks to the client token.
@Suite struct RetryTests {
    static let throttled = FakeAWSTransport.xml(503, "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>req-throttle</RequestID></Response>")

    @Test func backoffIsFullJitterExponentialCapped() {
        let policy = RetryPolicy(maxAttempts: 10, baseBackoff: .seconds(1), maxBackoff: .seconds(20), jitter: { 0.5 })
        #expect(policy.backoff(afterAttempt: 1) == .milliseconds(500))
        #expect(policy.backoff(afterAttempt: 2) == .seconds(1))
        #expect(policy.backoff(afterAttempt: 3) == .seconds(2))
        #expect(policy.backoff(afterAttempt: 9) == .seconds(10))
        let zero = RetryPolicy(jitter: { 0 })
        #expect(zero.backoff(afterAttempt: 3) == .zero)
    }

    @Test func throttlingBurstOnCreateFleetLaunchesOnce() async throws {
        let transport = FakeAWSTransport()
        let state = FleetState()
        transport.on("CreateFleet") { received in
            if state.nextCallIsThrottled() { return Self.throttled }
            let token = received.form["ClientToken"] ?? ""
            let instanceID = state.instance(for: token)
            return FakeAWSTransport.xml(200, """
            <CreateFleetResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId>\
            <fleetId>fleet-\(token)</fleetId><errorSet/><fleetInstanceSet><item><launchTemplateAndOverrides>\
            <launchTemplateSpecification><launchTemplateName>lt</launchTemplateName><version>1</version></launchTemplateSpecification>\
            <overrides><instanceType>t3.medium</instanceType><subnetId>subnet-1</subnetId><availabilityZone>us-west-2a</availabilityZone></overrides>\
            </launchTemplateAndOverrides><lifecycle>spot</lifecycle><instanceIds><item>\(instanceID)</item></instanceIds>\
            <instanceType>t3.medium</instanceType></item></fleetInstanceSet></CreateFleetResponse>
            """)
        }
        state.throttleNext(2)
        let sleeper = RecordingSleeper()
        let ec2 = try EC2Client(configuration: TestConfiguration.make(transport: transport, sleeper: sleeper))
        let request = CreateFleetRequest(
            capacityType: "spot",
            launchTemplateConfigs: [.init(launchTemplateName: "lt", overrides: [.init(instanceType: "t3.medium", subnetID: "subnet-1")])],
            tagSpecifications: [], clientToken: "nodeclaim-abc"
        )
        let result = try await ec2.createFleet(request)
        #expect(result.fleetInstanceSet.first?.instanceIds == ["i-0000000001"])
        #expect(transport.received.count == 3)
        #expect(Set(transport.received.map { $0.form["ClientToken"] }) == ["nodeclaim-abc"])
        #expect(sleeper.recorded == [.milliseconds(500), .seconds(1)])
        // A retry of the same logical launch (same token) returns the same instance: no duplicate.
        let again = try await ec2.createFleet(request)
        #expect(again.fleetInstanceSet.first?.instanceIds == ["i-0000000001"])
        #expect(state.launchedCount == 1)
        // Each attempt is signed afresh.
        #expect(transport.received.allSatisfy { $0.request.header("Authorization") != nil })
    }

    @Test func persistentThrottlingGivesUpAfterThreeAttempts() async throws {
        let transport = FakeAWSTransport()
        transport.on("DescribeInstanceTypes") { _ in Self.throttled }
        let ec2 = try EC2Client(configuration: TestConfiguration.make(transport: transport))
        let error = await #expect(throws: AWSError.self) { try await ec2.describeInstanceTypes(names: [], filters: []) }
        #expect(error?.code == "RequestLimitExceeded")
        #expect(error?.requestID == "req-throttle")
        #expect(transport.received.count == 3)
    }

    @Test func serverErrorOnNonIdempotentCallIsNotRetried() async throws {
        let transport = FakeAWSTransport()
        transport.on("CreateInstanceProfile") { _ in
            FakeAWSTransport.xml(500, "<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceFailure</Code><Message>internal</Message></Error><RequestId>rq</RequestId></ErrorResponse>")
        }
        let iam = try IAMClient(configuration: TestConfiguration.make(transport: transport))
        let error = await #expect(throws: AWSError.self) { try await iam.createInstanceProfile(name: "p", path: "/", tags: []) }
        #expect(error?.code == "ServiceFailure")
        #expect(transport.received.count == 1, "the profile may have been created: resending is unsafe")
    }

    @Test func serverErrorOnIdempotentCallIsRetried() async throws {
        let transport = FakeAWSTransport()
        let calls = Counter()
        transport.on("GetInstanceProfile") { _ in
            if calls.increment() == 1 {
                return FakeAWSTransport.xml(500, "<ErrorResponse><Error><Code>ServiceFailure</Code><Message>x</Message></Error></ErrorResponse>")
            }
            return FakeAWSTransport.xml(200, """
            <GetInstanceProfileResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetInstanceProfileResult><InstanceProfile>\
            <Path>/</Path><InstanceProfileName>p</InstanceProfileName><InstanceProfileId>AIPA1</InstanceProfileId>\
            <Arn>arn:aws:iam::123456789012:instance-profile/p</Arn><Roles><member><RoleName>KarpenterNodeRole</RoleName></member></Roles>\
            </InstanceProfile></GetInstanceProfileResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetInstanceProfileResponse>
            """)
        }
        let iam = try IAMClient(configuration: TestConfiguration.make(transport: transport))
        let profile = try await iam.getInstanceProfile(name: "p")
        #expect(profile.roleNames == ["KarpenterNodeRole"])
        #expect(transport.received.count == 2)
    }

    @Test func expiredTokenRefreshesCredentialsAndResendsOnce() async throws {
        let clock = MovableClock(Date(timeIntervalSince1970: 1_000_000))
        let upstream = CountingProvider(clock: clock)
        let cache = CachingCredentialProvider(upstream, clock: { clock.now })
        let transport = FakeAWSTransport()
        transport.on("AddRoleToInstanceProfile") { received in
            if received.request.header("Authorization")?.contains("Credential=ASIA1/") == true {
                return FakeAWSTransport.xml(403, "<ErrorResponse><Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error><RequestId>r</RequestId></ErrorResponse>")
            }
            return FakeAWSTransport.xml(200, "<AddRoleToInstanceProfileResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AddRoleToInstanceProfileResponse>")
        }
        var configuration = TestConfiguration.make(transport: transport)
        configuration.credentials = cache
        try await IAMClient(configuration: configuration).addRoleToInstanceProfile(profileName: "p", roleName: "r")
        #expect(upstream.count == 2)
        #expect(transport.received.count == 2)
    }

    @Test func refusedConnectionIsRetriedEvenForNonIdempotentCalls() async throws {
        let transport = FailingTransport(failures: [.connectionFailed(host: "iam.amazonaws.com", detail: "refused")])
        let iam = try IAMClient(configuration: TestConfiguration.make(transport: transport))
        try await iam.addRoleToInstanceProfile(profileName: "p", roleName: "r")
        #expect(transport.attempts == 2)
    }

    @Test func timeoutOnNonIdempotentCallIsNotRetried() async throws {
        let transport = FailingTransport(failures: [.timedOut(host: "iam.amazonaws.com")])
        let iam = try IAMClient(configuration: TestConfiguration.make(transport: transport))
        let error = await #expect(throws: AWSError.self) { try await iam.addRoleToInstanceProfile(profileName: "p", roleName: "r") }
        #expect(error?.code == AWSError.ClientCode.transport)
        #expect(transport.attempts == 1)
    }
}

/// Fleet launches keyed by client token, as EC2 deduplicates them, with a scripted throttling burst.
final class FleetState: @unchecked Sendable {
    private let lock = NSLock()
    private var throttles = 0
    private var byToken: [String: String] = [:]
    func throttleNext(_ count: Int) { lock.withLock { throttles = count } }
    func nextCallIsThrottled() -> Bool {
        lock.withLock {
            guard throttles > 0 else { return false }
            throttles -= 1
            return true
        }
    }
    func instance(for token: String) -> String {
        lock.withLock {
            if let existing = byToken[token] { return existing }
            let id = String(format: "i-%010d", byToken.count + 1)
            byToken[token] = id
            return id
        }
    }
    var launchedCount: Int { lock.withLock { byToken.count } }
}

/// A thread-safe call counter.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() -> Int { lock.withLock { value += 1; return value } }
}

/// Fails with the scripted transport errors, then answers an empty IAM success.
final class FailingTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var failures: [TransportError]
    private var count = 0
    init(failures: [TransportError]) { self.failures = failures }
    var attempts: Int { lock.withLock { count } }
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let failure = lock.withLock { () -> TransportError? in
            count += 1
            return failures.isEmpty ? nil : failures.removeFirst()
        }
        if let failure { throw failure }
        return FakeAWSTransport.xml(200, "<AddRoleToInstanceProfileResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AddRoleToInstanceProfileResponse>")
    }
}
