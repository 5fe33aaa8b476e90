/// Why a patch could not be applied; the simulated cluster answers 422 like the API server.
package struct PatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    package var description: String
}

/// RFC 7386 merge patches and RFC 6902 JSON patches over ``JSONValue``.
package enum JSONPatch {
    /// Applies a merge patch: objects merge recursively, `null` deletes a member, anything else replaces.
    package static func merge(_ target: JSONValue, with patch: JSONValue) -> JSONValue {
        guard case let .object(patchMembers) = patch else { return patch }
        var members: [String: JSONValue] = if case let .object(existing) = target { existing } else { [:] }
        for (key, value) in patchMembers {
            if value == .null {
                members[key] = nil
            } else {
                members[key] = merge(members[key] ?? .null, with: value)
            }
        }
        return .object(members)
    }

    /// Applies a JSON patch (add, remove, replace, move, copy, test) operation by operation.
    package static func apply(_ operations: JSONValue, to target: JSONValue) throws(PatchError) -> JSONValue {
        guard case let .array(list) = operations else { throw PatchError(description: "a JSON patch must be an array") }
        var document = target
        for operation in list {
            guard case let .string(op)? = operation["op"], case let .string(path)? = operation["path"] else {
                throw PatchError(description: "each operation needs string \"op\" and \"path\"")
            }
            let pointer = try parse(path)
            switch op {
            case "add": document = try set(document, pointer, operation["value"] ?? .null, insert: true)
            case "replace":
                guard get(document, pointer) != nil else { throw PatchError(description: "replace: missing path \(path)") }
                document = try set(document, pointer, operation["value"] ?? .null, insert: false)
            case "remove": document = try remove(document, pointer)
            case "test":
                guard get(document, pointer) == (operation["value"] ?? .null) else {
                    throw PatchError(description: "test failed at \(path)")
                }
            case "move", "copy":
                guard case let .string(from)? = operation["from"], let value = get(document, try parse(from)) else {
                    throw PatchError(description: "\(op): missing from")
                }
                if op == "move" { document = try remove(document, try parse(from)) }
                document = try set(document, pointer, value, insert: true)
            default: throw PatchError(description: "unknown op \(op)")
            }
        }
        return document
    }

    private static func parse(_ path: String) throws(PatchError) -> [String] {
        if path.isEmpty { return [] }
        guard path.hasPrefix("/") else { throw PatchError(description: "invalid JSON pointer \(path)") }
        return path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    private static func get(_ document: JSONValue, _ pointer: [String]) -> JSONValue? {
        var current = document
        for token in pointer {
            switch current {
            case let .object(members): guard let next = members[token] else { return nil }; current = next
            case let .array(items): guard let index = Int(token), items.indices.contains(index) else { return nil }; current = items[index]
            default: return nil
            }
        }
        return current
    }

    private static func set(_ document: JSONValue, _ pointer: [String], _ value: JSONValue, insert: Bool) throws(PatchError) -> JSONValue {
        guard let token = pointer.first else { return value }
        let rest = Array(pointer.dropFirst())
        switch document {
        case var .object(members):
            if rest.isEmpty {
                members[token] = value
            } else {
                guard let child = members[token] else { throw PatchError(description: "missing path segment \(token)") }
                members[token] = try set(child, rest, value, insert: insert)
            }
            return .object(members)
        case var .array(items):
            if rest.isEmpty {
                if token == "-", insert { items.append(value); return .array(items) }
                guard let index = Int(token), index >= 0, index <= items.count, insert || index < items.count else {
                    throw PatchError(description: "array index \(token) out of range")
                }
                if insert { items.insert(value, at: index) } else { items[index] = value }
                return .array(items)
            }
            guard let index = Int(token), items.indices.contains(index) else { throw PatchError(description: "array index \(token) out of range") }
            items[index] = try set(items[index], rest, value, insert: insert)
            return .array(items)
        default:
            throw PatchError(description: "cannot descend into a scalar at \(token)")
        }
    }

    private static func remove(_ document: JSONValue, _ pointer: [String]) throws(PatchError) -> JSONValue {
        guard let token = pointer.first else { throw PatchError(description: "cannot remove the document root") }
        let rest = Array(pointer.dropFirst())
        switch document {
        case var .object(members):
            guard let child = members[token] else { throw PatchError(description: "remove: missing path segment \(token)") }
            members[token] = rest.isEmpty ? nil : try remove(child, rest)
            return .object(members)
        case var .array(items):
            guard let index = Int(token), items.indices.contains(index) else { throw PatchError(description: "array index \(token) out of range") }
            if rest.isEmpty { items.remove(at: index) } else { items[index] = try remove(items[index], rest) }
            return .array(items)
        default:
            throw PatchError(description: "cannot descend into a scalar at \(token)")
        }
    }
}
