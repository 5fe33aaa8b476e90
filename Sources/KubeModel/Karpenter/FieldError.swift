/// One validation problem: where (`spec.template.spec.requirements[2].values`) and what to do.
package struct FieldError: Sendable, Hashable, CustomStringConvertible {
    /// JSON path of the offending field, in the form `kubectl explain` uses plus `[index]`/`[key]`.
    package var path: String
    /// What is wrong and what would be accepted.
    package var message: String

    /// Creates a field error.
    package init(path: FieldPath, _ message: String) {
        self.path = path.description
        self.message = message
    }

    /// `path: message`.
    package var description: String { "\(path): \(message)" }
}

/// Every problem found in one object; thrown by `validated()`.
package struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Kind of the object, e.g. `NodePool`.
    package var kind: String
    /// Name of the object.
    package var name: String
    /// All problems, in field order.
    package var errors: [FieldError]

    /// Creates a validation error.
    package init(kind: String, name: String, errors: [FieldError]) {
        self.kind = kind
        self.name = name
        self.errors = errors
    }

    /// One line per problem, headed by the object.
    package var description: String {
        let header = "\(kind) \"\(name)\" is invalid (\(errors.count) problem\(errors.count == 1 ? "" : "s"))"
        return ([header] + errors.map { "  - \($0.description)" }).joined(separator: "\n")
    }
}

/// A field path under construction: `FieldPath("spec").child("template").index(2)`.
package struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    /// The rendered path.
    package private(set) var description: String

    /// Starts a path at a top-level field.
    package init(_ root: String) { description = root }

    /// `path.name`.
    package func child(_ name: String) -> FieldPath {
        var next = self
        next.description += "." + name
        return next
    }

    /// `path[index]`.
    package func index(_ index: Int) -> FieldPath {
        var next = self
        next.description += "[\(index)]"
        return next
    }

    /// `path[key]`, for map entries such as labels.
    package func key(_ key: String) -> FieldPath {
        var next = self
        next.description += "[\(key)]"
        return next
    }
}

/// A Karpenter object that can check itself against its API's rules.
package protocol ValidatedResource: KubeResource {
    /// `NodePool`, `NodeClaim`, ...
    var kind: String { get }
    /// Every problem, each naming its field path; empty when valid.
    func validate() -> [FieldError]
}

extension ValidatedResource {
    /// Throws every problem at once; returns self when valid.
    package func validated() throws(ValidationError) -> Self {
        let errors = validate()
        guard errors.isEmpty else { throw ValidationError(kind: kind, name: metadata.name ?? "", errors: errors) }
        return self
    }
}

extension NodePool: ValidatedResource {}
extension NodeClaim: ValidatedResource {}
extension EC2NodeClass: ValidatedResource {}
