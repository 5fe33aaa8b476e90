import Yams

/// A Karpenter (or any other) object read from a manifest, typed by its `apiVersion` and `kind`.
package enum ManifestObject: Sendable, Hashable {
    /// `karpenter.sh/v1 NodePool`.
    case nodePool(NodePool)
    /// `karpenter.sh/v1 NodeClaim`.
    case nodeClaim(NodeClaim)
    /// `karpenter.k8s.aws/v1 EC2NodeClass`.
    case ec2NodeClass(EC2NodeClass)
    /// `karpenter.sh/v1beta1 NodePool`.
    case v1beta1NodePool(V1Beta1.NodePool)
    /// `karpenter.sh/v1beta1 NodeClaim`.
    case v1beta1NodeClaim(V1Beta1.NodeClaim)
    /// `karpenter.k8s.aws/v1beta1 EC2NodeClass`.
    case v1beta1EC2NodeClass(V1Beta1.EC2NodeClass)
    /// Any other kind; kept as text.
    case other(apiVersion: String, kind: String)
}

/// One document of a manifest: its 1-based position, its text exactly as written, and the object.
package struct ManifestDocument: Sendable, Hashable {
    /// Position among the non-empty documents, from 1.
    package var index: Int
    /// The document's text as written (without the `---` separator).
    package var text: String
    /// The decoded object.
    package var object: ManifestObject
}

/// Reads and writes multi-document YAML manifests (`---`-separated), decoding each document into
/// the type its `apiVersion`/`kind` names.
package enum Manifest {
    /// Decodes every non-empty document. Errors name the document index and the field path.
    package static func decode(_ text: String) throws(ManifestError) -> [ManifestDocument] {
        var documents: [ManifestDocument] = []
        for (offset, chunk) in chunks(text).enumerated() {
            let index = offset + 1
            let object = try decodeDocument(chunk.text, index: index, firstLine: chunk.firstLine)
            documents.append(ManifestDocument(index: index, text: chunk.text, object: object))
        }
        return documents
    }

    /// Writes objects as YAML documents separated by `---`, keys sorted so output is stable.
    package static func encode(_ objects: [any KubeResource]) throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.sortKeys = true
        encoder.options.indent = 2
        var parts: [String] = []
        for object in objects { parts.append(try encoder.encode(object)) }
        return parts.map { $0.hasSuffix("\n") ? $0 : $0 + "\n" }.joined(separator: "---\n")
    }

    /// Splits at document markers (`---` at the start of a line; `...` ends a document) and drops
    /// documents that hold only blank lines and comments.
    package static func split(_ text: String) -> [String] { chunks(text).map(\.text) }

    /// The documents' texts with the input line each starts on (for error positions).
    private static func chunks(_ text: String) -> [(text: String, firstLine: Int)] {
        var chunks: [(lines: [Substring], firstLine: Int)] = [([], 1)]
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            if trimmed == "---" || trimmed.hasPrefix("--- ") || trimmed.hasPrefix("---\t") {
                let rest = trimmed.dropFirst(3).drop { $0 == " " || $0 == "\t" }
                chunks.append((rest.isEmpty ? [] : [rest], rest.isEmpty ? offset + 2 : offset + 1))
            } else if trimmed == "..." {
                chunks.append(([], offset + 2))
            } else if !(chunks.last?.lines.isEmpty ?? true) || !trimmed.hasPrefix("%") {
                chunks[chunks.count - 1].lines.append(line)
            } else {
                chunks[chunks.count - 1].firstLine = offset + 2
            }
        }
        return chunks.compactMap { chunk in
            let lines = chunk.lines
            let meaningful = lines.contains { line in
                let body = line.drop { $0 == " " || $0 == "\t" }
                return !body.isEmpty && !body.hasPrefix("#") && body != "\r"
            }
            guard meaningful else { return nil }
            var text = lines.joined(separator: "\n")
            while text.hasSuffix("\n") { text.removeLast() }
            return (text + "\n", chunk.firstLine)
        }
    }

    private static func decodeDocument(_ text: String, index: Int, firstLine: Int) throws(ManifestError) -> ManifestObject {
        let node: Yams.Node
        do {
            guard let composed = try Yams.compose(yaml: text) else { throw ManifestError.notAnObject(document: index) }
            node = composed
        } catch let error as ManifestError {
            throw error
        } catch {
            throw .syntax(document: index, message: syntaxMessage(error, firstLine: firstLine))
        }
        guard let mapping = node.mapping else { throw .notAnObject(document: index) }
        let apiVersion = mapping["apiVersion"]?.string ?? ""
        let kind = mapping["kind"]?.string ?? ""
        if apiVersion.isEmpty || kind.isEmpty {
            throw .field(document: index, kind: kind.isEmpty ? "unknown kind" : kind, path: apiVersion.isEmpty ? "apiVersion" : "kind",
                         message: "required field is missing; every document needs apiVersion and kind")
        }
        func decode<Value: Decodable>(_ type: Value.Type) throws(ManifestError) -> Value {
            do {
                return try YAMLDecoder().decode(type, from: node)
            } catch let error as DecodingError {
                let (path, message) = describe(error)
                throw .field(document: index, kind: kind, path: path, message: message)
            } catch {
                throw .field(document: index, kind: kind, path: "", message: "\(error)")
            }
        }
        switch (apiVersion, kind) {
        case (NodePool.resourceType.apiVersion, NodePool.resourceType.kind): return .nodePool(try decode(NodePool.self))
        case (NodeClaim.resourceType.apiVersion, NodeClaim.resourceType.kind): return .nodeClaim(try decode(NodeClaim.self))
        case (EC2NodeClass.resourceType.apiVersion, EC2NodeClass.resourceType.kind):
            return .ec2NodeClass(try decode(EC2NodeClass.self))
        case (V1Beta1.NodePool.resourceType.apiVersion, V1Beta1.NodePool.resourceType.kind):
            return .v1beta1NodePool(try decode(V1Beta1.NodePool.self))
        case (V1Beta1.NodeClaim.resourceType.apiVersion, V1Beta1.NodeClaim.resourceType.kind):
            return .v1beta1NodeClaim(try decode(V1Beta1.NodeClaim.self))
        case (V1Beta1.EC2NodeClass.resourceType.apiVersion, V1Beta1.EC2NodeClass.resourceType.kind):
            return .v1beta1EC2NodeClass(try decode(V1Beta1.EC2NodeClass.self))
        default:
            return .other(apiVersion: apiVersion, kind: kind)
        }
    }

    /// A YAML parser error as `line L, column C: problem (context)`, with L counted in the whole input.
    private static func syntaxMessage(_ error: any Error, firstLine: Int) -> String {
        guard let error = error as? YamlError else { return "\(error)" }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let line = firstLine + mark.line - 1
            let detail = context.map { " (\($0.text))" } ?? ""
            return "line \(line), column \(mark.column): \(problem)\(detail)"
        default:
            return "\(error)"
        }
    }

    /// The field path (`spec.template.spec.requirements[2].values`) and a message for a decoding error.
    package static func describe(_ error: DecodingError) -> (path: String, message: String) {
        switch error {
        case let .keyNotFound(key, context):
            return (render(context.codingPath + [key]), "required field is missing")
        case let .typeMismatch(type, context):
            return (render(context.codingPath), "expected \(typeName(type))")
        case let .valueNotFound(type, context):
            return (render(context.codingPath), "expected \(typeName(type)), found null")
        case let .dataCorrupted(context):
            return (render(context.codingPath), context.debugDescription)
        @unknown default:
            return ("", "\(error)")
        }
    }

    /// Renders a coding path as `a.b[2].c`.
    package static func render(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue, key.stringValue == "Index \(index)" || key.stringValue == String(index) {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }

    private static func typeName(_ type: Any.Type) -> String {
        let name = String(describing: type)
        switch name {
        case "String": return "a string"
        case "Int", "Int32", "Int64": return "an integer"
        case "Bool": return "true or false"
        case "Scalar": return "a single value"
        case "Sequence": return "a list"
        case "Mapping": return "a map"
        default:
            if name.hasPrefix("Array<") { return "a list" }
            if name.hasPrefix("Dictionary<") { return "a map" }
            return "a \(name) value"
        }
    }
}
