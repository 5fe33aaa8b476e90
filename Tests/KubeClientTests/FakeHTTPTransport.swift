import Foundation
import HTTPCore
import Synchronization

/// An in-memory HTTP peer: answers each request from a routing function and records every request,
/// so tests see exactly what the client put on the wire. Streams split the response body into lines.
final class FakeHTTPTransport: HTTPStreamingTransport {
    typealias Route = @Sendable (HTTPRequest) -> HTTPResponse

    private let route: Route
    private let recorded = Mutex<[HTTPRequest]>([])

    init(route: @escaping Route) { self.route = route }

    var requests: [HTTPRequest] { recorded.withLock { $0 } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        recorded.withLock { $0.append(request) }
        return route(request)
    }

    func stream(_ request: HTTPRequest) async throws -> HTTPStreamingResponse {
        let response = try await send(request)
        let lines = Mutex(response.body.split(separator: 0x0A, omittingEmptySubsequences: false).map { Data($0) })
        return HTTPStreamingResponse(status: response.status, headers: response.headers, lines: HTTPLineStream {
            lines.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        })
    }

    /// A JSON response.
    static func json(_ status: Int, _ text: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: [HTTPHeader(name: "Content-Type", value: "application/json")], body: Data(text.utf8))
    }
}
