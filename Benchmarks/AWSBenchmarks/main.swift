import CurlTransport
import AWSClient
import Foundation
import HTTPCore
import SigV4
import TestSupport

// AWS client benchmarks (release build, `make bench-aws`): SigV4 signing throughput, and the cost of
// one signed EC2 call round trip to moto_server on loopback with signature checking on.
// Prints one line per figure; docs/benchmarks.md records them.

let credentials = SigningCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: Secret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                                     sessionToken: Secret(String(repeating: "T", count: 600)))
let body = "Action=DescribeInstanceTypes&Version=2016-11-15&Filter.1.Name=processor-info.supported-architecture&Filter.1.Value.1=x86_64&Filter.1.Value.2=arm64&MaxResults=100"
let request = HTTPRequest(
    method: "POST", url: URL(string: "https://ec2.us-west-2.amazonaws.com/") ?? URL(fileURLWithPath: "/"),
    headers: [HTTPHeader(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8"),
              HTTPHeader(name: "User-Agent", value: "karpenter-swift")],
    body: Data(body.utf8)
)
let fixedDate = Date(timeIntervalSince1970: 1_723_058_587)

/// `BENCH_SCALE` shrinks the signing loops (e.g. 0.01 under valgrind); `BENCH_SKIP_MOTO=1` stops
/// after the signing figures.
let scale = Double(ProcessInfo.processInfo.environment["BENCH_SCALE"] ?? "") ?? 1

func measure(_ label: String, iterations: Int, _ body: () -> Int) {
    let iterations = max(1, Int(Double(iterations) * scale))
    var checksum = 0
    for _ in 0..<1000 { checksum &+= body() }  // warm-up
    let start = ContinuousClock.now
    for _ in 0..<iterations { checksum &+= body() }
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print(String(format: "%@: %.2f µs/op, %.0f ops/s (n=%d, checksum %d)", label, seconds / Double(iterations) * 1e6,
                 Double(iterations) / seconds, iterations, checksum & 0xFF))
}

let warmSigner = SigV4Signer(service: "ec2", region: "us-west-2", clock: { fixedDate })
measure("sign EC2 POST, cached signing key", iterations: 200_000) {
    warmSigner.sign(request, credentials: credentials).headers.count
}
measure("sign EC2 POST, signing key derived per request", iterations: 100_000) {
    SigV4Signer(service: "ec2", region: "us-west-2", clock: { fixedDate }).sign(request, credentials: credentials).headers.count
}
measure("canonical request only", iterations: 200_000) {
    CanonicalRequest(method: "POST", path: "/", query: "", headers: request.headers, payloadHash: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855").text.utf8.count
}

// Round trip to moto: DescribeAvailabilityZones (small answer) and DescribeInstanceTypes for one type.
if ProcessInfo.processInfo.environment["BENCH_SKIP_MOTO"] == "1" { exit(0) }
let roundTrips = Int(ProcessInfo.processInfo.environment["BENCH_ROUND_TRIPS"] ?? "") ?? 200
let server = try MotoServer.start()
let account = try await server.provision()
let configuration = AWSClientConfiguration(
    region: "us-east-1", transport: try CurlTransport(),
    credentials: StaticCredentialProvider(AWSCredentials(signing: SigningCredentials(accessKeyID: account.accessKeyID, secretAccessKey: account.secretAccessKey), source: "bench")),
    environment: ["AWS_ENDPOINT_URL": server.url.absoluteString], retry: RetryPolicy(maxAttempts: 1)
)
let ec2 = try EC2Client(configuration: configuration)

func percentile(_ sorted: [Double], _ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }

for (label, call) in [
    ("EC2 DescribeAvailabilityZones round trip to moto", { _ = try await ec2.describeAvailabilityZones() }),
    ("EC2 DescribeInstanceTypes(t3.medium) round trip to moto", { _ = try await ec2.describeInstanceTypes(names: ["t3.medium"], filters: []) }),
] as [(String, () async throws -> Void)] {
    for _ in 0..<10 { try await call() }
    var samples: [Double] = []
    for _ in 0..<roundTrips {
        let start = ContinuousClock.now
        try await call()
        let elapsed = ContinuousClock.now - start
        samples.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15)
    }
    samples.sort()
    print(String(format: "%@: median %.2f ms, p90 %.2f ms, min %.2f ms (n=%d)", label,
                 percentile(samples, 0.5), percentile(samples, 0.9), samples[0], roundTrips))
}
