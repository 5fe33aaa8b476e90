import KubeModel
import Scheduling

/// The cloud as the controllers see it: launch and terminate instances for NodeClaims, list what
/// exists, and describe the instance types a NodePool may use.
///
/// Implementations: the AWS provider (EC2 through the SigV4 client) and the simulated
/// `KwokCloudProvider`. Only the Operator (composition root) sees a concrete type.
package protocol CloudProvider: Sendable {
    /// Provider name for metrics and logs, e.g. `aws`.
    var name: String { get }

    /// Launches an instance for `nodeClaim` and returns the NodeClaim as launched: status
    /// `providerID`, `imageID`, `capacity`, `allocatable`, and labels for instance type, zone,
    /// capacity type, architecture and the like. Throws ``CloudProviderError``.
    ///
    /// Must be idempotent per NodeClaim: a second call for a NodeClaim whose instance already
    /// exists returns that instance instead of launching another. The lifecycle controller relies
    /// on it: when writing the launch result to the API server fails (a conflict, a restart), the
    /// next pass simply calls `create` again. An AWS implementation can pass the NodeClaim's UID
    /// as CreateFleet's `ClientToken`, or first look for an instance tagged
    /// `karpenter.sh/nodeclaim=<name>`.
    func create(_ nodeClaim: NodeClaim) async throws -> NodeClaim

    /// Terminates the instance behind `nodeClaim`. Throws ``CloudProviderError/nodeClaimNotFound(providerID:)``
    /// once it is gone, so callers repeat until they see that error.
    func delete(_ nodeClaim: NodeClaim) async throws

    /// The NodeClaim view of the instance with `providerID`.
    func get(providerID: String) async throws -> NodeClaim

    /// Every instance this provider launched for the cluster (garbage collection compares them
    /// with the NodeClaims that exist). Each result carries the name of the NodeClaim it was
    /// launched for as `metadata.name` (AWS: the `karpenter.sh/nodeclaim` tag) and its
    /// `status.providerID`, so an instance whose launch result never reached the NodeClaim can
    /// still be found and terminated when that NodeClaim is deleted.
    func list() async throws -> [NodeClaim]

    /// Instance types, with offerings and allocatable, that `nodePool` may launch.
    func instanceTypes(for nodePool: NodePool) async throws -> [InstanceType]

    /// Why `nodeClaim` no longer matches its NodeClass (e.g. `AMIDrift`), or `nil`.
    func isDrifted(_ nodeClaim: NodeClaim) async throws -> String?
}

/// Errors a ``CloudProvider`` reports; the controllers act on the case, not on text.
package enum CloudProviderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No offering could be launched; the offerings tried are reported so they can be marked
    /// unavailable for a while.
    case insufficientCapacity(offerings: [OfferingKey], message: String)
    /// The instance does not exist (any more).
    case nodeClaimNotFound(providerID: String)
    /// The NodeClaim's NodeClass is not ready (subnets, security groups, AMIs unresolved).
    case nodeClassNotReady(name: String, reason: String)
    /// Launch failed for another reason, with a condition reason such as `LaunchFailed`.
    case createFailed(reason: String, message: String)

    package var description: String {
        switch self {
        case let .insufficientCapacity(offerings, message):
            "insufficient capacity for \(offerings.count) offering(s): \(message)"
        case let .nodeClaimNotFound(providerID):
            "instance \(providerID) not found"
        case let .nodeClassNotReady(name, reason):
            "node class \(name) is not ready: \(reason)"
        case let .createFailed(reason, message):
            "\(reason): \(message)"
        }
    }
}

/// One offering dimension: instance type in a zone with a capacity type.
package struct OfferingKey: Sendable, Hashable, CustomStringConvertible {
    /// Instance type name.
    package var instanceType: String
    /// Availability zone.
    package var zone: String
    /// `spot` or `on-demand`.
    package var capacityType: String

    /// Creates a key.
    package init(instanceType: String, zone: String, capacityType: String) {
        self.instanceType = instanceType
        self.zone = zone
        self.capacityType = capacityType
    }

    /// `type/zone/capacity-type`.
    package var description: String { "\(instanceType)/\(zone)/\(capacityType)" }
}
