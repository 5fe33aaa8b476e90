import Foundation
import HTTPCore
import SigV4

/// The AWS REST-JSON protocol (EKS): the operation is the method and path, JSON bodies, errors in
/// `x-amzn-ErrorType` plus a `message` body.
package struct RESTJSONClient: Sendable {
    /// The transport-level client.
    package let client: AWSServiceClient

    /// Creates a REST-JSON client.
    package init(client: AWSServiceClient) { self.client = client }

    /// Calls `method path` (path segments are encoded here) and decodes the answer.
    package func call<Output: Decodable>(
        _ operation: String, method: String, pathSegments: [String], as _: Output.Type = Output.self,
        idempotency: Idempotency
    ) async throws -> Output {
        let path = "/" + pathSegments.map { URIEncoding.encode($0) }.joined(separator: "/")
        let response = try await client.send(
            AWSServiceClient.Call(operation: operation, method: method, path: path, idempotency: idempotency),
            parseError: JSONRPCClient.parseError
        )
        return try JSONAnswer.decode(Output.self, from: response, operation: operation, service: client.service)
    }
}
