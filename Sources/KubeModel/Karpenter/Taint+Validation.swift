extension Taint {
    /// Problems with a list of taints: key syntax, value syntax, no duplicate key/effect pairs.
    package static func validate(_ taints: [Taint], at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        var seen = Set<String>()
        for (index, taint) in taints.enumerated() {
            let taintPath = path.index(index)
            errors += LabelSyntax.keyProblems(taint.key).map {
                FieldError(path: taintPath.child("key"), "taint key \"\(taint.key)\" is invalid: \($0)")
            }
            if let value = taint.value, let problem = LabelSyntax.valueProblem(value) {
                errors.append(FieldError(path: taintPath.child("value"), "taint value \"\(value)\" \(problem)"))
            }
            if !seen.insert("\(taint.key):\(taint.effect.rawValue)").inserted {
                errors.append(FieldError(path: taintPath, "duplicate taint \(taint.key):\(taint.effect.rawValue); each key and effect may appear once"))
            }
        }
        return errors
    }
}
