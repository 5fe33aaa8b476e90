/// Why a multi-document manifest could not be read or converted. Every case names the document
/// (1-based, counting non-empty documents) and, where there is one, the field path.
package enum ManifestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is not valid YAML.
    case syntax(document: Int, message: String)
    /// The document is not a YAML mapping (an object).
    case notAnObject(document: Int)
    /// A field has the wrong type, a bad value, or a required field is missing.
    case field(document: Int, kind: String, path: String, message: String)
    /// The object decoded but breaks the API's rules.
    case invalid(document: Int, kind: String, name: String, errors: [FieldError])
    /// A compatibility annotation could not be read back.
    case conversion(document: Int, kind: String, message: String)

    /// The 1-based document index.
    package var document: Int {
        switch self {
        case let .syntax(document, _), let .notAnObject(document), let .field(document, _, _, _),
             let .invalid(document, _, _, _), let .conversion(document, _, _):
            document
        }
    }

    package var description: String {
        switch self {
        case let .syntax(document, message):
            return "document \(document): not valid YAML: \(message)"
        case let .notAnObject(document):
            return "document \(document): expected an object with apiVersion, kind, metadata and spec"
        case let .field(document, kind, path, message):
            return "document \(document) (\(kind)): \(path.isEmpty ? "" : path + ": ")\(message)"
        case let .invalid(document, kind, name, errors):
            let lines = errors.map { "  - \($0.description)" }
            return (["document \(document) (\(kind) \"\(name)\") is invalid:"] + lines).joined(separator: "\n")
        case let .conversion(document, kind, message):
            return "document \(document) (\(kind)): \(message)"
        }
    }
}
