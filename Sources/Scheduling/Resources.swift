/// A vector of resource amounts in milli-units (`Int64`): cpu in millicores, memory and
/// ephemeral-storage in millibytes, pods in milli-pods, extended resources (e.g. `nvidia.com/gpu`)
/// likewise. Milli-units keep every Kubernetes quantity exact while the arithmetic stays integer.
/// Invariant: `extended` is sorted by name and holds no duplicate names.
package struct Resources: Sendable, Hashable {
    /// CPU in millicores.
    package var cpu: Int64
    /// Memory in millibytes.
    package var memory: Int64
    /// Ephemeral storage in millibytes.
    package var ephemeralStorage: Int64
    /// Pod slots in milli-pods (one pod = 1000).
    package var pods: Int64
    /// Extended resources by name, sorted by name.
    package private(set) var extended: [ExtendedResource]

    /// One named extended resource amount, in milli-units.
    package struct ExtendedResource: Sendable, Hashable {
        /// Resource name, e.g. `nvidia.com/gpu`.
        package var name: String
        /// Amount in milli-units.
        package var amount: Int64
    }

    /// The zero vector.
    package static let zero = Resources()

    /// Creates a vector from milli-unit amounts; extended resources may be given in any order.
    package init(cpu: Int64 = 0, memory: Int64 = 0, ephemeralStorage: Int64 = 0, pods: Int64 = 0,
                 extended: [String: Int64] = [:]) {
        self.cpu = cpu
        self.memory = memory
        self.ephemeralStorage = ephemeralStorage
        self.pods = pods
        self.extended = extended.map { ExtendedResource(name: $0.key, amount: $0.value) }
            .sorted { $0.name < $1.name }
    }

    /// Convenience for whole units: millicores, mebibytes, gibibytes of storage and a pod count.
    package static func units(cpuMillis: Int64 = 0, memoryMiB: Int64 = 0, storageGiB: Int64 = 0,
                              pods: Int64 = 0, extended: [String: Int64] = [:]) -> Resources {
        Resources(cpu: cpuMillis, memory: memoryMiB * mebibyte, ephemeralStorage: storageGiB * gibibyte,
                  pods: pods * 1000, extended: extended.mapValues { $0 * 1000 })
    }

    /// One mebibyte in milli-units.
    package static let mebibyte: Int64 = 1_048_576 * 1000
    /// One gibibyte in milli-units.
    package static let gibibyte: Int64 = 1_073_741_824 * 1000

    /// Amount of an extended resource (0 when absent).
    package func extendedAmount(_ name: String) -> Int64 {
        for entry in extended where entry.name == name { return entry.amount }
        return 0
    }

    /// True when every amount is zero.
    package var isZero: Bool {
        cpu == 0 && memory == 0 && ephemeralStorage == 0 && pods == 0 && extended.allSatisfy { $0.amount == 0 }
    }

    /// Element-wise sum.
    package static func + (lhs: Resources, rhs: Resources) -> Resources {
        var out = lhs
        out.add(rhs)
        return out
    }

    /// Element-wise difference (may go negative).
    package static func - (lhs: Resources, rhs: Resources) -> Resources {
        var out = lhs
        out.add(rhs, sign: -1)
        return out
    }

    /// Adds `other` (times `sign`) in place; allocates only when extended resources are involved.
    package mutating func add(_ other: Resources, sign: Int64 = 1) {
        cpu += sign * other.cpu
        memory += sign * other.memory
        ephemeralStorage += sign * other.ephemeralStorage
        pods += sign * other.pods
        if !other.extended.isEmpty { mergeExtended(other.extended) { $0 + sign * $1 } }
    }

    /// Element-wise maximum.
    package static func max(_ lhs: Resources, _ rhs: Resources) -> Resources {
        var out = lhs
        out.cpu = Swift.max(lhs.cpu, rhs.cpu)
        out.memory = Swift.max(lhs.memory, rhs.memory)
        out.ephemeralStorage = Swift.max(lhs.ephemeralStorage, rhs.ephemeralStorage)
        out.pods = Swift.max(lhs.pods, rhs.pods)
        if !rhs.extended.isEmpty || !lhs.extended.isEmpty { out.mergeExtended(rhs.extended) { Swift.max($0, $1) } }
        return out
    }

    /// Element-wise minimum over the names of both vectors (absent counts as zero).
    package static func min(_ lhs: Resources, _ rhs: Resources) -> Resources {
        var out = lhs
        out.cpu = Swift.min(lhs.cpu, rhs.cpu)
        out.memory = Swift.min(lhs.memory, rhs.memory)
        out.ephemeralStorage = Swift.min(lhs.ephemeralStorage, rhs.ephemeralStorage)
        out.pods = Swift.min(lhs.pods, rhs.pods)
        if !rhs.extended.isEmpty || !lhs.extended.isEmpty { out.mergeExtended(rhs.extended) { Swift.min($0, $1) } }
        return out
    }

    /// True when every amount of `self` is at most the matching amount of `capacity`; an extended
    /// resource missing from `capacity` counts as zero there.
    @inline(__always)
    package func fits(in capacity: Resources) -> Bool {
        guard cpu <= capacity.cpu, memory <= capacity.memory, pods <= capacity.pods,
              ephemeralStorage <= capacity.ephemeralStorage else { return false }
        if extended.isEmpty { return true }
        for entry in extended where entry.amount > capacity.extendedAmount(entry.name) { return false }
        return true
    }

    /// Names of the resources where `self` exceeds `capacity`, in a fixed order.
    package func exceeded(in capacity: Resources) -> [String] {
        var names: [String] = []
        if cpu > capacity.cpu { names.append("cpu") }
        if memory > capacity.memory { names.append("memory") }
        if ephemeralStorage > capacity.ephemeralStorage { names.append("ephemeral-storage") }
        if pods > capacity.pods { names.append("pods") }
        for entry in extended where entry.amount > capacity.extendedAmount(entry.name) { names.append(entry.name) }
        return names
    }

    private mutating func mergeExtended(_ other: [ExtendedResource], _ combine: (Int64, Int64) -> Int64) {
        var merged: [ExtendedResource] = []
        merged.reserveCapacity(extended.count + other.count)
        var i = 0, j = 0
        while i < extended.count || j < other.count {
            if j == other.count || (i < extended.count && extended[i].name < other[j].name) {
                merged.append(ExtendedResource(name: extended[i].name, amount: combine(extended[i].amount, 0)))
                i += 1
            } else if i == extended.count || other[j].name < extended[i].name {
                merged.append(ExtendedResource(name: other[j].name, amount: combine(0, other[j].amount)))
                j += 1
            } else {
                merged.append(ExtendedResource(name: extended[i].name,
                                               amount: combine(extended[i].amount, other[j].amount)))
                i += 1
                j += 1
            }
        }
        extended = merged
    }
}

extension Resources: CustomStringConvertible {
    /// Kubernetes-style rendering, e.g. `{"cpu":"1500m","memory":"2Gi","pods":"3"}`, used in failure
    /// messages so they read like upstream's.
    package var description: String {
        var parts: [String] = []
        if cpu != 0 { parts.append("\"cpu\":\"\(Resources.render(cpu, binary: false))\"") }
        if ephemeralStorage != 0 {
            parts.append("\"ephemeral-storage\":\"\(Resources.render(ephemeralStorage, binary: true))\"")
        }
        if memory != 0 { parts.append("\"memory\":\"\(Resources.render(memory, binary: true))\"") }
        for entry in extended where entry.amount != 0 {
            parts.append("\"\(entry.name)\":\"\(Resources.render(entry.amount, binary: false))\"")
        }
        if pods != 0 { parts.append("\"pods\":\"\(Resources.render(pods, binary: false))\"") }
        return "{" + parts.joined(separator: ",") + "}"
    }

    /// Renders a milli-unit amount as a quantity: whole units (with a binary suffix when exact) or `m`.
    static func render(_ milli: Int64, binary: Bool) -> String {
        guard milli % 1000 == 0 else { return "\(milli)m" }
        let whole = milli / 1000
        if binary {
            for (suffix, size) in [("Gi", Int64(1) << 30), ("Mi", Int64(1) << 20), ("Ki", Int64(1) << 10)]
            where whole != 0 && whole % size == 0 {
                return "\(whole / size)\(suffix)"
            }
        }
        return "\(whole)"
    }
}
