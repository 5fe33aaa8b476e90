import Foundation
import KubeClient
import KubeModel
import Simulation
import Testing

/// End to end on the real kube-apiserver and kube-scheduler (`make test-integration` gives this suite
/// a freshly started control plane of its own, since its controllers act on every object there):
/// pending pods are marked Unschedulable by the real scheduler, the provisioning controllers create
/// NodeClaims and launch them on a ``KwokCloudProvider`` (the real EC2 catalogue, three zones), a
/// ``SimulatedKubelet`` registers a Node for each instance, the controllers register and initialize
/// it, and the real scheduler binds the pods. Each case has its own NodePool and namespace
/// (``ProvisioningScenario``); see ``ProvisioningHarness`` for the world they run in.
@Suite("ProvisioningIntegration", .serialized)
struct ProvisioningIntegrationTests {
    @Test func seedScenarioPendingPodsAreBoundOnOneSpotT3Medium() async throws {
        let seed = try SeedManifest.load()
        try await ProvisioningHarness.withHarness { harness in
            try await harness.withScenario(pool: seed.nodePool) { scenario in
                for daemonSet in seed.daemonSets { try await scenario.create(daemonSet) }
                try await scenario.create(seed.pods)
                let bound = try await harness.run(harness.makeControllers(), until: "the seed's pods to be bound") {
                    try await scenario.waitForBoundPods(seed.pods.count)
                }
                #expect(bound.count == 3)
                #expect(Set(bound.values).count == 1)
                let claims = try await scenario.nodeClaims()
                try #require(claims.count == 1)
                let claim = claims[0]
                #expect(claim.metadata.labels?[WellKnownLabels.instanceType] == "t3.medium")
                #expect(claim.metadata.labels?[WellKnownLabels.capacityType] == "spot")
                // The catalogue's cheapest t3.medium spot offering among the cloud's three zones.
                #expect(claim.metadata.labels?[WellKnownLabels.zone] == "us-east-1b")
                // The seed's log line: the three pods plus the five daemons' reservations.
                let requests = claim.spec.resources?.requests ?? [:]
                #expect(requests["cpu"] == (try Quantity(parsing: "430m")))
                #expect(requests["memory"] == (try Quantity(parsing: "870Mi")))
                #expect(requests["pods"] == (try Quantity(parsing: "8")))
                let allocatable = claim.status?.allocatable ?? [:]
                #expect(allocatable["cpu"] == (try Quantity(parsing: "1930m")))
                #expect(allocatable["memory"] == (try Quantity(parsing: "3246Mi")))
                #expect(allocatable["pods"] == (try Quantity(parsing: "17")))
                #expect(allocatable["ephemeral-storage"] == (try Quantity(parsing: "17Gi")))
                #expect(try await harness.instances(of: scenario.pool).count == 1)
                let node = try await harness.api.get(Node.self, name: bound.values.first ?? "")
                #expect(node.spec.providerID == claim.status?.providerID)
                #expect(node.metadata.labels?[WellKnownLabels.nodePool] == scenario.pool)
                let taints = node.spec.taints ?? []
                #expect(!taints.contains { $0.matches(Taint.unregistered) })
                #expect(!taints.contains { $0.key == "node.kubernetes.io/not-ready" })
            }
        }
    }

    @Test func hostnameAntiAffinityPutsOnePodPerNode() async throws {
        let seed = try SeedManifest.load()
        try await ProvisioningHarness.withHarness { harness in
            try await harness.withScenario(pool: seed.nodePool) { scenario in
                let antiAffinity = Affinity(podAntiAffinity: PodAffinity(required: [
                    PodAffinityTerm(labelSelector: LabelSelector(matchLabels: ["app": "spread"]), topologyKey: WellKnownLabels.hostname),
                ]))
                for name in ["a", "b", "c"] {
                    try await scenario.create(Self.pod(name, labels: ["app": "spread"], affinity: antiAffinity))
                }
                let bound = try await harness.run(harness.makeControllers(), until: "three anti-affine pods to be bound") {
                    try await scenario.waitForBoundPods(3)
                }
                #expect(Set(bound.values).count == 3)
                #expect(try await scenario.nodeClaims().count == 3)
                #expect(try await harness.instances(of: scenario.pool).count == 3)
            }
        }
    }

    @Test func zoneTopologySpreadUsesThreeZones() async throws {
        let seed = try SeedManifest.load()
        try await ProvisioningHarness.withHarness { harness in
            try await harness.withScenario(pool: seed.nodePool) { scenario in
                let spread = [TopologySpreadConstraint(maxSkew: 1, topologyKey: WellKnownLabels.zone, whenUnsatisfiable: "DoNotSchedule",
                                                       labelSelector: LabelSelector(matchLabels: ["app": "zonal"]))]
                for name in ["a", "b", "c"] {
                    try await scenario.create(Self.pod(name, labels: ["app": "zonal"], spread: spread))
                }
                let bound = try await harness.run(harness.makeControllers(), until: "three zone-spread pods to be bound") {
                    try await scenario.waitForBoundPods(3)
                }
                var podZones: [String] = []
                for node in bound.values {
                    podZones.append(try await harness.api.get(Node.self, name: node).metadata.labels?[WellKnownLabels.zone] ?? "")
                }
                #expect(Set(podZones) == Set(ProvisioningHarness.zones))
                let claims = try await scenario.nodeClaims()
                #expect(Set(claims.compactMap { $0.metadata.labels?[WellKnownLabels.zone] }) == Set(ProvisioningHarness.zones))
                #expect(claims.count == 3)
                #expect(try await harness.instances(of: scenario.pool).count == 3)
            }
        }
    }

    @Test func nodePoolLimitStopsProvisioning() async throws {
        let seed = try SeedManifest.load()
        try await ProvisioningHarness.withHarness { harness in
            // Two vCPUs is one t3.medium; two 1.5-CPU pods need two of them.
            try await harness.withScenario(pool: seed.nodePool, limits: ["cpu": Quantity(2)]) { scenario in
                try await scenario.create([Self.pod("a", cpu: "1500m"), Self.pod("b", cpu: "1500m")])
                let limitMessage = "all available instance types exceed limits for nodepool: \"\(scenario.pool)\""
                let phase = "one pod bound and the other refused for the limit"
                let (bound, message) = try await harness.run(harness.makeControllers(), until: phase) {
                    // One pod was refused for the limit; kube-scheduler may then bind either of them to
                    // the one node, so the event is not tied to the pod left pending.
                    let bound = try await scenario.waitForBoundPods(1)
                    return (bound, try await scenario.waitForFailedScheduling(containing: limitMessage))
                }
                #expect(message.contains(limitMessage))
                #expect(bound.count == 1)
                #expect(try await scenario.nodeClaims().count == 1)
                #expect(try await harness.instances(of: scenario.pool).count == 1)
                let pods = try await harness.api.list(Pod.self, namespace: scenario.namespace).items
                #expect(pods.filter(\.isBound).count == 1)
            }
        }
    }

    @Test func podThatFitsNoInstanceTypeGetsFailedSchedulingAndNoNodeClaim() async throws {
        let seed = try SeedManifest.load()
        try await ProvisioningHarness.withHarness { harness in
            try await harness.withScenario(pool: seed.nodePool) { scenario in
                try await scenario.create(Self.pod("huge", cpu: "64"))
                let message = try await harness.run(harness.makeControllers(), until: "Karpenter's FailedScheduling event") {
                    try await scenario.waitForFailedScheduling()
                }
                #expect(message.contains("no instance type met the scheduling requirements or had enough resources"))
                #expect(try await scenario.nodeClaims().isEmpty)
                #expect(try await harness.instances(of: scenario.pool).isEmpty)
            }
        }
    }

    /// Kills the controllers as soon as they have created the first NodeClaim (before, during or
    /// after its launch, depending on timing) and starts fresh ones over the same cloud and
    /// kubelets: the new ones must adopt the in-flight NodeClaim rather than make another. The
    /// failure this guards against was intermittent, so the scale-up is repeated.
    @Test func restartMidScaleUpCreatesNoDuplicates() async throws {
        let seed = try SeedManifest.load()
        try await ProvisioningHarness.withHarness { harness in
            for iteration in 1...5 {
                try await harness.withScenario(pool: seed.nodePool) { scenario in
                    try await scenario.create(seed.pods)
                    _ = try await harness.run(harness.makeControllers(), until: "the first NodeClaim (iteration \(iteration))") {
                        try await scenario.waitForFirstNodeClaim()
                    }
                    let phase = "the pods bound after the restart (iteration \(iteration))"
                    let bound = try await harness.run(harness.makeControllers(), until: phase) {
                        let bound = try await scenario.waitForBoundPods(seed.pods.count)
                        _ = try await scenario.waitForInitializedNodeClaims()
                        return bound
                    }
                    #expect(bound.count == 3, "iteration \(iteration)")
                    #expect(try await scenario.nodeClaims().count == 1, "iteration \(iteration)")
                    #expect(try await harness.instances(of: scenario.pool).count == 1, "iteration \(iteration)")
                }
            }
        }
    }

    /// A pod for the scenario to place (namespace and NodePool selector are the scenario's).
    static func pod(_ name: String, cpu: String = "100m", memory: String = "128Mi", labels: [String: String]? = nil,
                    affinity: Affinity? = nil, spread: [TopologySpreadConstraint]? = nil) -> Pod {
        let container = Container(name: "main", image: "example", resources: ResourceRequirements(
            requests: ["cpu": Quantity(stringLiteral: cpu), "memory": Quantity(stringLiteral: memory)]))
        return Pod(metadata: ObjectMeta(name: name, labels: labels),
                   spec: PodSpec(containers: [container], affinity: affinity, topologySpreadConstraints: spread,
                                 terminationGracePeriodSeconds: 0))
    }
}
