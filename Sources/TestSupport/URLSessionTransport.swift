import Foundation
import HTTPCore
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// TEST-ONLY HTTP transport over Foundation's URLSession, so the AWS client's integration tests can
/// reach moto_server before the libcurl transport (`CurlTransport`) is merged. Production code must
/// use `CurlTransport`; the lead swaps this out after the merge.
///
/// It sends the request's headers except `Host` (URLSession derives the same value from the URL, and
/// the signer signs exactly that value), returns non-2xx answers as responses, and maps URLSession
/// failures onto ``TransportError`` without including any header value.
package final class URLSessionTransport: HTTPTransport {
    private let session: URLSession

    /// Creates a transport with an ephemeral session (no cookies, no cache).
    package init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    /// Performs `request` and collects the whole answer.
    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        for header in request.headers where header.name.caseInsensitiveCompare("Host") != .orderedSame {
            urlRequest.addValue(header.value, forHTTPHeaderField: header.name)
        }
        if !request.body.isEmpty { urlRequest.httpBody = request.body }
        if let timeout = request.timeout {
            urlRequest.timeoutInterval = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        }
        let host = request.url.host ?? "?"
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch let error as URLError {
            switch error.code {
            case .timedOut: throw TransportError.timedOut(host: host)
            case .cancelled: throw TransportError.cancelled
            case .cannotConnectToHost, .cannotFindHost, .networkConnectionLost, .notConnectedToInternet:
                throw TransportError.connectionFailed(host: host, detail: "URLError \(error.code.rawValue)")
            default: throw TransportError.other(detail: "URLError \(error.code.rawValue) talking to \(host)")
            }
        } catch {
            throw TransportError.other(detail: "URLSession failure talking to \(host)")
        }
        guard let http = response as? HTTPURLResponse else {
            throw TransportError.other(detail: "non-HTTP answer from \(host)")
        }
        var headers: [HTTPHeader] = []
        for (name, value) in http.allHeaderFields {
            headers.append(HTTPHeader(name: "\(name)", value: "\(value)"))
        }
        return HTTPResponse(status: http.statusCode, headers: headers, body: data)
    }
}
