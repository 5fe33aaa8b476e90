import HTTPCore

/// The SigV4 canonical request for services other than S3: normalised, double-encoded path; sorted,
/// strictly encoded query; lower-cased, trimmed, sorted headers; hex SHA-256 of the payload.
///
/// Built from the request *as it goes on the wire* (path and query already percent-encoded), which is
/// what AWS itself canonicalises on receipt. Invariant: `text` is a pure function of the inputs.
package struct CanonicalRequest: Sendable, Equatable {
    /// The `;`-joined, sorted, lower-case names of the signed headers.
    package let signedHeaders: String
    /// The full canonical request text whose SHA-256 goes into the string to sign.
    package let text: String

    /// Canonicalises one request.
    /// - Parameters:
    ///   - method: HTTP method, upper case.
    ///   - path: the request path as sent (percent-encoded form, may be empty).
    ///   - query: the raw query string as sent, without `?` (may be empty).
    ///   - headers: the headers to sign (the caller has already chosen which); repeats are joined.
    ///   - payloadHash: lower-case hex SHA-256 of the body.
    package init(method: String, path: String, query: String, headers: [HTTPHeader], payloadHash: String) {
        let grouped = Self.canonicalHeaders(headers)
        signedHeaders = grouped.map(\.name).joined(separator: ";")
        var text = method
        text += "\n"
        text += Self.canonicalPath(path)
        text += "\n"
        text += Self.canonicalQuery(query)
        text += "\n"
        for header in grouped {
            text += header.name
            text += ":"
            text += header.value
            text += "\n"
        }
        text += "\n"
        text += signedHeaders
        text += "\n"
        text += payloadHash
        self.text = text
    }

    /// Removes `.` and `..` segments and repeated slashes, keeps a trailing slash, then encodes every
    /// byte outside the unreserved set except `/`. An already-encoded `%20` becomes `%2520` (the
    /// "double encoding" non-S3 services expect).
    package static func canonicalPath(_ path: String) -> String {
        guard !path.isEmpty else { return "/" }
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." {
                if !segments.isEmpty { segments.removeLast() }
                continue
            }
            segments.append(segment)
        }
        var normalised = path.hasPrefix("/") ? "/" : ""
        normalised += segments.joined(separator: "/")
        if path.hasSuffix("/"), !segments.isEmpty { normalised += "/" }
        if normalised.isEmpty { normalised = "/" }
        return URIEncoding.encode(normalised, keepSlash: true)
    }

    /// Splits on `&` and the first `=`, decodes then re-encodes each key and value strictly, and sorts
    /// by encoded key, then encoded value. A key without `=` gets an empty value.
    package static func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        var pairs: [(key: String, value: String)] = []
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            let key: Substring
            let value: Substring
            if let equals = item.firstIndex(of: "=") {
                key = item[..<equals]
                value = item[item.index(after: equals)...]
            } else {
                key = item
                value = ""
            }
            pairs.append((URIEncoding.encode(URIEncoding.decode(String(key))),
                          URIEncoding.encode(URIEncoding.decode(String(value)))))
        }
        pairs.sort { lhs, rhs in
            lhs.key == rhs.key ? lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8)
                : lhs.key.utf8.lexicographicallyPrecedes(rhs.key.utf8)
        }
        return pairs.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
    }

    /// Lower-cases names, collapses whitespace runs in values to one space and trims them, joins
    /// repeated headers with `,` in their original order, and sorts by name.
    package static func canonicalHeaders(_ headers: [HTTPHeader]) -> [HTTPHeader] {
        // Header lists are short: sort (name, original position) pairs and merge neighbours, which is
        // cheaper than hashing every name and keeps repeated headers in their original order.
        let normalised = headers.enumerated().map { index, header in
            (name: ASCIIText.lowercased(header.name), value: ASCIIText.collapsingWhitespace(header.value), index: index)
        }.sorted { lhs, rhs in
            lhs.name == rhs.name ? lhs.index < rhs.index : lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
        }
        var result: [HTTPHeader] = []
        result.reserveCapacity(normalised.count)
        for header in normalised {
            if let last = result.last, last.name == header.name {
                result[result.count - 1].value += "," + header.value
            } else {
                result.append(HTTPHeader(name: header.name, value: header.value))
            }
        }
        return result
    }
}
