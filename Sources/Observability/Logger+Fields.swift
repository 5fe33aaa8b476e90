import KubeModel
import Logging

/// Ordered context fields on a `Logger`.
///
/// Karpenter's log lines carry their keys in a fixed order (`controller`, then the object, then
/// call-specific keys). swift-log passes per-call metadata as an unordered dictionary, so callers
/// attach fields with ``with(_:)`` instead: each field is set on the handler in order, and the JSON
/// handler writes handler fields in the order they were set.
extension Logger {
    /// A copy of this logger with `fields` appended in the given order.
    package func with(_ fields: KeyValuePairs<String, Logger.MetadataValue>) -> Logger {
        var copy = self
        for (key, value) in fields { copy[metadataKey: key] = value }
        return copy
    }

    /// A copy of this logger with one field appended.
    package func with(_ key: String, _ value: Logger.MetadataValue) -> Logger {
        var copy = self
        copy[metadataKey: key] = value
        return copy
    }
}

extension Logger.MetadataValue {
    /// A Kubernetes object reference as upstream logs it: `{"name":"x"}` or
    /// `{"name":"x","namespace":"y"}`.
    package static func object(name: String, namespace: String? = nil) -> Logger.MetadataValue {
        var fields: Logger.Metadata = ["name": .string(name)]
        if let namespace, !namespace.isEmpty { fields["namespace"] = .string(namespace) }
        return .dictionary(fields)
    }

    /// A resource list as upstream logs it: `{"cpu":"430m","memory":"870Mi","pods":"8"}`.
    package static func resources(_ list: [String: Quantity]) -> Logger.MetadataValue {
        .dictionary(list.mapValues { .string($0.description) })
    }

    /// An integer written as a JSON number.
    package static func int(_ value: Int) -> Logger.MetadataValue { .stringConvertible(value) }
}
