import Foundation
import HTTPCore
import Synchronization

/// Signs requests with AWS Signature Version 4 (header form, non-S3 services).
///
/// The signing date comes from the injected clock, never from the system directly, so tests pin it.
/// Derived signing keys are cached per (access key, date, region, service): the four-step HMAC chain
/// runs once per day per scope instead of once per request. Only the headers AWS needs are signed
/// (``SignedHeaderSelection``); `User-Agent` never is, because proxies and SDK layers rewrite it.
package final class SigV4Signer: Sendable {
    /// The service name in the credential scope, e.g. `ec2`, `sts`, `ssm`.
    package let service: String
    /// The region in the credential scope, e.g. `us-east-1`.
    package let region: String
    private let clock: @Sendable () -> Date
    private let keys = Mutex<[String: CachedKey]>([:])

    /// Creates a signer for one service in one region.
    /// - Parameter clock: the source of "now" for `X-Amz-Date`; inject a fixed clock in tests.
    package init(service: String, region: String, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.service = service
        self.region = region
        self.clock = clock
    }

    /// Returns `request` with `Host`, `X-Amz-Date`, `X-Amz-Security-Token` (temporary credentials) and
    /// `Authorization` set. Any earlier values of those headers are replaced, so re-signing a retried
    /// request is correct.
    package func sign(_ request: HTTPRequest, credentials: SigningCredentials) -> HTTPRequest {
        var request = request
        let date = clock()
        request.headers.removeAll { header in
            ["authorization", "x-amz-date", "x-amz-security-token"].contains { ASCIIText.equalsIgnoringCase(header.name, $0) }
        }
        if !request.headers.contains(where: { ASCIIText.equalsIgnoringCase($0.name, "host") }), let host = Self.hostHeader(for: request.url) {
            request.headers.insert(HTTPHeader(name: "Host", value: host), at: 0)
        }
        request.headers.append(HTTPHeader(name: "X-Amz-Date", value: Self.amzDate(date)))
        if let token = credentials.sessionToken {
            request.headers.append(HTTPHeader(name: "X-Amz-Security-Token", value: token.reveal()))
        }
        let target = ASCIIText.pathAndQuery(ofURL: request.url.absoluteString)
        let signed = signature(
            method: request.method,
            path: String(target.path),
            query: String(target.query),
            headers: SignedHeaderSelection.minimal.select(request.headers),
            payload: request.body,
            credentials: credentials,
            date: date
        )
        request.headers.append(HTTPHeader(name: "Authorization", value: signed.authorization))
        return request
    }

    /// Computes every intermediate of a signature for a request given in wire form. The headers
    /// passed are exactly the ones signed (already selected); nothing is added.
    package func signature(
        method: String, path: String, query: String, headers: [HTTPHeader], payload: Data,
        credentials: SigningCredentials, date: Date
    ) -> SigV4Signature {
        let canonical = CanonicalRequest(
            method: method, path: path, query: query, headers: headers,
            payloadHash: Digest.hex(Digest.sha256(payload))
        )
        let amzDate = Self.amzDate(date)
        let day = String(amzDate.prefix(8))
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope)\n\(Digest.hex(Digest.sha256(canonical.text)))"
        let key = signingKey(credentials: credentials, day: day)
        let signature = Digest.hex(Digest.hmac(key: key, stringToSign))
        let authorization = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), "
            + "SignedHeaders=\(canonical.signedHeaders), Signature=\(signature)"
        return SigV4Signature(
            canonicalRequest: canonical.text, stringToSign: stringToSign,
            signature: signature, authorization: authorization
        )
    }

    /// The derived key for `day`, from the cache when the same secret signed in the same scope before.
    private func signingKey(credentials: SigningCredentials, day: String) -> [UInt8] {
        let cacheKey = "\(credentials.accessKeyID)/\(day)"
        if let cached = keys.withLock({ $0[cacheKey] }), cached.secret == credentials.secretAccessKey {
            return cached.key
        }
        let dateKey = Digest.hmac(key: Array("AWS4\(credentials.secretAccessKey.reveal())".utf8), day)
        let regionKey = Digest.hmac(key: dateKey, region)
        let serviceKey = Digest.hmac(key: regionKey, service)
        let key = Digest.hmac(key: serviceKey, "aws4_request")
        keys.withLock { cache in
            // Old days are useless once the clock moves on; keep the cache from growing without bound.
            if cache.count >= 16 { cache.removeAll() }
            cache[cacheKey] = CachedKey(secret: credentials.secretAccessKey, key: key)
        }
        return key
    }

    /// `YYYYMMDD'T'HHMMSS'Z'` in UTC, the format of `X-Amz-Date`.
    package static func amzDate(_ date: Date) -> String {
        var seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let secondOfDay = ((seconds % 86_400) + 86_400) % 86_400
        seconds -= secondOfDay
        let (year, month, day) = civilDate(daysSinceEpoch: seconds / 86_400)
        let fields = [(year, 4), (month, 2), (day, 2), (-1, 0), (secondOfDay / 3600, 2), (secondOfDay / 60 % 60, 2), (secondOfDay % 60, 2)]
        return String(unsafeUninitializedCapacity: 16) { buffer in
            var index = 0
            for (value, width) in fields {
                if value < 0 {
                    buffer[index] = UInt8(ascii: "T")
                    index += 1
                    continue
                }
                var remaining = value
                for position in stride(from: width - 1, through: 0, by: -1) {
                    buffer[index + position] = UInt8(ascii: "0") + UInt8(remaining % 10)
                    remaining /= 10
                }
                index += width
            }
            buffer[index] = UInt8(ascii: "Z")
            return index + 1
        }
    }

    /// The `Host` header value for `url`: the host, plus `:port` when the port is not the scheme's default.
    package static func hostHeader(for url: URL) -> String? {
        guard let host = url.host else { return nil }
        guard let port = url.port else { return host }
        let isDefault = (url.scheme == "https" && port == 443) || (url.scheme == "http" && port == 80)
        return isDefault ? host : "\(host):\(port)"
    }

    /// Proleptic Gregorian date for a day count since 1970-01-01 (Howard Hinnant's civil-from-days).
    private static func civilDate(daysSinceEpoch: Int) -> (Int, Int, Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private struct CachedKey: Sendable {
        let secret: Secret
        let key: [UInt8]
    }
}

/// Every intermediate of one signature, so tests can compare each stage against AWS's suite.
package struct SigV4Signature: Sendable, Equatable {
    /// The canonical request text.
    package let canonicalRequest: String
    /// The string to sign (algorithm, date, scope, hash of the canonical request).
    package let stringToSign: String
    /// The hex HMAC-SHA256 signature.
    package let signature: String
    /// The complete `Authorization` header value.
    package let authorization: String
}
