/// One line of a watch stream: `{"type":"ADDED","object":{...}}`.
///
/// `ERROR` events carry a ``Status`` instead of an object (e.g. 410 Expired when the requested
/// resourceVersion is too old), so the object is decoded according to the type.
package enum WatchEvent<Object: KubeResource>: Sendable {
    /// The object was created (or listed at the start of a watch).
    case added(Object)
    /// The object changed.
    case modified(Object)
    /// The object was deleted; the payload is its last state.
    case deleted(Object)
    /// Progress marker carrying only a resourceVersion.
    case bookmark(resourceVersion: String)
    /// The server ended the watch with an error status.
    case error(Status)
}

extension WatchEvent: Decodable {
    private enum CodingKeys: String, CodingKey { case type, object }

    private struct BookmarkObject: Decodable {
        struct Meta: Decodable { var resourceVersion: String? }
        var metadata: Meta?
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "ADDED": self = .added(try container.decode(Object.self, forKey: .object))
        case "MODIFIED": self = .modified(try container.decode(Object.self, forKey: .object))
        case "DELETED": self = .deleted(try container.decode(Object.self, forKey: .object))
        case "BOOKMARK":
            let object = try container.decode(BookmarkObject.self, forKey: .object)
            self = .bookmark(resourceVersion: object.metadata?.resourceVersion ?? "")
        case "ERROR": self = .error(try container.decode(Status.self, forKey: .object))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "unknown watch event type \"\(type)\"")
        }
    }
}

extension WatchEvent: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .added(object):
            try container.encode("ADDED", forKey: .type)
            try container.encode(object, forKey: .object)
        case let .modified(object):
            try container.encode("MODIFIED", forKey: .type)
            try container.encode(object, forKey: .object)
        case let .deleted(object):
            try container.encode("DELETED", forKey: .type)
            try container.encode(object, forKey: .object)
        case let .bookmark(resourceVersion):
            try container.encode("BOOKMARK", forKey: .type)
            try container.encode(["metadata": ["resourceVersion": resourceVersion]], forKey: .object)
        case let .error(status):
            try container.encode("ERROR", forKey: .type)
            try container.encode(status, forKey: .object)
        }
    }
}
