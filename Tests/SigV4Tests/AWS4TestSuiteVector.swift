import Foundation
import HTTPCore
import Testing

/// One vector of AWS's SigV4 test suite (`aws4_testsuite` in the botocore source distribution):
/// the raw request and the expected canonical request, string to sign, signed request and
/// Authorization header.
struct AWS4TestSuiteVector: CustomTestStringConvertible, Sendable {
    let name: String
    let method: String
    let path: String
    let query: String
    let headers: [HTTPHeader]
    let body: Data
    let expectedCanonicalRequest: String
    let expectedStringToSign: String
    let expectedAuthorization: String
    /// The `Authorization` line of the `.sreq` file; nil when the file has none.
    let signedRequestAuthorization: String?
    /// `X-Amz-Security-Token` of the `.sreq` file when the `.req` lacks it.
    let addedSessionToken: String?

    var testDescription: String { name }

    /// Where `make deps-aws` extracted the suite: `$AWS4_TESTSUITE_DIR`, else the newest
    /// `botocore-*/aws4_testsuite` under `$KARPENTER_CACHE` (default `~/.cache/karpenter-swift`).
    static func suiteDirectory() -> URL? {
        let env = ProcessInfo.processInfo.environment
        if let explicit = env["AWS4_TESTSUITE_DIR"], FileManager.default.fileExists(atPath: explicit) {
            return URL(fileURLWithPath: explicit)
        }
        let cache = env["KARPENTER_CACHE"] ?? (NSHomeDirectory() + "/.cache/karpenter-swift")
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: cache)) ?? []
        return entries.filter { $0.hasPrefix("botocore-") }.sorted().last
            .map { URL(fileURLWithPath: "\(cache)/\($0)/aws4_testsuite") }
    }

    /// Every vector in the suite, sorted by name; empty when the suite is not installed.
    static func loadAll() -> [AWS4TestSuiteVector] {
        guard let root = suiteDirectory(),
              let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        else { return [] }
        var vectors: [AWS4TestSuiteVector] = []
        for case let file as URL in walker where file.pathExtension == "req" {
            if let vector = try? load(request: file) { vectors.append(vector) }
        }
        return vectors.sorted { $0.name < $1.name }
    }

    private static func load(request file: URL) throws -> AWS4TestSuiteVector {
        let base = file.deletingPathExtension()
        func read(_ ext: String) throws -> String {
            try String(contentsOf: base.appendingPathExtension(ext), encoding: .utf8)
        }
        let raw = try parse(try read("req"))
        let signed = try parse(try read("sreq"))
        let token = raw.headers.contains { $0.name.lowercased() == "x-amz-security-token" } ? nil
            : signed.headers.first { $0.name.lowercased() == "x-amz-security-token" }?.value
        let pathAndQuery = raw.target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return AWS4TestSuiteVector(
            name: base.lastPathComponent,
            method: raw.method,
            path: String(pathAndQuery[0]),
            query: pathAndQuery.count > 1 ? String(pathAndQuery[1]) : "",
            headers: raw.headers,
            body: Data(raw.body.utf8),
            expectedCanonicalRequest: try read("creq"),
            expectedStringToSign: try read("sts"),
            expectedAuthorization: try read("authz"),
            signedRequestAuthorization: signed.headers.first { $0.name == "Authorization" }?.value,
            addedSessionToken: token
        )
    }

    /// Parses the suite's HTTP/1.1 text: request line, `Name:value` headers with indented
    /// continuation lines (folded into the value with a newline), a blank line, then the body.
    private static func parse(_ text: String) throws -> (method: String, target: String, headers: [HTTPHeader], body: String) {
        var lines = text.components(separatedBy: "\n")
        let requestLine = lines.removeFirst()
        var parts = requestLine.split(separator: " ")
        guard parts.count >= 3 else { throw CocoaError(.fileReadCorruptFile) }
        let method = String(parts.removeFirst())
        parts.removeLast()  // HTTP/1.1
        let target = parts.joined(separator: " ")
        var headers: [HTTPHeader] = []
        var bodyLines: [String] = []
        var inBody = false
        for line in lines {
            if inBody { bodyLines.append(line); continue }
            if line.isEmpty { inBody = true; continue }
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += "\n" + line
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { throw CocoaError(.fileReadCorruptFile) }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append(HTTPHeader(name: String(line[..<colon]), value: value))
        }
        return (method, target, headers, bodyLines.joined(separator: "\n"))
    }
}
