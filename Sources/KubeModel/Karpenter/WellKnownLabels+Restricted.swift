extension WellKnownLabels {
    /// Keys users may never set or require: Karpenter writes them itself.
    package static let restrictedKeys: Set<String> = [nodePool, hostname]

    /// Label domains reserved for Kubernetes and Karpenter (a domain matches itself and its subdomains).
    package static let restrictedDomains: [String] = ["karpenter.sh", "karpenter.k8s.aws", "kubernetes.io", "k8s.io"]

    /// Subdomains of restricted domains that users may still use.
    package static let domainExceptions: [String] = ["kops.k8s.io", "node.kubernetes.io", "node-restriction.kubernetes.io"]

    /// Well-known keys users may require or set although their domain is restricted
    /// (`karpenter.sh/capacity-type`, `kubernetes.io/arch`, `karpenter.k8s.aws/instance-family`, ...).
    package static let userSelectable: Set<String> = wellKnown.subtracting([nodePool, ec2NodeClass])

    /// Why `key` may not appear in a NodePool's requirements or template labels; nil when allowed.
    /// `allowing` lists extra keys the caller permits (a NodeClaim may require `karpenter.sh/nodepool`).
    package static func restriction(of key: String, allowing: Set<String> = []) -> String? {
        if allowing.contains(key) || userSelectable.contains(key) { return nil }
        if restrictedKeys.contains(key) {
            return "label \"\(key)\" is restricted: Karpenter sets it on every node it launches"
        }
        guard let slash = key.firstIndex(of: "/") else { return nil }
        let domain = String(key[..<slash])
        func within(_ parent: String) -> Bool { domain == parent || domain.hasSuffix("." + parent) }
        if domainExceptions.contains(where: within) { return nil }
        guard let restricted = restrictedDomains.first(where: within) else { return nil }
        return "label domain \"\(restricted)\" is restricted; use your own domain (e.g. example.com/\(key[key.index(after: slash)...])) or a well-known label such as karpenter.sh/capacity-type, kubernetes.io/arch or karpenter.k8s.aws/instance-family"
    }
}
