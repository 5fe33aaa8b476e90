import Foundation
import HTTPCore

/// The EC2 instance metadata service, version 2 only: a session token from `PUT /latest/api/token`,
/// then `GET`s carrying it. Endpoint from `AWS_EC2_METADATA_SERVICE_ENDPOINT` (default
/// `http://169.254.169.254`); disabled by `AWS_EC2_METADATA_DISABLED=true`.
package struct IMDSClient: Sendable {
    /// Base URL of the metadata service.
    package let endpoint: URL
    /// Whether the environment turned IMDS off.
    package let isDisabled: Bool
    private let transport: any HTTPTransport

    /// Creates a client from the environment.
    package init(environment: AWSEnvironment, transport: any HTTPTransport) {
        endpoint = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"].flatMap(URL.init(string:))
            ?? URL(string: "http://169.254.169.254").orRoot
        isDisabled = environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true"
        self.transport = transport
    }

    /// Why a metadata read failed.
    package enum Failure: Error, Sendable, CustomStringConvertible {
        /// `AWS_EC2_METADATA_DISABLED=true`.
        case disabled
        /// The service answered with a non-2xx status.
        case status(path: String, status: Int)
        /// The service could not be reached.
        case unreachable(String)

        /// What failed, naming the path but never the token.
        package var description: String {
            switch self {
            case .disabled: "IMDS is disabled (AWS_EC2_METADATA_DISABLED=true)"
            case let .status(path, status): "IMDS answered HTTP \(status) for \(path)"
            case let .unreachable(detail): "IMDS unreachable: \(detail)"
            }
        }
    }

    /// Reads `path` (e.g. `/latest/meta-data/placement/region`) with a fresh session token.
    package func get(_ path: String) async throws(Failure) -> Data {
        guard !isDisabled else { throw .disabled }
        let tokenRequest = HTTPRequest(
            method: "PUT", url: endpoint.appendingPathComponent("latest/api/token"),
            headers: [HTTPHeader(name: "X-aws-ec2-metadata-token-ttl-seconds", value: "21600")],
            timeout: .seconds(2)
        )
        let token = try await exchange(tokenRequest, path: "/latest/api/token")
        let request = HTTPRequest(
            method: "GET", url: endpoint.appendingPathComponent(String(path.drop { $0 == "/" })),
            headers: [HTTPHeader(name: "X-aws-ec2-metadata-token", value: String(decoding: token, as: UTF8.self))],
            timeout: .seconds(2)
        )
        return try await exchange(request, path: path)
    }

    private func exchange(_ request: HTTPRequest, path: String) async throws(Failure) -> Data {
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw .unreachable("\(error)")
        }
        guard response.isSuccess else { throw .status(path: path, status: response.status) }
        return response.body
    }
}

private extension Optional where Wrapped == URL {
    /// The literal default endpoint always parses; the fallback only avoids a force unwrap.
    var orRoot: URL { self ?? URL(fileURLWithPath: "/") }
}
