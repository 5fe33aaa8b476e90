import SigV4

/// The form parameters of a Query-protocol call (EC2, IAM, STS), in insertion order, with the
/// protocol's flattening rules for lists (`Name.1`), filters (`Filter.1.Name`, `Filter.1.Value.1`)
/// and tags.
package struct QueryParameters: Sendable, Equatable {
    /// The flattened key/value pairs.
    package private(set) var items: [QueryItem] = []

    /// Starts empty.
    package init() {}

    /// Adds `key=value`; nil values are skipped so optional inputs need no branches.
    package mutating func set(_ key: String, _ value: String?) {
        guard let value else { return }
        items.append(QueryItem(key: key, value: value))
    }

    /// Adds an integer.
    package mutating func set(_ key: String, _ value: Int?) { set(key, value.map(String.init)) }

    /// Adds a boolean as `true`/`false`.
    package mutating func set(_ key: String, _ value: Bool?) { set(key, value.map { $0 ? "true" : "false" }) }

    /// Adds a list as `prefix.1`, `prefix.2`, … (EC2's flattened lists; IAM uses `prefix.member.N`).
    package mutating func set(_ prefix: String, list: [String]) {
        for (index, value) in list.enumerated() { set("\(prefix).\(index + 1)", value) }
    }

    /// Adds EC2 filters as `Filter.N.Name` / `Filter.N.Value.M`.
    package mutating func set(filters: [EC2Filter]) {
        for (index, filter) in filters.enumerated() {
            set("Filter.\(index + 1).Name", filter.name)
            set("Filter.\(index + 1).Value", list: filter.values)
        }
    }

    /// Adds a nested structure under `prefix.` (e.g. launch-template data).
    package mutating func merge(_ other: QueryParameters, prefix: String) {
        for item in other.items { set(prefix.isEmpty ? item.key : "\(prefix).\(item.key)", item.value) }
    }

    /// The `application/x-www-form-urlencoded` body: every byte outside `A-Za-z0-9-_.~` escaped and
    /// spaces written as `+`, byte-identical to the SDKs' (botocore's `urlencode`) so that any peer
    /// that re-encodes the parsed form before checking the payload hash (moto does) agrees with us.
    package func formBody(action: String, version: String) -> String {
        var parts = ["Action=\(Self.formEncode(action))", "Version=\(Self.formEncode(version))"]
        for item in items { parts.append("\(Self.formEncode(item.key))=\(Self.formEncode(item.value))") }
        return parts.joined(separator: "&")
    }

    /// One form component: strict percent-encoding with `%20` written as `+`.
    package static func formEncode(_ text: String) -> String {
        URIEncoding.encode(text).replacingOccurrences(of: "%20", with: "+")
    }
}

/// One form parameter.
package struct QueryItem: Sendable, Equatable {
    /// Flattened key, e.g. `Filter.1.Value.2`.
    package var key: String
    /// Raw (unencoded) value.
    package var value: String
}

/// An EC2 `Filter`: a name such as `tag:karpenter.sh/discovery` and the values any of which may match.
package struct EC2Filter: Sendable, Equatable, Hashable {
    /// Filter name.
    package var name: String
    /// Accepted values.
    package var values: [String]

    /// Creates a filter.
    package init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }
}
