/// An error answer from an AWS service, or a failure to get one, with the context an operator needs.
///
/// Messages never include request headers, bodies or credentials: the service's own message is kept
/// (AWS never echoes secrets), and transport details come from `TransportError`, which is redacted.
package struct AWSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The service's error code, e.g. `InvalidParameterValue`, `RequestLimitExceeded`,
    /// `InsufficientInstanceCapacity`; or one of the client-side codes in ``ClientCode``.
    package var code: String
    /// Human-readable message, from the service when it sent one.
    package var message: String
    /// The request ID AWS assigned (`x-amzn-RequestId` or `<RequestID>`), for support cases.
    package var requestID: String?
    /// HTTP status of the answer; nil when no answer arrived.
    package var status: Int?
    /// The service that answered, e.g. `ec2`.
    package var service: String

    /// Creates an error value.
    package init(code: String, message: String, requestID: String? = nil, status: Int? = nil, service: String) {
        self.code = code
        self.message = message
        self.requestID = requestID
        self.status = status
        self.service = service
    }

    /// Codes the client itself produces when AWS did not answer with one.
    package enum ClientCode {
        /// The endpoint could not be reached or the exchange broke off.
        package static let transport = "TransportError"
        /// The answer could not be decoded into the expected shape.
        package static let malformedResponse = "MalformedResponse"
        /// A non-2xx answer without a recognisable error body.
        package static let unknown = "UnknownError"
    }

    /// Throttling codes the SDKs' standard retry mode backs off on.
    package static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    ]

    /// Transient codes the SDKs retry besides throttling.
    package static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "ServiceUnavailable",
    ]

    /// Codes meaning the temporary credentials have expired (refresh, then resend).
    package static let expiredCredentialCodes: Set<String> = ["ExpiredToken", "ExpiredTokenException", "RequestExpired"]

    /// True when AWS asked the caller to slow down.
    package var isThrottling: Bool { Self.throttlingCodes.contains(code) || status == 429 }

    /// True when the signature or credentials were rejected (wrong secret, expired token, clock skew).
    package var isAuthFailure: Bool {
        ["AuthFailure", "SignatureDoesNotMatch", "InvalidClientTokenId", "UnrecognizedClientException",
         "ExpiredToken", "ExpiredTokenException", "InvalidSignatureException", "IncompleteSignature",
         "MissingAuthenticationToken", "InvalidAccessKeyId"].contains(code)
    }

    /// `service: code: message (request ID …)`, never containing credentials.
    package var description: String {
        var text = "\(service): \(code): \(message)"
        if let status { text += " (HTTP \(status))" }
        if let requestID { text += " (request ID \(requestID))" }
        return text
    }
}
