import HTTPCore

/// Which request headers go into a signature.
///
/// `minimal` is what the clients use: the headers AWS requires or that protect the meaning of the
/// request (`host`, `content-type`, every `x-amz-*` header, which covers `x-amz-date`,
/// `x-amz-security-token` and `x-amz-target`). `User-Agent` and hop-by-hop headers are never signed,
/// because intermediaries may rewrite them and the signature would then fail. `allExceptUnsafe` signs
/// every header but those, which AWS's test suite expects.
package enum SignedHeaderSelection: Sendable {
    /// Host, content-type and `x-amz-*` headers.
    case minimal
    /// Every header except the ones in ``neverSigned``.
    case allExceptUnsafe

    /// Headers that are never signed in either mode.
    package static let neverSigned: Set<String> = [
        "user-agent", "authorization", "expect", "x-amzn-trace-id", "connection", "transfer-encoding",
        "content-length", "accept-encoding",
    ]

    /// The subset of `headers` to sign, in their original order.
    package func select(_ headers: [HTTPHeader]) -> [HTTPHeader] {
        headers.filter { header in
            let name = ASCIIText.lowercased(header.name)
            if Self.neverSigned.contains(name) { return false }
            switch self {
            case .minimal: return name == "host" || name == "content-type" || name.hasPrefix("x-amz-")
            case .allExceptUnsafe: return true
            }
        }
    }
}
