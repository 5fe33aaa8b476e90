import Foundation
import HTTPCore
import KubeModel
import Synchronization

/// ``KubeAPI`` over HTTP: builds REST paths from each kind's ``ResourceType``, paces requests with a
/// client-side rate limiter, decodes `Status` bodies into ``KubeError``, and streams watches line by
/// line from an ``HTTPStreamingTransport``.
package final class RESTClient: KubeAPI {
    /// Base URL of the API server, e.g. `https://127.0.0.1:6443`.
    package let server: URL
    /// Per verb and status counts, for `/metrics`.
    package let metrics = KubeRequestMetrics()
    private let transport: any HTTPStreamingTransport
    private let rateLimiter: (any RequestRateLimiting)?
    private let credentials: (any BearerTokenProviding)?
    private let requestTimeout: Duration
    private let userAgent: String
    private let evictionVersion = Mutex<String?>(nil)

    /// Creates a client. `credentials` supplies a bearer token per request (exec plugins); tokens and
    /// certificates known up front belong in the transport's settings instead.
    package init(
        server: URL, transport: any HTTPStreamingTransport, rateLimiter: (any RequestRateLimiting)? = TokenBucketRateLimiter(clock: ContinuousClock()),
        credentials: (any BearerTokenProviding)? = nil, requestTimeout: Duration = .seconds(30), userAgent: String = "karpenter-swift"
    ) {
        self.server = server
        self.transport = transport
        self.rateLimiter = rateLimiter
        self.credentials = credentials
        self.requestTimeout = requestTimeout
        self.userAgent = userAgent
    }

    // MARK: KubeAPI

    /// `GET` of the object path.
    package func get<Object: KubeResource>(_ type: Object.Type, name: String, namespace: String?) async throws -> Object {
        let path = Self.path(Object.resourceType, namespace: namespace, name: name)
        let response = try await perform("GET", path, context: "get \(Object.resourceType) \(Self.describe(namespace, name))")
        return try decode(Object.self, from: response, context: path)
    }

    /// `GET` of the collection path with selectors, `limit` and `continue` in the query.
    package func list<Object: KubeResource>(_ type: Object.Type, namespace: String?, options: ListOptions) async throws -> KubeList<Object> {
        let path = Self.path(Object.resourceType, namespace: namespace, name: nil)
        var query: [(String, String)] = []
        if let value = options.labelSelector { query.append(("labelSelector", value)) }
        if let value = options.fieldSelector { query.append(("fieldSelector", value)) }
        if let value = options.limit { query.append(("limit", String(value))) }
        if let value = options.continue { query.append(("continue", value)) }
        if let value = options.resourceVersion { query.append(("resourceVersion", value)) }
        let response = try await perform("GET", path, query: query, context: "list \(Object.resourceType)")
        return try decode(KubeList<Object>.self, from: response, context: path)
    }

    /// `GET ...?watch=true` streamed line by line without a deadline; a non-2xx answer throws its Status.
    package func watch<Object: KubeResource>(_ type: Object.Type, namespace: String?, options: WatchOptions) async throws -> KubeWatch<Object> {
        let path = Self.path(Object.resourceType, namespace: namespace, name: nil)
        var query: [(String, String)] = [("watch", "true")]
        if let value = options.resourceVersion { query.append(("resourceVersion", value)) }
        if let value = options.labelSelector { query.append(("labelSelector", value)) }
        if let value = options.fieldSelector { query.append(("fieldSelector", value)) }
        if options.allowBookmarks { query.append(("allowWatchBookmarks", "true")) }
        if let value = options.timeoutSeconds { query.append(("timeoutSeconds", String(value))) }
        let context = "watch \(Object.resourceType)"
        let request = try await makeRequest("GET", path, query: query, body: Data(), contentType: nil, timeout: nil)
        let started = ContinuousClock.now
        let response: HTTPStreamingResponse
        do {
            response = try await transport.stream(request)
        } catch let error as TransportError {
            metrics.record(verb: "WATCH", code: 0, duration: started.duration(to: .now))
            throw KubeError.transport(error)
        }
        metrics.record(verb: "WATCH", code: response.status, duration: started.duration(to: .now))
        let lines = response.lines
        guard response.isSuccess else {
            let body = (try? await lines.collect(maxLines: 100)).map { Data($0.joined(separator: Data([0x0A]))) } ?? Data()
            throw KubeError(code: response.status, status: try? JSONDecoder().decode(Status.self, from: body), context: context)
        }
        return KubeWatch {
            while true {
                let line: Data?
                do {
                    line = try await lines.nextLine()
                } catch let error as TransportError {
                    throw KubeError.transport(error)
                }
                guard let line else { return nil }
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                do {
                    return try JSONDecoder().decode(WatchEvent<Object>.self, from: line)
                } catch {
                    throw KubeError.decoding("\(context): undecodable watch event: \(error)")
                }
            }
        }
    }

    /// `POST` to the collection (the namespace comes from the object).
    package func create<Object: KubeResource>(_ object: Object) async throws -> Object {
        let path = Self.path(Object.resourceType, namespace: object.metadata.namespace, name: nil)
        let context = "create \(Object.resourceType) \(Self.describe(object.metadata.namespace, object.metadata.name ?? object.metadata.generateName ?? ""))"
        let response = try await perform("POST", path, body: try encode(object), context: context)
        return try decode(Object.self, from: response, context: path)
    }

    /// `PUT` of the object or its `/status`.
    package func update<Object: KubeResource>(_ object: Object, subresource: KubeSubresource?) async throws -> Object {
        let name = object.metadata.name ?? ""
        let path = Self.path(Object.resourceType, namespace: object.metadata.namespace, name: name, subresource: subresource)
        let context = "update \(Object.resourceType)\(subresource.map { "/\($0.rawValue)" } ?? "") \(Self.describe(object.metadata.namespace, name))"
        let response = try await perform("PUT", path, body: try encode(object), context: context)
        return try decode(Object.self, from: response, context: path)
    }

    /// `PATCH` with the merge or JSON patch media type.
    package func patch<Object: KubeResource>(
        _ type: Object.Type, name: String, namespace: String?, patch: KubePatch, subresource: KubeSubresource?
    ) async throws -> Object {
        let path = Self.path(Object.resourceType, namespace: namespace, name: name, subresource: subresource)
        let context = "patch \(Object.resourceType)\(subresource.map { "/\($0.rawValue)" } ?? "") \(Self.describe(namespace, name))"
        let response = try await perform("PATCH", path, body: patch.body, contentType: patch.contentType, context: context)
        return try decode(Object.self, from: response, context: path)
    }

    /// `DELETE` with the options as the body.
    package func delete<Object: KubeResource>(_ type: Object.Type, name: String, namespace: String?, options: DeleteOptions) async throws {
        let path = Self.path(Object.resourceType, namespace: namespace, name: name)
        _ = try await perform("DELETE", path, body: try encode(options), context: "delete \(Object.resourceType) \(Self.describe(namespace, name))")
    }

    /// `POST pods/<name>/eviction` with the Eviction version discovery reports.
    package func evict(podName: String, namespace: String, options: DeleteOptions) async throws {
        let version = try await policyVersion()
        let eviction = Eviction(namespace: namespace, name: podName, apiVersion: version, deleteOptions: options)
        let path = "/api/v1/namespaces/\(Self.segment(namespace))/pods/\(Self.segment(podName))/eviction"
        _ = try await perform("POST", path, body: try encode(eviction), context: "evict pod \(namespace)/\(podName)")
    }

    // MARK: discovery

    /// `policy/v1` when the server serves it (Kubernetes ≥ 1.22), else `policy/v1beta1`; asked once.
    package func policyVersion() async throws -> String {
        if let known = evictionVersion.withLock({ $0 }) { return known }
        let version: String
        do {
            _ = try await perform("GET", "/apis/policy/v1", context: "discover policy/v1")
            version = "policy/v1"
        } catch KubeError.notFound {
            version = "policy/v1beta1"
        }
        evictionVersion.withLock { $0 = version }
        return version
    }

    // MARK: plumbing

    private func makeRequest(
        _ method: String, _ path: String, query: [(String, String)], body: Data, contentType: String?, timeout: Duration?
    ) async throws -> HTTPRequest {
        try await rateLimiter?.acquire()
        let base = server.absoluteString.hasSuffix("/") ? String(server.absoluteString.dropLast()) : server.absoluteString
        let queryText = query.isEmpty ? "" : "?" + query.map { "\($0.0)=\(Self.queryValue($0.1))" }.joined(separator: "&")
        guard let url = URL(string: base + path + queryText) else {
            throw KubeError.badRequest("cannot form a URL from \(base) and \(path)")
        }
        var request = HTTPRequest(method: method, url: url, body: body, timeout: timeout)
        request.setHeader("Accept", "application/json")
        request.setHeader("User-Agent", userAgent)
        if let contentType { request.setHeader("Content-Type", contentType) }
        if let credentials { request.setHeader("Authorization", "Bearer \(try await credentials.token())") }
        return request
    }

    private func perform(
        _ method: String, _ path: String, query: [(String, String)] = [], body: Data = Data(),
        contentType: String = "application/json", context: String
    ) async throws -> HTTPResponse {
        var response = try await exchange(method, path, query: query, body: body, contentType: contentType)
        if response.status == 401, let credentials {
            // An expired exec-plugin token: fetch a fresh one and try once more.
            await credentials.invalidate()
            response = try await exchange(method, path, query: query, body: body, contentType: contentType)
        }
        guard response.isSuccess else {
            throw KubeError(code: response.status, status: try? JSONDecoder().decode(Status.self, from: response.body), context: context)
        }
        return response
    }

    private func exchange(_ method: String, _ path: String, query: [(String, String)], body: Data, contentType: String) async throws -> HTTPResponse {
        let request = try await makeRequest(method, path, query: query, body: body, contentType: body.isEmpty ? nil : contentType, timeout: requestTimeout)
        let started = ContinuousClock.now
        do {
            let response = try await transport.send(request)
            metrics.record(verb: method, code: response.status, duration: started.duration(to: .now))
            return response
        } catch let error as TransportError {
            metrics.record(verb: method, code: 0, duration: started.duration(to: .now))
            throw KubeError.transport(error)
        }
    }

    private func encode(_ value: some Encodable) throws -> Data {
        do {
            return try JSONEncoder().encode(value)
        } catch {
            throw KubeError.badRequest("cannot encode request body: \(error)")
        }
    }

    private func decode<Value: Decodable>(_ type: Value.Type, from response: HTTPResponse, context: String) throws -> Value {
        do {
            return try JSONDecoder().decode(Value.self, from: response.body)
        } catch {
            throw KubeError.decoding("cannot decode \(Value.self) from \(context): \(error)")
        }
    }

    /// The REST path of a collection, an object, or an object's subresource.
    package static func path(_ type: ResourceType, namespace: String?, name: String?, subresource: KubeSubresource? = nil) -> String {
        var path = type.pathPrefix
        if type.namespaced, let namespace, !namespace.isEmpty { path += "/namespaces/\(segment(namespace))" }
        path += "/\(type.plural)"
        if let name { path += "/\(segment(name))" }
        if let subresource { path += "/\(subresource.rawValue)" }
        return path
    }

    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    private static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static func describe(_ namespace: String?, _ name: String) -> String {
        if let namespace, !namespace.isEmpty { return "\(namespace)/\(name)" }
        return name
    }
}
