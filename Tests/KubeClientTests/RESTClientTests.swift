import Foundation
import HTTPCore
import KubeClient
import KubeModel
import Testing

@Suite struct RESTClientTests {
    let server = URL(string: "https://127.0.0.1:6443")!

    func client(_ transport: FakeHTTPTransport) -> RESTClient {
        RESTClient(server: server, transport: transport, rateLimiter: nil)
    }

    @Test func listEncodesSelectorsAndPaginationInTheQuery() async throws {
        let transport = FakeHTTPTransport { _ in FakeHTTPTransport.json(200, #"{"kind":"PodList","metadata":{"resourceVersion":"7"},"items":null}"#) }
        let list = try await client(transport).list(
            Pod.self, namespace: "kube-system",
            options: ListOptions(labelSelector: "app in (a,b),!gpu", fieldSelector: "spec.nodeName=node-1", limit: 50, continue: "tok+en="))
        #expect(list.items.isEmpty)
        #expect(list.metadata.resourceVersion == "7")
        let request = try #require(transport.requests.first)
        #expect(request.method == "GET")
        #expect(request.url.absoluteString == "https://127.0.0.1:6443/api/v1/namespaces/kube-system/pods?labelSelector=app%20in%20%28a%2Cb%29%2C%21gpu&fieldSelector=spec.nodeName%3Dnode-1&limit=50&continue=tok%2Ben%3D")
        #expect(request.header("Accept") == "application/json")
    }

    @Test(arguments: [
        ("cluster-scoped object", RESTClient.path(Node.resourceType, namespace: "ignored", name: "n1"), "/api/v1/nodes/n1"),
        ("namespaced status", RESTClient.path(Pod.resourceType, namespace: "ns", name: "p", subresource: .status), "/api/v1/namespaces/ns/pods/p/status"),
        ("group collection", RESTClient.path(Lease.resourceType, namespace: "kube-system", name: nil), "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases"),
        ("all namespaces", RESTClient.path(Pod.resourceType, namespace: nil, name: nil), "/api/v1/pods"),
    ])
    func paths(_ name: String, _ actual: String, _ expected: String) {
        #expect(actual == expected, "\(name)")
    }

    @Test func statusBodiesBecomeTypedErrors() async throws {
        let transport = FakeHTTPTransport { _ in
            FakeHTTPTransport.json(409, #"{"kind":"Status","status":"Failure","message":"the object has been modified","reason":"Conflict","code":409}"#)
        }
        await #expect(throws: KubeError.conflict("update pods ns/p: the object has been modified")) {
            _ = try await client(transport).update(Pod(metadata: ObjectMeta(name: "p", namespace: "ns")))
        }
        let request = try #require(transport.requests.first)
        #expect(request.method == "PUT")
        #expect(request.header("Content-Type") == "application/json")
    }

    @Test func evictionFallsBackToV1beta1WhenDiscoveryLacksPolicyV1() async throws {
        let transport = FakeHTTPTransport { request in
            switch request.url.path {
            case "/apis/policy/v1": FakeHTTPTransport.json(404, #"{"kind":"Status","reason":"NotFound","code":404}"#)
            default: FakeHTTPTransport.json(201, #"{"kind":"Status","status":"Success"}"#)
            }
        }
        let client = client(transport)
        try await client.evict(podName: "web-1", namespace: "prod", options: DeleteOptions(gracePeriodSeconds: 5))
        try await client.evict(podName: "web-2", namespace: "prod", options: DeleteOptions())
        #expect(transport.requests.map(\.url.path) == [
            "/apis/policy/v1", "/api/v1/namespaces/prod/pods/web-1/eviction", "/api/v1/namespaces/prod/pods/web-2/eviction",
        ])
        let body = try JSONSerialization.jsonObject(with: transport.requests[1].body) as? [String: Any]
        #expect(body?["apiVersion"] as? String == "policy/v1beta1")
        #expect((body?["deleteOptions"] as? [String: Any])?["gracePeriodSeconds"] as? Int == 5)
    }

    @Test func evictionRefusedByBudgetIsTooManyRequests() async throws {
        let transport = FakeHTTPTransport { request in
            request.url.path == "/apis/policy/v1"
                ? FakeHTTPTransport.json(200, #"{"kind":"APIResourceList"}"#)
                : FakeHTTPTransport.json(429, #"{"kind":"Status","message":"Cannot evict pod as it would violate the pod's disruption budget.","reason":"TooManyRequests","details":{"retryAfterSeconds":10},"code":429}"#)
        }
        do {
            try await client(transport).evict(podName: "p", namespace: "ns", options: DeleteOptions())
            Issue.record("expected 429")
        } catch let KubeError.tooManyRequests(message, retryAfter) {
            #expect(message.contains("disruption budget"))
            #expect(retryAfter == 10)
        }
        let body = try JSONSerialization.jsonObject(with: try #require(transport.requests.last).body) as? [String: Any]
        #expect(body?["apiVersion"] as? String == "policy/v1")
    }

    @Test func watchDecodesEventsIncludingBookmarksAndErrors() async throws {
        let body = """
        {"type":"ADDED","object":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"a","namespace":"ns","resourceVersion":"11"},"spec":{"containers":[]}}}

        {"type":"BOOKMARK","object":{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"12"}}}
        {"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 5 (10)","reason":"Expired","code":410}}
        """
        let transport = FakeHTTPTransport { _ in FakeHTTPTransport.json(200, body) }
        let watch = try await client(transport).watch(Pod.self, namespace: "ns", options: WatchOptions(resourceVersion: "10", timeoutSeconds: 60))
        var seen: [String] = []
        for try await event in watch {
            switch event {
            case let .added(pod): seen.append("added \(pod.metadata.name ?? "")")
            case let .bookmark(version): seen.append("bookmark \(version)")
            case let .error(status): seen.append("error \(status.code ?? 0) \(status.reason ?? "")")
            default: seen.append("other")
            }
        }
        #expect(seen == ["added a", "bookmark 12", "error 410 Expired"])
        let query = try #require(transport.requests.first?.url.query)
        #expect(query == "watch=true&resourceVersion=10&allowWatchBookmarks=true&timeoutSeconds=60")
        #expect(transport.requests.first?.timeout == nil)
    }

    @Test func watchRejectedUpFrontThrowsTheStatus() async throws {
        let transport = FakeHTTPTransport { _ in FakeHTTPTransport.json(403, #"{"kind":"Status","message":"pods is forbidden","reason":"Forbidden","code":403}"#) }
        await #expect(throws: KubeError.forbidden("watch pods: pods is forbidden")) {
            _ = try await client(transport).watch(Pod.self, namespace: nil, options: WatchOptions())
        }
    }

    @Test func transportFailuresAreWrappedAndCounted() async throws {
        struct Unreachable: HTTPStreamingTransport {
            func send(_ request: HTTPRequest) async throws -> HTTPResponse { throw TransportError.connectionFailed(host: "127.0.0.1", detail: "refused") }
            func stream(_ request: HTTPRequest) async throws -> HTTPStreamingResponse { throw TransportError.cancelled }
        }
        let client = RESTClient(server: server, transport: Unreachable(), rateLimiter: nil)
        await #expect(throws: KubeError.transport(.connectionFailed(host: "127.0.0.1", detail: "refused"))) {
            _ = try await client.get(Node.self, name: "n")
        }
        #expect(client.metrics.snapshot[KubeRequestMetrics.Key(verb: "GET", code: 0)]?.count == 1)
    }

    @Test func rejectedExecTokenIsRefreshedOnce() async throws {
        actor RotatingToken: BearerTokenProviding {
            var generation = 1
            func token() async throws -> String { "token-\(generation)" }
            func invalidate() async { generation += 1 }
        }
        let transport = FakeHTTPTransport { request in
            request.header("Authorization") == "Bearer token-2"
                ? FakeHTTPTransport.json(200, #"{"kind":"Node","apiVersion":"v1","metadata":{"name":"n"}}"#)
                : FakeHTTPTransport.json(401, #"{"kind":"Status","reason":"Unauthorized","code":401}"#)
        }
        let client = RESTClient(server: server, transport: transport, rateLimiter: nil, credentials: RotatingToken())
        let node = try await client.get(Node.self, name: "n")
        #expect(node.metadata.name == "n")
        #expect(transport.requests.map { $0.header("Authorization") } == ["Bearer token-1", "Bearer token-2"])
    }
}
