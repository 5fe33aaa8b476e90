extension EC2NodeClass {
    /// A copy with upstream's v1 defaults where the user wrote nothing: every unset
    /// `metadataOptions` field takes its default (IMDS enabled, IPv6 disabled, hop limit 1,
    /// tokens required).
    package func withDefaults() -> EC2NodeClass {
        var copy = self
        var options = copy.spec.metadataOptions ?? MetadataOptions()
        let defaults = MetadataOptions.defaults
        options.httpEndpoint = options.httpEndpoint ?? defaults.httpEndpoint
        options.httpProtocolIPv6 = options.httpProtocolIPv6 ?? defaults.httpProtocolIPv6
        options.httpPutResponseHopLimit = options.httpPutResponseHopLimit ?? defaults.httpPutResponseHopLimit
        options.httpTokens = options.httpTokens ?? defaults.httpTokens
        copy.spec.metadataOptions = options
        return copy
    }
}
