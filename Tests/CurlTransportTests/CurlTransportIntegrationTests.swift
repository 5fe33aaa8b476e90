import CurlTransport
import Foundation
import HTTPCore
import Testing

/// libcurl transport against the real kube-apiserver started by `hack/control-plane.sh` (HTTPS with the
/// script's CA, admin bearer token and an admin client certificate).
@Suite("CurlTransportIntegration")
struct CurlTransportIntegrationTests {
    struct Peer {
        var server: URL
        var caFile: String
        var tokenFile: String
        var clientCertificate: String
        var clientKey: String
        var token: String { (try? String(contentsOfFile: tokenFile, encoding: .utf8)) ?? "" }
    }

    struct MissingPeer: Error, CustomStringConvertible {
        var description = "the control plane is not running: use `make test-integration` or `eval \"$(hack/control-plane.sh env)\"`"
    }

    static func peer() throws -> Peer {
        let environment = ProcessInfo.processInfo.environment
        guard let server = environment["KARPENTER_TEST_KUBE_SERVER"].flatMap(URL.init(string:)),
              let ca = environment["KARPENTER_TEST_KUBE_CA_FILE"], let token = environment["KARPENTER_TEST_KUBE_TOKEN_FILE"],
              let certificate = environment["KARPENTER_TEST_KUBE_CLIENT_CERT"], let key = environment["KARPENTER_TEST_KUBE_CLIENT_KEY"] else {
            throw MissingPeer()
        }
        return Peer(server: server, caFile: ca, tokenFile: token, clientCertificate: certificate, clientKey: key)
    }

    func get(_ transport: CurlTransport, _ peer: Peer, _ path: String) async throws -> HTTPResponse {
        try await transport.send(HTTPRequest(method: "GET", url: peer.server.appendingPathComponent(path), timeout: .seconds(10)))
    }

    @Test func serverCertificateIsVerifiedAgainstTheConfiguredCA() async throws {
        let peer = try Self.peer()
        let untrusting = try CurlTransport(settings: HTTPConnectionSettings(bearerToken: .file(peer.tokenFile)))
        do {
            _ = try await get(untrusting, peer, "/version")
            Issue.record("expected a TLS verification failure without the CA")
        } catch let error as TransportError {
            guard case .tls = error else {
                Issue.record("expected .tls, got \(error)")
                return
            }
        }
        let trusting = try CurlTransport(settings: HTTPConnectionSettings(certificateAuthority: .file(peer.caFile), bearerToken: .file(peer.tokenFile)))
        let version = try await get(trusting, peer, "/version")
        #expect(version.status == 200)
        #expect(String(decoding: version.body, as: UTF8.self).contains("v1.20.2"))
    }

    @Test(arguments: ["file", "data"])
    func clientCertificateAuthenticates(_ form: String) async throws {
        let peer = try Self.peer()
        let certificate: PEMSource = form == "file" ? .file(peer.clientCertificate) : .data(try Data(contentsOf: URL(fileURLWithPath: peer.clientCertificate)))
        let key: PEMSource = form == "file" ? .file(peer.clientKey) : .data(try Data(contentsOf: URL(fileURLWithPath: peer.clientKey)))
        let ca: PEMSource = form == "file" ? .file(peer.caFile) : .data(try Data(contentsOf: URL(fileURLWithPath: peer.caFile)))
        let transport = try CurlTransport(settings: HTTPConnectionSettings(certificateAuthority: ca, clientCertificate: certificate, clientKey: key))
        #expect(try await get(transport, peer, "/api/v1/namespaces/default").status == 200)
        let anonymous = try CurlTransport(settings: HTTPConnectionSettings(certificateAuthority: ca))
        #expect([401, 403].contains(try await get(anonymous, peer, "/api/v1/namespaces/default").status))
    }

    @Test func tokenFileIsRereadWhenItChanges() async throws {
        let peer = try Self.peer()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("token-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("not-a-valid-token".utf8).write(to: file)
        let transport = try CurlTransport(settings: HTTPConnectionSettings(certificateAuthority: .file(peer.caFile), bearerToken: .file(file.path)))
        #expect(try await get(transport, peer, "/api/v1/namespaces/default").status == 401)
        try Data((peer.token + "\n").utf8).write(to: file)
        #expect(try await get(transport, peer, "/api/v1/namespaces/default").status == 200)
    }

    @Test func cancellingAQuietWatchAbortsTheTransfer() async throws {
        let peer = try Self.peer()
        let transport = try CurlTransport(settings: HTTPConnectionSettings(certificateAuthority: .file(peer.caFile), bearerToken: .file(peer.tokenFile)))
        let url = try #require(URL(string: peer.server.absoluteString + "/api/v1/namespaces/kube-node-lease/pods?watch=true&resourceVersion=0"))
        let response = try await transport.stream(HTTPRequest(method: "GET", url: url))
        #expect(response.status == 200)
        let reader = Task { try await response.lines.collect() }
        reader.cancel()
        await #expect(throws: (any Error).self) { _ = try await reader.value }
        // The connection pool still works afterwards.
        #expect(try await get(transport, peer, "/version").status == 200)
    }

    @Test func streamWithATinyBufferDeliversEveryLineInOrder() async throws {
        let peer = try Self.peer()
        let transport = try CurlTransport(
            settings: HTTPConnectionSettings(certificateAuthority: .file(peer.caFile), bearerToken: .file(peer.tokenFile)), streamBufferLines: 2)
        // Pretty-printed discovery of core/v1: hundreds of short lines that do not change while other tests write.
        let url = try #require(URL(string: peer.server.absoluteString + "/api/v1?pretty=true"))
        let whole = try await transport.send(HTTPRequest(method: "GET", url: url, headers: [HTTPHeader(name: "Accept", value: "application/json")]))
        let streamed = try await transport.stream(HTTPRequest(method: "GET", url: url, headers: [HTTPHeader(name: "Accept", value: "application/json")]))
        var lines: [Data] = []
        for try await line in streamed.lines { lines.append(line) }
        let expected = whole.body.split(separator: 0x0A, omittingEmptySubsequences: false).map { Data($0) }
        #expect(lines.count > 100)
        #expect(lines == (expected.last?.isEmpty == true ? Array(expected.dropLast()) : expected))
    }
}
