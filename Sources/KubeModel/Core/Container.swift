/// `core/v1 Container`: the parts that matter for scheduling (resources, host ports) and the
/// `restartPolicy` that turns an init container into a sidecar.
package struct Container: Codable, Sendable, Hashable {
    /// Container name.
    package var name: String
    /// Image reference.
    package var image: String?
    /// Requests and limits.
    package var resources: ResourceRequirements?
    /// Ports; those with `hostPort` constrain placement.
    package var ports: [ContainerPort]?
    /// `Always` on an init container makes it a sidecar that runs for the pod's lifetime.
    package var restartPolicy: String?

    /// Creates a container.
    package init(name: String, image: String? = nil, resources: ResourceRequirements? = nil, ports: [ContainerPort]? = nil, restartPolicy: String? = nil) {
        self.name = name
        self.image = image
        self.resources = resources
        self.ports = ports
        self.restartPolicy = restartPolicy
    }

    /// True for an init container with `restartPolicy: Always`.
    package var isSidecar: Bool { restartPolicy == "Always" }
}

/// `core/v1 ResourceRequirements`.
package struct ResourceRequirements: Codable, Sendable, Hashable {
    /// Minimum resources the scheduler reserves.
    package var requests: [String: Quantity]?
    /// Maximum resources the container may use.
    package var limits: [String: Quantity]?

    /// Creates requirements.
    package init(requests: [String: Quantity]? = nil, limits: [String: Quantity]? = nil) {
        self.requests = requests
        self.limits = limits
    }
}

/// `core/v1 ContainerPort`.
package struct ContainerPort: Codable, Sendable, Hashable {
    /// Port inside the container.
    package var containerPort: Int32
    /// Port on the node; conflicts with other pods using the same IP/port/protocol.
    package var hostPort: Int32?
    /// Node IP the host port binds to; empty means all.
    package var hostIP: String?
    /// `TCP` (default), `UDP` or `SCTP`.
    package var `protocol`: String?
    /// Port name.
    package var name: String?

    /// Creates a port.
    package init(containerPort: Int32, hostPort: Int32? = nil, hostIP: String? = nil, protocol: String? = nil, name: String? = nil) {
        self.containerPort = containerPort
        self.hostPort = hostPort
        self.hostIP = hostIP
        self.protocol = `protocol`
        self.name = name
    }
}
