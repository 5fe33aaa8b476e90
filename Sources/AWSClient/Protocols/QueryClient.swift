import Foundation
import HTTPCore
import XMLCoder

/// The AWS Query protocol: form-encoded POST of `Action`, `Version` and parameters; XML answers.
///
/// EC2 answers `<ActionResponse>` with the fields directly inside; IAM and STS wrap them in
/// `<ActionResult>` and use capitalised element names (``ResultStyle``).
package struct QueryClient: Sendable {
    /// How a service shapes its XML answers.
    package enum ResultStyle: Sendable {
        /// EC2: fields directly under the root, lower-camel names, lists of `<item>`.
        case ec2
        /// IAM/STS: fields under `<ActionResult>`, capitalised names, lists of `<member>`.
        case wrapped
    }

    /// The transport-level client.
    package let client: AWSServiceClient
    /// The API version sent as `Version`.
    package let version: String
    /// How answers are shaped.
    package let style: ResultStyle

    /// Creates a Query client.
    package init(client: AWSServiceClient, version: String, style: ResultStyle) {
        self.client = client
        self.version = version
        self.style = style
    }

    /// Calls `action` whose answer carries no result (only request metadata).
    package func perform(_ action: String, _ parameters: QueryParameters, idempotency: Idempotency) async throws {
        _ = try await send(action, parameters, idempotency: idempotency, signed: true)
    }

    /// Calls `action` and decodes the answer into `Output`.
    package func call<Output: Decodable>(
        _ action: String, _ parameters: QueryParameters = QueryParameters(), as _: Output.Type = Output.self,
        idempotency: Idempotency, signed: Bool = true
    ) async throws -> Output {
        let response = try await send(action, parameters, idempotency: idempotency, signed: signed)
        let decoder = XMLDecoder()
        do {
            switch style {
            case .ec2:
                return try decoder.decode(Output.self, from: response.body)
            case .wrapped:
                decoder.keyDecodingStrategy = .convertFromCapitalized
                if let key = QueryUserInfo.action { decoder.userInfo[key] = action }
                return try decoder.decode(QueryResultEnvelope<Output>.self, from: response.body).result
            }
        } catch {
            throw AWSError(
                code: AWSError.ClientCode.malformedResponse,
                message: "cannot decode \(action) answer: \(error)", status: response.status, service: client.service.rawValue
            )
        }
    }

    private func send(_ action: String, _ parameters: QueryParameters, idempotency: Idempotency, signed: Bool) async throws -> HTTPResponse {
        try await client.send(
            AWSServiceClient.Call(
                operation: action,
                headers: [HTTPHeader(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8")],
                body: Data(parameters.formBody(action: action, version: version).utf8),
                idempotency: idempotency, signed: signed
            ),
            parseError: Self.parseError
        )
    }

    /// Decodes both Query error shapes: EC2's `<Response><Errors><Error>` and IAM/STS's `<ErrorResponse><Error>`.
    package static func parseError(_ response: HTTPResponse, _ service: AWSService) -> AWSError {
        let decoder = XMLDecoder()
        if let ec2 = try? decoder.decode(EC2ErrorDocument.self, from: response.body), let first = ec2.Errors.Error.first {
            return AWSError(code: first.Code, message: first.Message ?? "", requestID: ec2.RequestID ?? ec2.RequestId,
                            status: response.status, service: service.rawValue)
        }
        if let wrapped = try? decoder.decode(QueryErrorDocument.self, from: response.body) {
            return AWSError(code: wrapped.Error.Code, message: wrapped.Error.Message ?? "",
                            requestID: wrapped.RequestId ?? wrapped.RequestID, status: response.status, service: service.rawValue)
        }
        return AWSError(
            code: response.status >= 500 ? "InternalError" : AWSError.ClientCode.unknown,
            message: "HTTP \(response.status) without an error document",
            requestID: response.header("x-amzn-RequestId"), status: response.status, service: service.rawValue
        )
    }
}

private struct EC2ErrorDocument: Decodable {
    struct Errors: Decodable { let Error: [ErrorEntry] }
    let Errors: Errors
    let RequestID: String?
    let RequestId: String?
}

private struct QueryErrorDocument: Decodable {
    let Error: ErrorEntry
    let RequestId: String?
    let RequestID: String?
}

private struct ErrorEntry: Decodable {
    let Code: String
    let Message: String?
}

/// `<ActionResponse><ActionResult>…</ActionResult></ActionResponse>`: finds the result element by the
/// action name passed in the decoder's user info.
struct QueryResultEnvelope<Result: Decodable>: Decodable {
    let result: Result

    init(from decoder: any Decoder) throws {
        let action = QueryUserInfo.action.flatMap { decoder.userInfo[$0] as? String } ?? ""
        let container = try decoder.container(keyedBy: DynamicKey.self)
        // The decoder's `.convertFromCapitalized` strategy has already lower-cased the first letter.
        let name = action.prefix(1).lowercased() + action.dropFirst() + "Result"
        result = try container.decode(Result.self, forKey: DynamicKey(stringValue: name))
    }
}

/// The user-info key carrying the action name to ``QueryResultEnvelope``.
enum QueryUserInfo {
    static let action = CodingUserInfoKey(rawValue: "queryAction")
}

/// A coding key made from any string, for element names known only at run time.
struct DynamicKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue _: Int) { nil }
}
