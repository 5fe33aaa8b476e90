import Foundation
import HTTPCore
import Logging
import SigV4

/// Sends one service's calls: builds the URL on the resolved endpoint, signs every attempt afresh,
/// retries per the ``RetryPolicy``, turns error answers into ``AWSError`` and logs a one-line summary
/// per attempt. The wire protocols (Query, JSON, REST-JSON) sit on top of it.
package final class AWSServiceClient: Sendable {
    /// The service this client calls.
    package let service: AWSService
    /// Where calls go and which region they are signed for.
    package let endpoint: AWSEndpoint
    private let configuration: AWSClientConfiguration
    private let signer: SigV4Signer

    /// Resolves the endpoint for `service` in the configured region.
    package init(service: AWSService, configuration: AWSClientConfiguration) throws(AWSEndpoint.ResolutionError) {
        self.service = service
        self.configuration = configuration
        endpoint = try AWSEndpoint.resolve(service: service, region: configuration.region, environment: configuration.environment)
        signer = SigV4Signer(service: service.signingName, region: endpoint.signingRegion, clock: configuration.clock)
    }

    /// One call as the protocol layer describes it.
    package struct Call: Sendable {
        /// The operation name, for logs and errors.
        package var operation: String
        /// HTTP method.
        package var method: String
        /// Path below the endpoint, percent-encoded, starting with `/`.
        package var path: String
        /// Encoded query string without `?`, empty for none.
        package var query: String
        /// Protocol headers (content type, target).
        package var headers: [HTTPHeader]
        /// Body bytes.
        package var body: Data
        /// Whether resending may duplicate an effect.
        package var idempotency: Idempotency
        /// False only for the few calls AWS accepts unsigned (AssumeRoleWithWebIdentity).
        package var signed: Bool

        /// Creates a call description.
        package init(
            operation: String, method: String = "POST", path: String = "/", query: String = "",
            headers: [HTTPHeader] = [], body: Data = Data(), idempotency: Idempotency, signed: Bool = true
        ) {
            self.operation = operation
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.body = body
            self.idempotency = idempotency
            self.signed = signed
        }
    }

    /// Performs `call` and returns the successful answer; error answers are decoded by `parseError`.
    package func send(
        _ call: Call, parseError: @Sendable (HTTPResponse, AWSService) -> AWSError
    ) async throws -> HTTPResponse {
        let request = try buildRequest(call)
        var attempt = 1
        while true {
            let started = ContinuousClock.now
            let outcome: Result<HTTPResponse, any Error>
            do {
                var signedRequest = request
                if call.signed {
                    let credentials = try await configuration.credentials.credentials()
                    signedRequest = signer.sign(request, credentials: credentials.signing)
                }
                let response = try await configuration.transport.send(signedRequest)
                outcome = response.isSuccess ? .success(response) : .failure(parseError(response, service))
            } catch let error as CredentialError {
                throw error
            } catch let error as CancellationError {
                throw error
            } catch {
                outcome = .failure(error)
            }
            log(call, attempt: attempt, outcome: outcome, elapsed: ContinuousClock.now - started)
            switch outcome {
            case let .success(response):
                return response
            case let .failure(error):
                // AWS rejects expired credentials before acting, so any call may be resent once the
                // cache has been told to fetch fresh ones (IRSA tokens can expire early under skew).
                let expired = (error as? AWSError).map { AWSError.expiredCredentialCodes.contains($0.code) } ?? false
                if expired, let cache = configuration.credentials as? CachingCredentialProvider {
                    await cache.invalidate()
                }
                guard attempt < configuration.retry.maxAttempts,
                      expired || configuration.retry.shouldRetry(error, idempotency: call.idempotency)
                else { throw asAWSError(error) }
                try await configuration.sleeper.sleep(for: configuration.retry.backoff(afterAttempt: attempt))
                attempt += 1
            }
        }
    }

    private func buildRequest(_ call: Call) throws -> HTTPRequest {
        var base = endpoint.url.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        let text = base + call.path + (call.query.isEmpty ? "" : "?" + call.query)
        guard let url = URL(string: text) else {
            throw AWSError(code: "InvalidRequest", message: "cannot form a URL for \(call.operation)", service: service.rawValue)
        }
        var headers = call.headers
        headers.append(HTTPHeader(name: "User-Agent", value: configuration.userAgent))
        return HTTPRequest(method: call.method, url: url, headers: headers, body: call.body, timeout: configuration.timeout)
    }

    private func asAWSError(_ error: any Error) -> any Error {
        if let error = error as? AWSError { return error }
        if let error = error as? TransportError {
            return AWSError(
                code: AWSError.ClientCode.transport,
                message: "\(error) (endpoint \(endpoint.url.absoluteString))", service: service.rawValue
            )
        }
        return error
    }

    private func log(_ call: Call, attempt: Int, outcome: Result<HTTPResponse, any Error>, elapsed: Duration) {
        var metadata: Logger.Metadata = [
            "service": "\(service.rawValue)", "operation": "\(call.operation)", "attempt": "\(attempt)",
            "duration": "\(elapsed)",
        ]
        switch outcome {
        case let .success(response):
            metadata["status"] = "\(response.status)"
            if let requestID = response.header("x-amzn-RequestId") ?? response.header("x-amz-request-id") {
                metadata["requestID"] = "\(requestID)"
            }
            configuration.logger.debug("aws call", metadata: metadata)
        case let .failure(error):
            metadata["error"] = "\(asAWSError(error))"
            configuration.logger.debug("aws call failed", metadata: metadata)
        }
    }
}
