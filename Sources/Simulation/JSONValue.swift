import Foundation

/// A JSON document as a value: how ``SimulatedCluster`` stores objects of every kind, so that merge and
/// JSON patches, field selectors and status isolation work on the wire form exactly as the API server's do.
package enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Decodes any JSON value.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .bool(value): try container.encode(value)
        case let .number(value):
            if value.rounded() == value, abs(value) < 1e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
        case let .string(value): try container.encode(value)
        case let .array(value): try container.encode(value)
        case let .object(value): try container.encode(value)
        }
    }

    /// Encodes a Codable value into its JSON form.
    package init(encoding value: some Encodable) throws {
        self = try JSONValue(parsing: try JSONEncoder().encode(value))
    }

    /// Decodes the JSON form into a Codable value.
    package func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try JSONDecoder().decode(Value.self, from: serialized)
    }

    /// Member `key` of an object (nil for other values or a missing key).
    package subscript(key: String) -> JSONValue? {
        get {
            if case let .object(members) = self { return members[key] }
            return nil
        }
        set {
            guard case var .object(members) = self else { return }
            members[key] = newValue
            self = .object(members)
        }
    }

    /// The value at a dotted path such as `spec.nodeName`.
    package func value(atPath path: String) -> JSONValue? {
        var current: JSONValue? = self
        for part in path.split(separator: ".") { current = current?[String(part)] }
        return current
    }

    /// The text a field selector compares: strings as-is, numbers and booleans formatted, else empty.
    package var selectorText: String {
        switch self {
        case let .string(value): value
        case let .bool(value): value ? "true" : "false"
        case let .number(value): value.rounded() == value ? String(Int64(value)) : String(value)
        default: ""
        }
    }
}
