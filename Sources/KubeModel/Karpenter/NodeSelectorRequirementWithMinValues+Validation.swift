extension NodeSelectorRequirementWithMinValues {
    /// Most requirements a NodePool or NodeClaim may have.
    package static let maxRequirements = 100
    /// Largest `minValues` accepted.
    package static let maxMinValues = 50

    /// Every problem with a requirement list, per the CRD rules: key syntax and restricted keys,
    /// `In` needs a value, `Gt`/`Lt` take exactly one non-negative integer, values are label
    /// values, `minValues` is 1...50 and at most the number of `In` values.
    package static func validate(
        _ requirements: [NodeSelectorRequirementWithMinValues], at path: FieldPath, allowing: Set<String> = []
    ) -> [FieldError] {
        var errors: [FieldError] = []
        if requirements.count > maxRequirements {
            errors.append(FieldError(path: path, "has \(requirements.count) requirements; at most \(maxRequirements) are allowed"))
        }
        for (index, requirement) in requirements.enumerated() {
            errors += requirement.validate(at: path.index(index), allowing: allowing)
        }
        return errors
    }

    /// Every problem with this requirement.
    package func validate(at path: FieldPath, allowing: Set<String> = []) -> [FieldError] {
        var errors: [FieldError] = []
        let keyPath = path.child("key")
        let keyProblems = LabelSyntax.keyProblems(key)
        if keyProblems.isEmpty {
            if let restriction = WellKnownLabels.restriction(of: WellKnownLabels.normalize(key), allowing: allowing) {
                errors.append(FieldError(path: keyPath, restriction))
            }
        } else {
            errors += keyProblems.map { FieldError(path: keyPath, "key \"\(key)\" is not a valid label key: \($0)") }
        }
        let valuesPath = path.child("values")
        let values = self.values ?? []
        switch self.operator {
        case .in:
            if values.isEmpty {
                errors.append(FieldError(path: valuesPath, "operator In needs at least one value; use Exists to accept any value"))
            }
        case .gt, .lt:
            if values.count != 1 {
                errors.append(FieldError(path: valuesPath, "operator \(self.operator.rawValue) needs exactly one value, a non-negative integer (e.g. [\"2\"]); found \(values.count)"))
            } else if let value = values.first, !(value.allSatisfy { $0.isASCII && $0.isNumber }) || value.isEmpty {
                errors.append(FieldError(path: valuesPath.index(0), "operator \(self.operator.rawValue) compares integers; \"\(value)\" is not a non-negative integer"))
            }
        case .notIn, .exists, .doesNotExist:
            break
        }
        for (index, value) in values.enumerated() {
            if let problem = LabelSyntax.valueProblem(value) {
                errors.append(FieldError(path: valuesPath.index(index), "value \"\(value)\" \(problem)"))
            }
        }
        if let minValues {
            let minPath = path.child("minValues")
            if minValues < 1 || minValues > Self.maxMinValues {
                errors.append(FieldError(path: minPath, "minValues must be between 1 and \(Self.maxMinValues); found \(minValues)"))
            } else if self.operator == .in, values.count < minValues {
                errors.append(FieldError(path: minPath, "minValues \(minValues) exceeds the \(values.count) value(s) listed; list at least \(minValues) values or lower minValues"))
            }
        }
        return errors
    }
}
