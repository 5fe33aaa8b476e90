import KubeModel

/// A conjunction of per-key requirements (at most one per key), sorted by key id so that
/// intersection and compatibility are linear merges. This is the label algebra for pods, NodePool
/// templates, instance types, nodes and plans.
package struct Requirements: Sendable, Hashable {
    /// Requirements sorted by key, one per key.
    package private(set) var entries: [Requirement]

    /// The empty conjunction (allows everything).
    package init() { entries = [] }

    /// Builds from compiled requirements; repeated keys are intersected.
    package init(_ requirements: [Requirement], table: LabelTable) {
        entries = []
        for requirement in requirements { add(requirement, table: table) }
    }

    /// Compiles user requirements.
    package init(specs: [RequirementSpec], table: inout LabelTable) {
        var compiled: [Requirement] = []
        for spec in specs { compiled.append(Requirement(spec, table: &table)) }
        self.init(compiled, table: table)
    }

    /// `key In [value]` for every label (node labels, NodePool template labels, node selectors).
    package init(labels: [String: String], table: inout LabelTable) {
        var compiled: [Requirement] = []
        for (key, value) in labels {
            compiled.append(Requirement(key: table.key(key), complement: false, values: [table.value(value)],
                                        table: table))
        }
        self.init(compiled, table: table)
    }

    /// The requirement on `key`, if any.
    @inline(__always)
    package func get(_ key: LabelKeyID) -> Requirement? {
        var low = 0, high = entries.count
        while low < high {
            let mid = (low + high) >> 1
            if entries[mid].key < key { low = mid + 1 } else { high = mid }
        }
        return low < entries.count && entries[low].key == key ? entries[low] : nil
    }

    /// True when a requirement on `key` exists.
    package func has(_ key: LabelKeyID) -> Bool { get(key) != nil }

    /// Intersects `requirement` into the conjunction.
    package mutating func add(_ requirement: Requirement, table: LabelTable) {
        var low = 0, high = entries.count
        while low < high {
            let mid = (low + high) >> 1
            if entries[mid].key < requirement.key { low = mid + 1 } else { high = mid }
        }
        if low < entries.count && entries[low].key == requirement.key {
            entries[low] = entries[low].intersection(requirement, table: table)
        } else {
            entries.insert(requirement, at: low)
        }
    }

    /// Removes the requirement on `key`.
    package mutating func remove(_ key: LabelKeyID) { entries.removeAll { $0.key == key } }

    /// The conjunction of both.
    package func intersection(_ other: Requirements, table: LabelTable) -> Requirements {
        var out: [Requirement] = []
        out.reserveCapacity(entries.count + other.entries.count)
        var i = 0, j = 0
        while i < entries.count || j < other.entries.count {
            if j == other.entries.count || (i < entries.count && entries[i].key < other.entries[j].key) {
                out.append(entries[i]); i += 1
            } else if i == entries.count || other.entries[j].key < entries[i].key {
                out.append(other.entries[j]); j += 1
            } else {
                out.append(entries[i].intersection(other.entries[j], table: table)); i += 1; j += 1
            }
        }
        var result = Requirements()
        result.entries = out
        return result
    }

    /// Upstream's `Intersects`: every shared key must have a common value, except that two
    /// requirements that are both `NotIn`/`DoesNotExist` never conflict. Returns the first conflict
    /// by key order; allocation-free when there is none.
    package func firstConflict(with incoming: Requirements, table: LabelTable) -> RequirementConflict? {
        var i = 0, j = 0
        while i < entries.count && j < incoming.entries.count {
            let existing = entries[i], other = incoming.entries[j]
            if existing.key < other.key { i += 1; continue }
            if other.key < existing.key { j += 1; continue }
            if existing.isDisjoint(with: other, table: table) && !Requirements.bothNegative(existing, other) {
                return .noCommonValue(existing: existing, incoming: other)
            }
            i += 1
            j += 1
        }
        return nil
    }

    /// True when no shared key conflicts (see `firstConflict`).
    @inline(__always)
    package func intersects(_ incoming: Requirements, table: LabelTable) -> Bool {
        firstConflict(with: incoming, table: table) == nil
    }

    /// Upstream's `Compatible`: every key of `incoming` that `self` does not define must be negative
    /// (`NotIn`/`DoesNotExist`) or, when `allowUndefinedWellKnown`, a well-known label; shared keys must
    /// intersect.
    package func compatibilityConflict(with incoming: Requirements, allowUndefinedWellKnown: Bool,
                                       table: LabelTable) -> RequirementConflict? {
        for requirement in incoming.entries where get(requirement.key) == nil {
            let op = requirement.operator
            if op == .notIn || op == .doesNotExist { continue }
            if allowUndefinedWellKnown && WellKnownLabels.wellKnown.contains(table.keyName(requirement.key)) {
                continue
            }
            return .undefinedKey(requirement.key)
        }
        return firstConflict(with: incoming, table: table)
    }

    private static func bothNegative(_ a: Requirement, _ b: Requirement) -> Bool {
        let opA = a.operator, opB = b.operator
        return (opA == .notIn || opA == .doesNotExist) && (opB == .notIn || opB == .doesNotExist)
    }

    /// Upstream-style rendering of the whole conjunction, sorted by key name.
    package func render(_ table: LabelTable) -> String {
        entries.map { $0.render(table) }.sorted().joined(separator: ", ")
    }
}

/// Why two requirement sets are not compatible.
package enum RequirementConflict: Sendable, Hashable {
    /// A shared key has no value both sides allow.
    case noCommonValue(existing: Requirement, incoming: Requirement)
    /// The incoming side needs a label the existing side does not define.
    case undefinedKey(LabelKeyID)

    /// Upstream's message text for the conflict.
    package func message(_ table: LabelTable) -> String {
        switch self {
        case let .noCommonValue(existing, incoming):
            return "key \(table.keyName(existing.key)), \(incoming.render(table)) not in \(existing.render(table))"
        case let .undefinedKey(key):
            return "label \"\(table.keyName(key))\" does not have known values"
        }
    }
}
