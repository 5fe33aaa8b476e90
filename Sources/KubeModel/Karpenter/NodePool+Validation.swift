extension NodePool {
    /// Most labels a template may carry.
    package static let maxTemplateLabels = 100
    /// Most disruption budgets a pool may have.
    package static let maxBudgets = 50

    /// Every problem with this NodePool, each naming its field path; empty when valid. Checks what
    /// the CRD's schema and upstream's validation enforce, so a bad pool is reported before the API
    /// server (or a launch) rejects it.
    package func validate() -> [FieldError] {
        let spec = FieldPath("spec")
        var errors: [FieldError] = []
        let template = spec.child("template")
        if let metadata = self.spec.template.metadata {
            errors += Self.validateTemplateMetadata(metadata, at: template.child("metadata"))
        }
        errors += self.spec.template.spec.validate(at: template.child("spec"))
        if let disruption = self.spec.disruption {
            errors += disruption.validate(at: spec.child("disruption"))
        }
        if let weight = self.spec.weight, !(1...100).contains(weight) {
            errors.append(FieldError(path: spec.child("weight"), "weight must be between 1 and 100; found \(weight)"))
        }
        for (name, quantity) in (self.spec.limits ?? [:]).sorted(by: { $0.key < $1.key }) where quantity < .zero {
            errors.append(FieldError(path: spec.child("limits").key(name), "limit must not be negative; found \(quantity)"))
        }
        return errors
    }

    /// Label keys and values, restricted keys and domains, and the label count of a template.
    static func validateTemplateMetadata(_ metadata: TemplateMetadata, at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        let labels = metadata.labels ?? [:]
        let labelsPath = path.child("labels")
        if labels.count > maxTemplateLabels {
            errors.append(FieldError(path: labelsPath, "has \(labels.count) labels; at most \(maxTemplateLabels) are allowed"))
        }
        for (key, value) in labels.sorted(by: { $0.key < $1.key }) {
            let entry = labelsPath.key(key)
            let problems = LabelSyntax.keyProblems(key)
            errors += problems.map { FieldError(path: entry, "label key \"\(key)\" is invalid: \($0)") }
            if problems.isEmpty, let restriction = WellKnownLabels.restriction(of: key) {
                errors.append(FieldError(path: entry, restriction))
            }
            if let problem = LabelSyntax.valueProblem(value) {
                errors.append(FieldError(path: entry, "label value \"\(value)\" \(problem)"))
            }
        }
        for key in (metadata.annotations ?? [:]).keys.sorted() {
            errors += LabelSyntax.keyProblems(key).map {
                FieldError(path: path.child("annotations").key(key), "annotation key \"\(key)\" is invalid: \($0)")
            }
        }
        return errors
    }
}

extension NodeClaimTemplateSpec {
    /// Problems with a template's requirements, taints, NodeClass reference and durations.
    package func validate(at path: FieldPath) -> [FieldError] {
        var errors = NodeSelectorRequirementWithMinValues.validate(requirements, at: path.child("requirements"))
        errors += Taint.validate(taints ?? [], at: path.child("taints"))
        errors += Taint.validate(startupTaints ?? [], at: path.child("startupTaints"))
        errors += nodeClassRef.validate(at: path.child("nodeClassRef"))
        errors += NillableDuration.validate(expireAfter, at: path.child("expireAfter"), pattern: .nillable)
        errors += NillableDuration.validate(terminationGracePeriod, at: path.child("terminationGracePeriod"), pattern: .plain)
        return errors
    }
}

extension Disruption {
    /// Problems with consolidateAfter and the budgets.
    package func validate(at path: FieldPath) -> [FieldError] {
        var errors = NillableDuration.validate(consolidateAfter, at: path.child("consolidateAfter"), pattern: .nillable)
        let budgets = self.budgets ?? []
        if budgets.count > NodePool.maxBudgets {
            errors.append(FieldError(path: path.child("budgets"), "has \(budgets.count) budgets; at most \(NodePool.maxBudgets) are allowed"))
        }
        for (index, budget) in budgets.enumerated() {
            errors += budget.validate(at: path.child("budgets").index(index))
        }
        return errors
    }
}

extension Budget {
    /// Problems with one budget: `nodes` pattern, `schedule` and `duration` together, cron syntax,
    /// duration in hours/minutes.
    package func validate(at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        if !Self.isValidNodes(nodes) {
            errors.append(FieldError(path: path.child("nodes"), "nodes \"\(nodes)\" must be a whole number (e.g. \"5\") or a percentage from 0% to 100% (e.g. \"10%\")"))
        }
        switch (schedule, duration) {
        case (.some, .none):
            errors.append(FieldError(path: path.child("duration"), "a budget with a schedule needs a duration (e.g. 8h) saying how long it stays active"))
        case (.none, .some):
            errors.append(FieldError(path: path.child("schedule"), "a budget with a duration needs a schedule (e.g. \"0 9 * * mon-fri\") saying when it starts"))
        default:
            break
        }
        if let schedule, let problem = Self.cronProblem(schedule) {
            errors.append(FieldError(path: path.child("schedule"), problem))
        }
        errors += NillableDuration.validate(duration, at: path.child("duration"), pattern: .budget)
        return errors
    }

    /// `^((100|[0-9]{1,2})%|[0-9]+)$`.
    static func isValidNodes(_ text: String) -> Bool {
        let digits = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        guard text.hasSuffix("%") else { return true }
        return digits.count <= 2 || digits == "100"
    }

    /// Standard five-field cron or a macro (`@daily`, ...); nil when acceptable.
    static func cronProblem(_ schedule: String) -> String? {
        let macros: Set<String> = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]
        if schedule.hasPrefix("@") {
            return macros.contains(schedule) ? nil : "schedule \"\(schedule)\" is not a known macro; use one of \(macros.sorted().joined(separator: ", ")) or five cron fields"
        }
        let fields = schedule.split(separator: " ", omittingEmptySubsequences: true)
        let allowed = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ*/,-?")
        guard fields.count == 5, fields.allSatisfy({ $0.allSatisfy(allowed.contains) }) else {
            return "schedule \"\(schedule)\" must be a cron expression with five fields (minute hour day-of-month month day-of-week, e.g. \"0 9 * * mon-fri\") or a macro such as @daily"
        }
        return nil
    }
}
