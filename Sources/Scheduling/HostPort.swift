/// A host port a pod binds. Two ports conflict when protocol and port match and either IP is the
/// wildcard (`""` or `0.0.0.0`) or the IPs are equal, as in kube-scheduler's NodePorts filter.
package struct HostPort: Sendable, Hashable {
    /// Host IP; empty means all addresses.
    package var ip: String
    /// Port number.
    package var port: Int32
    /// `TCP`, `UDP` or `SCTP`.
    package var proto: String

    /// Creates a host port.
    package init(ip: String = "", port: Int32, proto: String = "TCP") {
        self.ip = ip
        self.port = port
        self.proto = proto
    }

    /// True when both cannot be bound on the same node.
    package func conflicts(with other: HostPort) -> Bool {
        guard port == other.port, proto == other.proto else { return false }
        let wildcard = ip.isEmpty || ip == "0.0.0.0" || other.ip.isEmpty || other.ip == "0.0.0.0"
        return wildcard || ip == other.ip
    }

    /// Upstream-style rendering, e.g. `IP=0.0.0.0 Port=80 Proto=TCP`.
    package var description: String { "IP=\(ip.isEmpty ? "0.0.0.0" : ip) Port=\(port) Proto=\(proto)" }
}
