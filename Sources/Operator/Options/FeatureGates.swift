import Foundation

/// The `FEATURE_GATES` setting: `Name=true,Other=false`, with upstream's gates and defaults.
package struct FeatureGates: Sendable, Equatable, CustomStringConvertible {
    /// Gate names and defaults, as upstream's current release knows them.
    package static let defaults: [String: Bool] = [
        "SpotToSpotConsolidation": false, "NodeRepair": false, "ReservedCapacity": true,
        "NodeOverlay": false, "StaticCapacity": false, "CapacityBuffer": false,
    ]

    /// Effective value of every known gate.
    package private(set) var values: [String: Bool] = FeatureGates.defaults

    /// All gates at their defaults.
    package init() {}

    /// Parses `Name=bool` pairs separated by commas; unknown names and non-boolean values are errors.
    package init(parsing text: String) throws(FeatureGateError) {
        for item in text.split(separator: ",", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { throw .malformed(String(item)) }
            guard Self.defaults[parts[0]] != nil else { throw .unknownGate(parts[0]) }
            switch parts[1].lowercased() {
            case "true": values[parts[0]] = true
            case "false": values[parts[0]] = false
            default: throw .malformed(String(item))
            }
        }
    }

    /// Whether `gate` is on.
    package subscript(gate: String) -> Bool { values[gate] ?? false }

    /// `Name=value` pairs sorted by name.
    package var description: String {
        values.keys.sorted().map { "\($0)=\(values[$0] ?? false)" }.joined(separator: ",")
    }
}

/// Why `FEATURE_GATES` could not be parsed.
package enum FeatureGateError: Error, Equatable {
    /// An item is not `Name=true|false`.
    case malformed(String)
    /// The name is not a known gate.
    case unknownGate(String)
}
