/// One key's allowed values, in upstream's representation: a finite set (`complement == false`) or
/// everything except a finite set (`complement == true`), optionally bounded by integer `Gt`/`Lt`.
/// `In` = finite, `NotIn` = complement, `Exists` = empty complement, `DoesNotExist` = empty finite set.
/// Invariants: `values` is sorted and unique; a finite set has no bounds (they were applied to its
/// values); a bounded range with no integer inside is stored as the empty finite set.
package struct Requirement: Sendable, Hashable {
    /// Interned key.
    package var key: LabelKeyID
    /// True when `values` lists the excluded values rather than the allowed ones.
    package var complement: Bool
    /// Sorted, unique value ids.
    package var values: [LabelValueID]
    /// Exclusive lower bound (`Gt`).
    package var greaterThan: Int64?
    /// Exclusive upper bound (`Lt`).
    package var lessThan: Int64?
    /// Minimum distinct values required among candidate instance types.
    package var minValues: Int?

    /// Creates a normalised requirement.
    package init(key: LabelKeyID, complement: Bool, values: [LabelValueID], greaterThan: Int64? = nil,
                 lessThan: Int64? = nil, minValues: Int? = nil, table: LabelTable) {
        self.key = key
        self.complement = complement
        self.values = Array(Set(values)).sorted()
        self.greaterThan = greaterThan
        self.lessThan = lessThan
        self.minValues = minValues
        normalize(table: table)
    }

    /// Compiles a user requirement. A `Gt`/`Lt` whose value is not an integer allows nothing.
    package init(_ spec: RequirementSpec, table: inout LabelTable) {
        let key = table.key(spec.key)
        let ids = spec.values.map { table.value($0) }
        switch spec.operator {
        case .in: self.init(key: key, complement: false, values: ids, minValues: spec.minValues, table: table)
        case .notIn: self.init(key: key, complement: true, values: ids, minValues: spec.minValues, table: table)
        case .exists: self.init(key: key, complement: true, values: [], minValues: spec.minValues, table: table)
        case .doesNotExist:
            self.init(key: key, complement: false, values: [], minValues: spec.minValues, table: table)
        case .greaterThan, .lessThan:
            guard spec.values.count == 1, let bound = Int64(spec.values[0]) else {
                self.init(key: key, complement: false, values: [], minValues: spec.minValues, table: table)
                return
            }
            self.init(key: key, complement: true, values: [],
                      greaterThan: spec.operator == .greaterThan ? bound : nil,
                      lessThan: spec.operator == .lessThan ? bound : nil, minValues: spec.minValues, table: table)
        }
    }

    /// Upstream's operator reading: bounds alone read as `Exists`.
    package var `operator`: LabelOperator {
        if complement { return values.isEmpty ? .exists : .notIn }
        return values.isEmpty ? .doesNotExist : .in
    }

    /// Number of allowed values; a complement counts as `Int.max - excluded`.
    package var count: Int { complement ? Int.max - values.count : values.count }

    /// True when no value is allowed.
    package var isEmpty: Bool { !complement && values.isEmpty }

    /// True when `value` is allowed.
    @inline(__always)
    package func allows(_ value: LabelValueID, table: LabelTable) -> Bool {
        if complement {
            if !values.isEmpty && Requirement.sortedContains(values, value) { return false }
            return withinBounds(value, table: table)
        }
        return Requirement.sortedContains(values, value)
    }

    @inline(__always)
    private func withinBounds(_ value: LabelValueID, table: LabelTable) -> Bool {
        if greaterThan == nil && lessThan == nil { return true }
        guard let number = table.number(value) else { return false }
        if let gt = greaterThan, number <= gt { return false }
        if let lt = lessThan, number >= lt { return false }
        return true
    }

    /// The values both requirements allow, with the larger `minValues`.
    package func intersection(_ other: Requirement, table: LabelTable) -> Requirement {
        var out = self
        out.minValues = Requirement.maxOptional(minValues, other.minValues)
        out.greaterThan = Requirement.maxOptional(greaterThan, other.greaterThan)
        out.lessThan = Requirement.minOptional(lessThan, other.lessThan)
        switch (complement, other.complement) {
        case (true, true):
            out.values = Requirement.union(values, other.values)
        case (true, false):
            out.complement = false
            out.values = other.values.filter { !Requirement.sortedContains(values, $0) }
        case (false, true):
            out.values = values.filter { !Requirement.sortedContains(other.values, $0) }
        case (false, false):
            out.values = Requirement.intersect(values, other.values)
        }
        out.normalize(table: table)
        return out
    }

    /// True when the two requirements allow no common value; allocation-free.
    package func isDisjoint(with other: Requirement, table: LabelTable) -> Bool {
        switch (complement, other.complement) {
        case (false, false):
            var i = 0, j = 0
            while i < values.count && j < other.values.count {
                if values[i] == other.values[j] { return false }
                if values[i] < other.values[j] { i += 1 } else { j += 1 }
            }
            return true
        case (false, true):
            for value in values where other.allows(value, table: table) { return false }
            return true
        case (true, false):
            for value in other.values where allows(value, table: table) { return false }
            return true
        case (true, true):
            let gt = Requirement.maxOptional(greaterThan, other.greaterThan)
            let lt = Requirement.minOptional(lessThan, other.lessThan)
            if let gt, let lt { return !Requirement.rangeHasRoom(gt: gt, lt: lt, excluded: values, other.values,
                                                                  table: table) }
            return false
        }
    }

    /// Applies bounds to a finite set and collapses an empty range.
    private mutating func normalize(table: LabelTable) {
        if !complement {
            if greaterThan != nil || lessThan != nil {
                let bounded = Requirement(rawKey: key, complement: true, greaterThan: greaterThan, lessThan: lessThan)
                values = values.filter { bounded.withinBounds($0, table: table) }
            }
            greaterThan = nil
            lessThan = nil
        } else if let gt = greaterThan, let lt = lessThan,
                  !Requirement.rangeHasRoom(gt: gt, lt: lt, excluded: values, [], table: table) {
            complement = false
            values = []
            greaterThan = nil
            lessThan = nil
        }
    }

    private init(rawKey: LabelKeyID, complement: Bool, greaterThan: Int64?, lessThan: Int64?) {
        key = rawKey
        self.complement = complement
        values = []
        self.greaterThan = greaterThan
        self.lessThan = lessThan
        minValues = nil
    }

    /// True when some integer strictly between `gt` and `lt` is not excluded.
    private static func rangeHasRoom(gt: Int64, lt: Int64, excluded a: [LabelValueID], _ b: [LabelValueID],
                                     table: LabelTable) -> Bool {
        guard gt < lt - 1 else { return false }
        let width = lt - gt - 1
        if width > Int64(a.count + b.count) { return true }
        var blocked = Set<Int64>()
        for id in a + b { if let n = table.number(id), n > gt, n < lt { blocked.insert(n) } }
        return Int64(blocked.count) < width
    }

    @inline(__always)
    static func sortedContains(_ values: [LabelValueID], _ value: LabelValueID) -> Bool {
        var low = 0, high = values.count
        while low < high {
            let mid = (low + high) >> 1
            if values[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < values.count && values[low] == value
    }

    static func intersect(_ a: [LabelValueID], _ b: [LabelValueID]) -> [LabelValueID] {
        var out: [LabelValueID] = []
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { out.append(a[i]); i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return out
    }

    static func union(_ a: [LabelValueID], _ b: [LabelValueID]) -> [LabelValueID] {
        var out: [LabelValueID] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i] < b[j]) { out.append(a[i]); i += 1 }
            else if i == a.count || b[j] < a[i] { out.append(b[j]); j += 1 }
            else { out.append(a[i]); i += 1; j += 1 }
        }
        return out
    }

    static func maxOptional<T: Comparable>(_ a: T?, _ b: T?) -> T? {
        guard let a else { return b }
        guard let b else { return a }
        return Swift.max(a, b)
    }

    static func minOptional<T: Comparable>(_ a: T?, _ b: T?) -> T? {
        guard let a else { return b }
        guard let b else { return a }
        return Swift.min(a, b)
    }

    /// Upstream-style rendering, e.g. `zone In [a b]`, for failure messages.
    package func render(_ table: LabelTable) -> String {
        let names = values.map { table.valueName($0) }.sorted().joined(separator: " ")
        var text = "\(table.keyName(key)) \(self.operator.rawValue)"
        if self.operator == .in || self.operator == .notIn { text += " [\(names)]" }
        if let gt = greaterThan { text += " >\(gt)" }
        if let lt = lessThan { text += " <\(lt)" }
        if let minValues { text += " minValues \(minValues)" }
        return text
    }
}
