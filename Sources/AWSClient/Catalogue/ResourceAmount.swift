import Foundation

/// Resource names and canonical integer units used by the capacity math: cpu in millicores,
/// memory and ephemeral-storage in bytes, everything else (pods, GPUs, EFA) as counts.
package enum ResourceName {
    /// CPU, millicores.
    package static let cpu = "cpu"
    /// Memory, bytes.
    package static let memory = "memory"
    /// Node-local storage, bytes.
    package static let ephemeralStorage = "ephemeral-storage"
    /// Max pods, count.
    package static let pods = "pods"
    /// NVIDIA GPUs.
    package static let nvidiaGPU = "nvidia.com/gpu"
    /// AMD GPUs.
    package static let amdGPU = "amd.com/gpu"
    /// EFA interfaces.
    package static let efa = "vpc.amazonaws.com/efa"
    /// Windows secondary IPv4 addresses.
    package static let privateIPv4 = "vpc.amazonaws.com/PrivateIPv4Address"

    /// The unit of `name`: millicores for cpu, bytes for memory/storage, count otherwise.
    package static func isBytes(_ name: String) -> Bool { name == memory || name == ephemeralStorage }
}

/// Parses and prints Kubernetes quantities for the few forms Karpenter settings use
/// (`100m`, `2`, `512Mi`, `20Gi`, `1G`, `1.5Gi`), in the canonical units of ``ResourceName``.
package enum ResourceAmount {
    private static let binary: [(String, Double)] = [("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776), ("Pi", 1_125_899_906_842_624)]
    private static let decimal: [(String, Double)] = [("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("P", 1e15)]

    /// `text` as an integer in `name`'s canonical unit (rounded up, as Kubernetes does); nil if unparsable.
    package static func parse(_ text: String, for name: String) -> Int64? {
        var number = text.trimmingCharacters(in: .whitespaces)
        var scale = 1.0
        if number.hasSuffix("m") {
            number.removeLast()
            scale = 0.001
        } else if let suffix = (binary + decimal).first(where: { number.hasSuffix($0.0) }) {
            number.removeLast(suffix.0.count)
            scale = suffix.1
        }
        guard let value = Double(number), value >= 0 else { return nil }
        let base = value * scale
        return Int64((name == ResourceName.cpu ? base * 1000 : base).rounded(.up))
    }

    /// The amount in Kubernetes' usual notation: `1930m` (or whole cores), `3246Mi` / `17Gi` when
    /// exact, else bytes; counts as integers.
    package static func format(_ amount: Int64, for name: String) -> String {
        if name == ResourceName.cpu { return amount % 1000 == 0 ? "\(amount / 1000)" : "\(amount)m" }
        guard ResourceName.isBytes(name) else { return "\(amount)" }
        for (suffix, factor) in binary.reversed() {
            let factor = Int64(factor)
            if amount != 0, amount % factor == 0, amount / factor < 10_000 || suffix == "Mi" { return "\(amount / factor)\(suffix)" }
        }
        return "\(amount)"
    }
}
