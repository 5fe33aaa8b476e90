import AWSClient
import Foundation
import HTTPCore
import SigV4

/// A protocol-level stand-in for AWS endpoints moto lacks (Pricing, EKS AMI parameters, CreateFleet
/// capacity errors, throttling). It decodes each request the way AWS does (Query `Action`, JSON
/// `X-Amz-Target`), checks it is signed, records it, and answers with a handler that returns bodies
/// in AWS's real response shapes. Handlers may keep state (e.g. a client-token table) to give the
/// fake AWS's idempotency semantics.
final class FakeAWSTransport: HTTPTransport, @unchecked Sendable {
    /// One received request, decoded.
    struct Received: Sendable {
        let operation: String
        let form: [String: String]
        let request: HTTPRequest
    }

    typealias Handler = @Sendable (Received) throws -> HTTPResponse

    private let lock = NSLock()
    private var handlers: [String: Handler] = [:]
    private var log: [Received] = []

    /// Requests in arrival order.
    var received: [Received] { lock.withLock { log } }

    /// Answers `operation` (Query action or JSON target operation) with `handler`.
    func on(_ operation: String, _ handler: @escaping Handler) {
        lock.withLock { handlers[operation] = handler }
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let form = Self.decodeForm(request)
        let operation = request.header("X-Amz-Target").map { String($0.split(separator: ".").last ?? "") }
            ?? form["Action"] ?? request.url.path
        let received = Received(operation: operation, form: form, request: request)
        let handler = lock.withLock { () -> Handler? in
            log.append(received)
            return handlers[operation]
        }
        guard request.header("Authorization")?.hasPrefix("AWS4-HMAC-SHA256 Credential=") == true else {
            return Self.xml(403, "<ErrorResponse><Error><Code>MissingAuthenticationToken</Code><Message>Request is missing Authentication Token</Message></Error></ErrorResponse>")
        }
        guard let handler else {
            return Self.xml(400, "<Response><Errors><Error><Code>InvalidAction</Code><Message>The action \(operation) is not valid for this web service.</Message></Error></Errors><RequestID>fake</RequestID></Response>")
        }
        return try handler(received)
    }

    static func xml(_ status: Int, _ body: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: [HTTPHeader(name: "Content-Type", value: "text/xml;charset=UTF-8")],
                     body: Data((#"<?xml version="1.0" encoding="UTF-8"?>"# + body).utf8))
    }

    static func json(_ status: Int, _ body: String, errorType: String? = nil) -> HTTPResponse {
        var headers = [HTTPHeader(name: "Content-Type", value: "application/x-amz-json-1.1"),
                       HTTPHeader(name: "x-amzn-RequestId", value: "11111111-2222-3333-4444-555555555555")]
        if let errorType { headers.append(HTTPHeader(name: "x-amzn-ErrorType", value: errorType)) }
        return HTTPResponse(status: status, headers: headers, body: Data(body.utf8))
    }

    private static func decodeForm(_ request: HTTPRequest) -> [String: String] {
        guard request.header("Content-Type")?.hasPrefix("application/x-www-form-urlencoded") == true else { return [:] }
        var form: [String: String] = [:]
        for pair in String(decoding: request.body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            form[URIEncoding.decode(String(parts[0]))] = parts.count > 1 ? URIEncoding.decode(String(parts[1])) : ""
        }
        return form
    }
}

/// A sleeper that records requested waits and returns at once, so retry tests never sleep.
final class RecordingSleeper: Sleeper, @unchecked Sendable {
    private let lock = NSLock()
    private var waits: [Duration] = []
    var recorded: [Duration] { lock.withLock { waits } }
    func sleep(for duration: Duration) async throws { lock.withLock { waits.append(duration) } }
}

/// Builders for unit-test configurations over a fake transport.
enum TestConfiguration {
    static let credentials = AWSCredentials(
        signing: SigningCredentials(accessKeyID: "AKIDUNITTEST", secretAccessKey: Secret("unit-test-secret-9f8e7d"),
                                    sessionToken: Secret("unit-test-session-token-abc")),
        source: "test"
    )

    static func make(
        transport: any HTTPTransport, region: String = "us-west-2", sleeper: any Sleeper = RecordingSleeper(),
        jitter: Double = 0.5, logs: CapturedLogs = CapturedLogs(), maxAttempts: Int = 3
    ) -> AWSClientConfiguration {
        AWSClientConfiguration(
            region: region, transport: transport, credentials: StaticCredentialProvider(credentials), environment: [:],
            retry: RetryPolicy(maxAttempts: maxAttempts, jitter: { jitter }), sleeper: sleeper,
            clock: { Date(timeIntervalSince1970: 1_723_058_587) }, logger: logs.logger()
        )
    }
}
