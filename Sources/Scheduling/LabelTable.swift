import KubeModel

/// Interned label key (deprecated beta keys are normalised before interning).
package typealias LabelKeyID = Int32
/// Interned label value; ids are global across keys.
package typealias LabelValueID = Int32

/// Interns label keys and values so that the solver compares and sorts small integers instead of
/// strings. Value ids are assigned in first-seen order; the integer reading of each value is cached
/// for `Gt`/`Lt`. Invariant: `keys[id]` / `values[id]` is the string an id was created from.
package struct LabelTable: Sendable {
    /// Key strings by id.
    package private(set) var keys: [String] = []
    /// Value strings by id.
    package private(set) var values: [String] = []
    private var keyIDs: [String: LabelKeyID] = [:]
    private var valueIDs: [String: LabelValueID] = [:]
    private var numbers: [Int64?] = []

    /// Creates an empty table.
    package init() {}

    /// The id of `key` after beta-label normalisation, interning it when new.
    package mutating func key(_ key: String) -> LabelKeyID {
        let normalized = WellKnownLabels.normalize(key)
        if let id = keyIDs[normalized] { return id }
        let id = LabelKeyID(keys.count)
        keys.append(normalized)
        keyIDs[normalized] = id
        return id
    }

    /// The id of `value`, interning it when new.
    package mutating func value(_ value: String) -> LabelValueID {
        if let id = valueIDs[value] { return id }
        let id = LabelValueID(values.count)
        values.append(value)
        valueIDs[value] = id
        numbers.append(Int64(value))
        return id
    }

    /// The id of an already interned key, or nil.
    package func existingKey(_ key: String) -> LabelKeyID? { keyIDs[WellKnownLabels.normalize(key)] }

    /// The id of an already interned value, or nil.
    package func existingValue(_ value: String) -> LabelValueID? { valueIDs[value] }

    /// Integer reading of a value (for `Gt`/`Lt`), nil when it is not an integer.
    @inline(__always)
    package func number(_ id: LabelValueID) -> Int64? { numbers[Int(id)] }

    /// String of a key id.
    package func keyName(_ id: LabelKeyID) -> String { keys[Int(id)] }

    /// String of a value id.
    package func valueName(_ id: LabelValueID) -> String { values[Int(id)] }
}
