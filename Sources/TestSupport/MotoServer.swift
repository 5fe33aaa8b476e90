import CurlTransport
import Foundation
import HTTPCore
import SigV4

/// The moto_server peer for the AWS integration tests, started by `hack/moto.sh start` (idempotent;
/// `make test-integration` also starts and stops it).
///
/// Each test calls ``provision(allowingUnsignedWebIdentity:)``: it resets moto, re-arms signature
/// checking so that exactly the setup calls pass unauthenticated (IAM user, its policy, its access
/// key, a role, its policy, and, when asked, the one unsigned AssumeRoleWithWebIdentity), and returns
/// the user's real keys. Every later call is verified by moto: EC2 answers 401 AuthFailure, other
/// services 403 SignatureDoesNotMatch on a bad signature.
package struct MotoServer: Sendable {
    /// Base URL, e.g. `http://127.0.0.1:5199`.
    package let url: URL
    /// The libcurl transport the tests send AWS calls through (the production transport).
    package let transport: CurlTransport

    /// Starts (or finds) the server.
    package static func start() throws -> MotoServer {
        let output = try ChildProcess.run(["bash", "hack/moto.sh", "start"], directory: ChildProcess.repositoryRoot)
        let text = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let url = URL(string: text.split(separator: "\n").last.map(String.init) ?? "") else {
            throw ChildProcess.Failure(command: "hack/moto.sh start", status: 0, stderr: "printed no URL: \(text)")
        }
        return MotoServer(url: url, transport: try CurlTransport())
    }

    /// The account the setup created.
    package struct Account: Sendable {
        /// The IAM user's access key ID.
        package let accessKeyID: String
        /// The IAM user's secret.
        package let secretAccessKey: Secret
        /// A role whose trust policy admits web identities.
        package let roleARN: String
    }

    /// Why moto setup failed.
    package struct SetupFailure: Error, CustomStringConvertible {
        /// What failed.
        package let description: String
    }

    /// Resets moto and creates the signing identity; see the type's documentation.
    package func provision(allowingUnsignedWebIdentity: Bool = false) async throws -> Account {
        _ = try await post("/moto-api/reset", body: "")
        let freeCalls = allowingUnsignedWebIdentity ? 6 : 5
        _ = try await post("/moto-api/reset-auth", body: "\(freeCalls)", contentType: "text/plain")
        let allowAll = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/TEST"},"Action":"sts:AssumeRoleWithWebIdentity"}]}"#
        _ = try await iam("CreateUser", ["UserName": "karpenter-test"])
        _ = try await iam("PutUserPolicy", ["UserName": "karpenter-test", "PolicyName": "all", "PolicyDocument": allowAll])
        let keyXML = try await iam("CreateAccessKey", ["UserName": "karpenter-test"])
        let roleXML = try await iam("CreateRole", ["RoleName": "KarpenterControllerRole", "AssumeRolePolicyDocument": trust])
        _ = try await iam("PutRolePolicy", ["RoleName": "KarpenterControllerRole", "PolicyName": "all", "PolicyDocument": allowAll])
        guard let keyID = element("AccessKeyId", in: keyXML), let secret = element("SecretAccessKey", in: keyXML),
              let role = element("Arn", in: roleXML)
        else { throw SetupFailure(description: "moto setup answers lacked the access key or role ARN") }
        return Account(accessKeyID: keyID, secretAccessKey: Secret(secret), roleARN: role)
    }

    /// Turns signature checking off until the next ``provision(allowingUnsignedWebIdentity:)``.
    /// Only for REST GETs without a body: moto 5.2.1 recomputes their signature over a different
    /// payload and rejects even botocore's own (boto3's DescribeCluster gets SignatureDoesNotMatch).
    package func disableSignatureChecks() async throws {
        _ = try await post("/moto-api/reset-auth", body: "inf", contentType: "text/plain")
    }

    /// One request as moto's recorder saw it arrive.
    package struct RecordedRequest: Sendable, Decodable {
        /// Headers as received.
        package let headers: [String: String]
        /// HTTP method.
        package let method: String
        /// Full URL.
        package let url: String
        /// Body text (base64-decoded when moto encoded it).
        package let body: String

        private enum CodingKeys: String, CodingKey { case headers, method, url, body, bodyEncoded = "body_encoded" }

        /// Decodes one recorder line.
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            headers = try container.decode([String: String].self, forKey: .headers)
            method = try container.decode(String.self, forKey: .method)
            url = try container.decode(String.self, forKey: .url)
            let raw = try container.decodeIfPresent(String.self, forKey: .body) ?? ""
            let encoded = try container.decodeIfPresent(Bool.self, forKey: .bodyEncoded) ?? false
            body = encoded ? String(decoding: Data(base64Encoded: raw) ?? Data(), as: UTF8.self) : raw
        }
    }

    /// Clears moto's recording and starts recording every request.
    package func startRecording() async throws {
        _ = try await post("/moto-api/recorder/reset-recording", body: "")
        _ = try await post("/moto-api/recorder/start-recording", body: "")
    }

    /// Stops recording and returns what was recorded since ``startRecording()``, in arrival order.
    package func stopRecording() async throws -> [RecordedRequest] {
        _ = try await post("/moto-api/recorder/stop-recording", body: "")
        let response = try await transport.send(HTTPRequest(method: "GET", url: url.appendingPathComponent("moto-api/recorder/download-recording")))
        return try String(decoding: response.body, as: UTF8.self).split(separator: "\n")
            .map { try JSONDecoder().decode(RecordedRequest.self, from: Data($0.utf8)) }
    }

    /// Signs a setup call with throwaway keys: moto does not check the first calls, but routes by the
    /// credential scope's service name.
    private func iam(_ action: String, _ parameters: [String: String]) async throws -> String {
        var body = "Action=\(action)&Version=2010-05-08"
        for (key, value) in parameters.sorted(by: { $0.key < $1.key }) {
            body += "&\(URIEncoding.encode(key))=\(URIEncoding.encode(value))"
        }
        let signer = SigV4Signer(service: "iam", region: "us-east-1")
        let request = signer.sign(
            HTTPRequest(method: "POST", url: url, headers: [HTTPHeader(name: "Content-Type", value: "application/x-www-form-urlencoded")], body: Data(body.utf8)),
            credentials: SigningCredentials(accessKeyID: "AKIDSETUP", secretAccessKey: Secret("setup"))
        )
        let response = try await transport.send(request)
        let text = String(decoding: response.body, as: UTF8.self)
        guard response.isSuccess else { throw SetupFailure(description: "\(action) failed with HTTP \(response.status): \(text.prefix(300))") }
        return text
    }

    private func post(_ path: String, body: String, contentType: String = "application/json") async throws -> HTTPResponse {
        let request = HTTPRequest(method: "POST", url: url.appendingPathComponent(String(path.dropFirst())),
                                  headers: [HTTPHeader(name: "Content-Type", value: contentType)], body: Data(body.utf8))
        let response = try await transport.send(request)
        guard response.isSuccess else { throw SetupFailure(description: "\(path) answered HTTP \(response.status)") }
        return response
    }

    private func element(_ name: String, in xml: String) -> String? {
        guard let start = xml.range(of: "<\(name)>"), let end = xml.range(of: "</\(name)>", range: start.upperBound..<xml.endIndex) else { return nil }
        return String(xml[start.upperBound..<end.lowerBound])
    }
}
