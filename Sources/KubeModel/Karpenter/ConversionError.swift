import Foundation

extension WellKnownAnnotations {
    /// On a v1 EC2NodeClass converted from a v1beta1 `amiFamily: Ubuntu`: which compatibility
    /// steps were taken (`amiFamily`, `blockDeviceMappings`, `incompatible`), comma-separated.
    package static let v1beta1Ubuntu = "compatibility.karpenter.k8s.aws/v1beta1-ubuntu"
    /// On a v1beta1 EC2NodeClass converted from a v1 alias with a pinned version: that version.
    package static let v1beta1AliasVersion = "compatibility.karpenter.k8s.aws/v1beta1-alias-version"
}

/// Why a conversion between API versions failed: only a compatibility annotation that does not
/// hold what conversion wrote into it (edited by hand, truncated) can make it fail.
package enum ConversionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The annotation's JSON does not decode into the expected v1beta1 structure.
    case invalidAnnotation(key: String, reason: String)

    package var description: String {
        switch self {
        case let .invalidAnnotation(key, reason):
            "annotation \(key) does not hold the JSON written by conversion (\(reason)); remove it or restore its value"
        }
    }
}

/// JSON round-trips of the compatibility annotations: compact, keys sorted, so the text is stable.
enum CompatibilityJSON {
    static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from text: String, key: String) throws(ConversionError) -> Value {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw .invalidAnnotation(key: key, reason: "\(error)")
        }
    }
}

extension ObjectMeta {
    /// Sets or (with nil) removes an annotation, leaving `annotations` nil rather than empty.
    mutating func setAnnotation(_ key: String, _ value: String?) {
        var annotations = self.annotations ?? [:]
        annotations[key] = value
        self.annotations = annotations.isEmpty ? nil : annotations
    }
}

extension V1Beta1.NodeClassReference {
    /// The v1 reference: `group` is the part of `apiVersion` before `/` (empty for a bare version,
    /// as Kubernetes parses group versions); group and kind default to the AWS provider's
    /// EC2NodeClass when absent.
    var v1: NodeClassReference {
        let group = apiVersion.map { text in
            text.firstIndex(of: "/").map { String(text[..<$0]) } ?? ""
        } ?? EC2NodeClass.resourceType.group
        return NodeClassReference(group: group, kind: kind ?? EC2NodeClass.resourceType.kind, name: name)
    }
}

extension NodeClassReference {
    /// The v1beta1 reference, restored exactly from the compatibility annotation when it still
    /// refers to the same object, else rebuilt with the group's v1beta1 version.
    func v1beta1(annotation: String?) throws(ConversionError) -> V1Beta1.NodeClassReference {
        if let annotation {
            let original = try CompatibilityJSON.decode(
                V1Beta1.NodeClassReference.self, from: annotation, key: WellKnownAnnotations.v1beta1NodeClassReference)
            if original.v1 == self { return original }
        }
        return V1Beta1.NodeClassReference(apiVersion: group.isEmpty ? nil : "\(group)/v1beta1", kind: kind, name: name)
    }
}
