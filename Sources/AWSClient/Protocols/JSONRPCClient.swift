import Foundation
import HTTPCore

/// The AWS JSON protocols 1.0/1.1 (SSM, Pricing: 1.1; SQS: 1.0): POST `/` with `X-Amz-Target:
/// <prefix>.<Operation>` and a JSON body; errors carry `__type` and `message`.
package struct JSONRPCClient: Sendable {
    /// The transport-level client.
    package let client: AWSServiceClient
    /// The target prefix, e.g. `AmazonSSM`, `AWSPriceListService`, `AmazonSQS`.
    package let targetPrefix: String
    /// `1.0` or `1.1`.
    package let jsonVersion: String

    /// Creates a JSON-protocol client.
    package init(client: AWSServiceClient, targetPrefix: String, jsonVersion: String) {
        self.client = client
        self.targetPrefix = targetPrefix
        self.jsonVersion = jsonVersion
    }

    /// Calls `operation` with `input` and decodes the answer.
    package func call<Input: Encodable, Output: Decodable>(
        _ operation: String, _ input: Input, as _: Output.Type = Output.self, idempotency: Idempotency
    ) async throws -> Output {
        let body: Data
        do {
            body = try JSONEncoder().encode(input)
        } catch {
            throw AWSError(code: "InvalidRequest", message: "cannot encode \(operation) input", service: client.service.rawValue)
        }
        let response = try await client.send(
            AWSServiceClient.Call(
                operation: operation,
                headers: [
                    HTTPHeader(name: "Content-Type", value: "application/x-amz-json-\(jsonVersion)"),
                    HTTPHeader(name: "X-Amz-Target", value: "\(targetPrefix).\(operation)"),
                ],
                body: body, idempotency: idempotency
            ),
            parseError: Self.parseError
        )
        return try JSONAnswer.decode(Output.self, from: response, operation: operation, service: client.service)
    }

    /// Decodes a JSON error answer: `x-amzn-query-error` (SQS's legacy code) wins, then `__type` /
    /// `code` / `x-amzn-ErrorType`, each trimmed of namespace (`…#Code`) and suffix (`Code:…`).
    /// An XML body (what an authentication front end may answer, and moto does for signature
    /// failures) is read with the Query parser instead.
    package static func parseError(_ response: HTTPResponse, _ service: AWSService) -> AWSError {
        if response.body.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "<") {
            return QueryClient.parseError(response, service)
        }
        let document = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:]
        let rawCode = response.header("x-amzn-query-error").map { String($0.split(separator: ";").first ?? "") }
            ?? document["__type"] as? String ?? document["code"] as? String ?? document["Code"] as? String
            ?? response.header("x-amzn-ErrorType")
        var code = rawCode ?? (response.status >= 500 ? "InternalError" : AWSError.ClientCode.unknown)
        if let hash = code.lastIndex(of: "#") { code = String(code[code.index(after: hash)...]) }
        if let colon = code.firstIndex(of: ":") { code = String(code[..<colon]) }
        let message = document["message"] as? String ?? document["Message"] as? String ?? "HTTP \(response.status)"
        return AWSError(code: code, message: message, requestID: response.header("x-amzn-RequestId"),
                        status: response.status, service: service.rawValue)
    }
}

/// Shared JSON answer decoding with a typed error on mismatch.
enum JSONAnswer {
    static func decode<Output: Decodable>(
        _: Output.Type, from response: HTTPResponse, operation: String, service: AWSService
    ) throws -> Output {
        do {
            let body = response.body.isEmpty ? Data("{}".utf8) : response.body
            return try JSONDecoder().decode(Output.self, from: body)
        } catch {
            throw AWSError(code: AWSError.ClientCode.malformedResponse, message: "cannot decode \(operation) answer: \(error)",
                           status: response.status, service: service.rawValue)
        }
    }
}
