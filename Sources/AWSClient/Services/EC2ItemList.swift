/// An EC2 XML list (`<fooSet><item>…</item></fooSet>`) decoded as a plain array; a missing or empty
/// element is an empty list. Encodes as a plain array (for JSON output of these values).
@propertyWrapper
package struct EC2ItemList<Element: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    /// The decoded elements in document order.
    package var wrappedValue: [Element]

    /// Wraps an array.
    package init(wrappedValue: [Element]) { self.wrappedValue = wrappedValue }

    private enum Keys: String, CodingKey { case item }

    /// Reads `<item>` children; an element with no children (`<tagSet/>`) is empty.
    package init(from decoder: any Decoder) throws {
        guard let container = try? decoder.container(keyedBy: Keys.self) else {
            wrappedValue = []
            return
        }
        wrappedValue = try container.decodeIfPresent([Element].self, forKey: .item) ?? []
    }

    /// Writes the elements as an array.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

extension KeyedDecodingContainer {
    /// A missing list element decodes as an empty list instead of failing.
    package func decode<Element>(_: EC2ItemList<Element>.Type, forKey key: Key) throws -> EC2ItemList<Element> {
        try decodeIfPresent(EC2ItemList<Element>.self, forKey: key) ?? EC2ItemList(wrappedValue: [])
    }
}

/// A resource tag.
package struct EC2Tag: Codable, Sendable, Equatable, Hashable {
    /// Tag key.
    package var key: String
    /// Tag value (may be empty).
    package var value: String

    /// Creates a tag.
    package init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    private enum CodingKeys: String, CodingKey { case key, value }

    /// Decodes `<key>`/`<value>`, with a missing value as empty.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(String.self, forKey: .key)
        value = try container.decodeIfPresent(String.self, forKey: .value) ?? ""
    }
}

extension [EC2Tag] {
    /// The tags as a dictionary (later duplicates win).
    package var dictionary: [String: String] {
        Dictionary(map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }
}
