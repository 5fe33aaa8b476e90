import Simulation
import Foundation
import HTTPCore
import SigV4
import TestSupport
import Testing

/// botocore as a differential signer: hundreds of generated requests (methods, unicode and reserved
/// characters in paths, dot segments and repeated slashes, repeated and empty query keys, bodies,
/// session tokens, non-default ports) must get exactly the headers botocore computes.
@Suite struct SigV4BotocoreIntegrationTests {
    struct Sample: Encodable {
        let method: String
        let url: String
        let headers: [[String]]
        let body_b64: String
        let region: String
        let service: String
        let access_key: String
        let secret_key: String
        let token: String?
        let time: Int
    }

    struct Answer: Decodable, Equatable {
        let date: String?
        let token: String?
        let authorization: String?
        enum CodingKeys: String, CodingKey {
            case date = "x-amz-date", token = "x-amz-security-token", authorization
        }
    }

    @Test func swiftMatchesBotocoreOnGeneratedRequests() throws {
        var generator = RequestGenerator(seed: 0x5EED_CAFE)
        let samples = (0..<400).map { _ in generator.next() }
        let input = try samples.map { try JSONEncoder().encode($0) + Data("\n".utf8) }.reduce(Data(), +)
        let output = try ChildProcess.run(
            ["python3", "hack/botocore_sign.py"], input: input, directory: ChildProcess.repositoryRoot
        )
        let answers = try String(decoding: output, as: UTF8.self).split(separator: "\n")
            .map { try JSONDecoder().decode(Answer.self, from: Data($0.utf8)) }
        try #require(answers.count == samples.count)
        var mismatches = 0
        for (sample, expected) in zip(samples, answers) {
            let actual = swiftAnswer(sample)
            if actual != expected {
                mismatches += 1
                Issue.record("\(sample.method) \(sample.url) headers \(sample.headers): swift \(actual) botocore \(expected)")
            }
        }
        #expect(mismatches == 0)
    }

    private func swiftAnswer(_ sample: Sample) -> Answer {
        let signer = SigV4Signer(service: sample.service, region: sample.region,
                                 clock: { Date(timeIntervalSince1970: TimeInterval(sample.time)) })
        guard let url = URL(string: sample.url) else { return Answer(date: nil, token: nil, authorization: "bad URL") }
        let request = HTTPRequest(
            method: sample.method, url: url,
            headers: sample.headers.map { HTTPHeader(name: $0[0], value: $0[1]) },
            body: Data(base64Encoded: sample.body_b64) ?? Data()
        )
        let credentials = SigningCredentials(
            accessKeyID: sample.access_key, secretAccessKey: Secret(sample.secret_key),
            sessionToken: sample.token.map(Secret.init)
        )
        let signed = signer.sign(request, credentials: credentials)
        return Answer(date: signed.header("X-Amz-Date"), token: signed.header("X-Amz-Security-Token"),
                      authorization: signed.header("Authorization"))
    }

    /// Deterministic request generator (SplitMix64), so a failure reproduces exactly.
    struct RequestGenerator {
        var generator: SplitMix64
        init(seed: UInt64) { generator = SplitMix64(seed: seed) }

        mutating func random(_ bound: Int) -> Int { Int(generator.next() % UInt64(bound)) }

        mutating func pick<T>(_ values: [T]) -> T { generator.pick(values) }

        static let pieces = ["a", "Z", "0", "-", "_", ".", "~", " ", "ሴ", "é", "日本", "$", "&", "+", ",", ";",
                             "=", ":", "@", "!", "*", "'", "(", ")", "%", "/", "?", "#", "\u{1F600}"]

        mutating func text(maxLength: Int) -> String {
            (0..<random(maxLength + 1)).map { _ in pick(Self.pieces) }.joined()
        }

        /// Path as a client would send it: segments percent-encoded, sometimes with dot segments,
        /// repeated slashes or an already-encoded `%2F`-style escape (double encoding).
        mutating func path() -> String {
            var segments: [String] = []
            for _ in 0..<random(4) {
                switch random(8) {
                case 0: segments.append(".")
                case 1: segments.append("..")
                case 2: segments.append("")
                default: segments.append(URIEncoding.encode(text(maxLength: 5)))
                }
            }
            return "/" + segments.joined(separator: "/") + (random(3) == 0 ? "/" : "")
        }

        mutating func query() -> String {
            var items: [String] = []
            let keys = ["Action", "Version", "a", "A", "b", "", "ሴ", "x y", "Filter.1.Name"]
            for _ in 0..<random(5) {
                let key = URIEncoding.encode(pick(keys))
                switch random(4) {
                case 0: items.append(key)
                case 1: items.append("\(key)=")
                default: items.append("\(key)=\(URIEncoding.encode(text(maxLength: 4)))")
                }
            }
            return items.filter { $0 != "" && $0 != "=" }.joined(separator: "&")
        }

        mutating func next() -> Sample {
            let host = pick(["ec2.us-east-1.amazonaws.com", "127.0.0.1:5000", "sts.amazonaws.com", "example.com:8443"])
            let scheme = host.contains(":") ? "http" : "https"
            let query = query()
            let url = "\(scheme)://\(host)\(path())\(query.isEmpty ? "" : "?" + query)"
            var headers: [[String]] = [["User-Agent", "karpenter-swift/\(random(100))"]]
            if random(2) == 0 { headers.append(["Content-Type", pick(["application/x-www-form-urlencoded; charset=utf-8", "application/x-amz-json-1.1", "application/json"])]) }
            if random(3) == 0 { headers.append(["X-Amz-Target", pick(["AmazonSSM.GetParameter", "AmazonSQS.ReceiveMessage"])]) }
            if random(4) == 0 { headers.append(["X-Amz-Meta-Note", "  spaced   value \t here  "]) }
            let body = random(2) == 0 ? "" : text(maxLength: 20)
            return Sample(
                method: pick(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"]),
                url: url, headers: headers, body_b64: Data(body.utf8).base64EncodedString(),
                region: pick(["us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1"]),
                service: pick(["ec2", "sts", "ssm", "sqs", "iam", "eks", "pricing"]),
                access_key: pick(["AKIDEXAMPLE", "ASIAXXXXXXXXEXAMPLE"]),
                secret_key: "secret/+\(text(maxLength: 6))",
                token: random(2) == 0 ? nil : "FwoGZXIvYXdzE\(random(1_000_000))/+=",
                time: 1_440_938_160 + random(400_000_000)
            )
        }
    }
}
