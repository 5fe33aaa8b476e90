/// The wire shape every top-level Karpenter object shares (`apiVersion`, `kind`, `metadata`,
/// `spec`, `status`), decoded leniently in one place: absent `apiVersion`/`kind`/`metadata` are
/// tolerated (a manifest or a test may omit them), `status` is optional, `spec` is required unless
/// the caller supplies a fallback.
struct ResourceEnvelope<Spec: Decodable, Status: Decodable>: Decodable {
    var apiVersion: String?
    var kind: String?
    var metadata: ObjectMeta
    var spec: Spec?
    var status: Status?
    private var codingPath: [any CodingKey]

    private enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, spec, status }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        metadata = try container.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        spec = try container.decodeIfPresent(Spec.self, forKey: .spec)
        status = try container.decodeIfPresent(Status.self, forKey: .status)
        codingPath = decoder.codingPath
    }

    /// The spec, or `fallback`, or a `keyNotFound` error naming `spec`.
    func requiredSpec(orElse fallback: Spec? = nil) throws -> Spec {
        if let spec = spec ?? fallback { return spec }
        throw DecodingError.keyNotFound(
            CodingKeys.spec, DecodingError.Context(codingPath: codingPath, debugDescription: "spec is required"))
    }
}
