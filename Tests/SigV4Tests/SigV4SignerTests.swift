import Foundation
import HTTPCore
import SigV4
import Testing

/// Signer behaviour that needs no external data: header selection, clock use, key caching, and the
/// `get-vanilla` vector whose published signature is quoted in AWS's documentation.
@Suite struct SigV4SignerTests {
    static let credentials = SigningCredentials(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: Secret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    )
    static let suiteDate = Date(timeIntervalSince1970: 1_440_938_160)

    func request(
        method: String = "GET", url: String = "https://example.amazonaws.com/",
        headers: [HTTPHeader] = [], body: String = ""
    ) -> HTTPRequest {
        HTTPRequest(method: method, url: URL(string: url) ?? URL(fileURLWithPath: "/"), headers: headers, body: Data(body.utf8))
    }

    @Test func getVanillaMatchesPublishedSignature() {
        let signer = SigV4Signer(service: "service", region: "us-east-1", clock: { Self.suiteDate })
        let signed = signer.sign(request(), credentials: Self.credentials)
        #expect(signed.header("Authorization") == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
        #expect(signed.header("X-Amz-Date") == "20150830T123600Z")
        #expect(signed.header("Host") == "example.amazonaws.com")
    }

    @Test func userAgentAndUnknownHeadersAreNotSigned() {
        let signer = SigV4Signer(service: "ec2", region: "eu-west-1", clock: { Self.suiteDate })
        let signed = signer.sign(request(method: "POST", headers: [
            HTTPHeader(name: "User-Agent", value: "karpenter-swift/1"),
            HTTPHeader(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8"),
            HTTPHeader(name: "Accept", value: "*/*"),
            HTTPHeader(name: "X-Amz-Target", value: "AmazonSSM.GetParameter"),
        ]), credentials: Self.credentials)
        #expect(signed.header("Authorization")?.contains("SignedHeaders=content-type;host;x-amz-date;x-amz-target,") == true)
    }

    @Test func sessionTokenIsSentAndSigned() {
        let signer = SigV4Signer(service: "sts", region: "us-east-1", clock: { Self.suiteDate })
        var credentials = Self.credentials
        credentials.sessionToken = Secret("token-value")
        let signed = signer.sign(request(), credentials: credentials)
        #expect(signed.header("X-Amz-Security-Token") == "token-value")
        #expect(signed.header("Authorization")?.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,") == true)
    }

    @Test func resigningReplacesDateAndAuthorization() {
        let clock = MutableDate(Self.suiteDate)
        let signer = SigV4Signer(service: "ec2", region: "us-east-1", clock: { clock.value })
        let first = signer.sign(request(), credentials: Self.credentials)
        clock.value = Self.suiteDate.addingTimeInterval(86_400 + 5)
        let second = signer.sign(first, credentials: Self.credentials)
        #expect(second.headers.filter { $0.name == "Authorization" }.count == 1)
        #expect(second.header("X-Amz-Date") == "20150831T123605Z")
        #expect(second.header("Authorization")?.contains("/20150831/us-east-1/ec2/aws4_request") == true)
    }

    @Test func changedSecretInvalidatesCachedKey() {
        let signer = SigV4Signer(service: "ec2", region: "us-east-1", clock: { Self.suiteDate })
        let first = signer.sign(request(), credentials: Self.credentials)
        var rotated = Self.credentials
        rotated.secretAccessKey = Secret("another-secret")
        let second = signer.sign(request(), credentials: rotated)
        #expect(first.header("Authorization") != second.header("Authorization"))
    }

    @Test func nonDefaultPortIsPartOfHost() {
        let signer = SigV4Signer(service: "ec2", region: "us-east-1", clock: { Self.suiteDate })
        let signed = signer.sign(request(url: "http://127.0.0.1:5000/"), credentials: Self.credentials)
        #expect(signed.header("Host") == "127.0.0.1:5000")
    }

    struct DateCase: CustomTestStringConvertible, Sendable {
        let seconds: TimeInterval
        let expected: String
        var testDescription: String { expected }
    }

    @Test(arguments: [
        DateCase(seconds: 0, expected: "19700101T000000Z"),
        DateCase(seconds: 951_782_400, expected: "20000229T000000Z"),
        DateCase(seconds: 1_440_938_160, expected: "20150830T123600Z"),
        DateCase(seconds: 4_102_444_799, expected: "20991231T235959Z"),
    ])
    func amzDateIsUTC(_ sample: DateCase) {
        #expect(SigV4Signer.amzDate(Date(timeIntervalSince1970: sample.seconds)) == sample.expected)
    }
}

/// A date a test can move; the signer reads it through its clock closure.
final class MutableDate: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Date
    init(_ date: Date) { stored = date }
    var value: Date {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
