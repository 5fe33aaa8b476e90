import AWSClient
import Foundation
import HTTPCore
import SigV4
import Testing

/// Proves that no secret (secret key, session token, web-identity token, Authorization header)
/// reaches a log line (trace level, everything on) or an error message, on success and on every kind
/// of failure.
@Suite struct SecretRedactionTests {
    static let webToken = "eyJhbGciOi.web-identity-token-SECRET.sig"

    static var forbidden: [String] {
        [TestConfiguration.credentials.signing.secretAccessKey.reveal(),
         TestConfiguration.credentials.signing.sessionToken?.reveal() ?? "unreachable",
         webToken, "Signature=", "AWS4-HMAC-SHA256"]
    }

    @Test func secretTypesPrintRedacted() {
        let secret = Secret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        var dumped = ""
        dump(secret, to: &dumped)
        var dumpedCredentials = ""
        dump(TestConfiguration.credentials, to: &dumpedCredentials)
        for text in ["\(secret)", String(describing: secret), String(reflecting: secret), dumped,
                     "\(TestConfiguration.credentials)", String(reflecting: TestConfiguration.credentials.signing), dumpedCredentials] {
            #expect(!text.contains("wJalrXUtnFEMI"))
            #expect(!text.contains("unit-test-secret"))
            #expect(!text.contains("unit-test-session-token"))
        }
        #expect("\(secret)" == "<redacted>")
    }

    @Test func noSecretInLogsOrErrors() async throws {
        let logs = CapturedLogs()
        let transport = FakeAWSTransport()
        transport.on("DescribeAvailabilityZones") { received in
            // Echo nothing of the request; answer like EC2 does for a bad signature.
            _ = received
            return FakeAWSTransport.xml(401, "<Response><Errors><Error><Code>AuthFailure</Code><Message>AWS was not able to validate the provided access credentials</Message></Error></Errors><RequestID>r-auth</RequestID></Response>")
        }
        transport.on("GetCallerIdentity") { _ in
            FakeAWSTransport.xml(200, "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/u</Arn><UserId>AIDA</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>")
        }
        transport.on("AssumeRoleWithWebIdentity") { _ in
            FakeAWSTransport.xml(400, "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code><Message>Couldn't retrieve verification key from your identity provider</Message></Error><RequestId>r-wi</RequestId></ErrorResponse>")
        }
        transport.on("DescribeInstanceTypes") { _ in RetryTests.throttled }
        let configuration = TestConfiguration.make(transport: transport, logs: logs)
        var errors: [String] = []

        _ = try await STSClient(configuration: configuration).getCallerIdentity()
        do { _ = try await EC2Client(configuration: configuration).describeAvailabilityZones() } catch { errors.append("\(error)") }
        do { _ = try await EC2Client(configuration: configuration).describeInstanceTypes(names: [], filters: []) } catch { errors.append("\(error)") }
        do {
            let failing = FailingTransport(failures: Array(repeating: .timedOut(host: "ec2.us-west-2.amazonaws.com"), count: 5))
            _ = try await EC2Client(configuration: TestConfiguration.make(transport: failing, logs: logs)).describeAvailabilityZones()
        } catch { errors.append("\(error)") }
        // Web identity is signed-off (the STS call itself is unsigned), so use a transport that
        // accepts unsigned requests to reach the error answer.
        let env = CredentialChainTests.environment(["AWS_ROLE_ARN": "arn:aws:iam::1:role/r", "AWS_WEB_IDENTITY_TOKEN_FILE": "/t"], files: ["/t": Self.webToken])
        let unsigned = try STSClient(configuration: TestConfiguration.make(transport: UnsignedAcceptingTransport(inner: transport), logs: logs))
        do { _ = try await WebIdentityCredentialSource(environment: env, sts: unsigned).resolve() } catch { errors.append("\(error)") }

        #expect(errors.count == 4)
        #expect(!logs.lines.isEmpty)
        for text in logs.lines + errors {
            for secret in Self.forbidden {
                #expect(!text.contains(secret), "leaked \(secret.prefix(6))… in: \(text)")
            }
        }
        // The errors still say what failed.
        #expect(errors[0].contains("AuthFailure"))
        #expect(errors[3].contains("InvalidIdentityToken"))
        // Requests did carry the secrets on the wire (so the check above is meaningful).
        #expect(transport.received.contains { $0.request.header("X-Amz-Security-Token") == TestConfiguration.credentials.signing.sessionToken?.reveal() })
        #expect(transport.received.contains { $0.form["WebIdentityToken"] == Self.webToken })
    }
}

/// Adds a dummy Authorization header so FakeAWSTransport routes unsigned STS calls to their handler.
struct UnsignedAcceptingTransport: HTTPTransport {
    let inner: FakeAWSTransport
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var request = request
        if request.header("Authorization") == nil { request.setHeader("Authorization", "AWS4-HMAC-SHA256 Credential=anonymous") }
        return try await inner.send(request)
    }
}
