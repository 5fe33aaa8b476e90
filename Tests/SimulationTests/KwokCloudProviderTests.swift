import AWSClient
import Foundation
import CloudProvider
import KubeModel
import Scheduling
import Simulation
import TestSupport
import Testing

/// The simulated cloud over the bundled catalogue: offering choice, sizes, IDs, faults, latency, idempotence.
@Suite struct KwokCloudProviderTests {
    static let catalogue: SimulatedCatalogue? = try? SimulatedCatalogue.bundled()

    static func loadedCatalogue() throws -> SimulatedCatalogue {
        try #require(catalogue, "bundled catalogue must load")
    }

    /// Builder: the seed's NodeClaim (t3.medium, spot, amd64, linux) unless overridden.
    static func nodeClaim(name: String = "default-abcde", requirements: [NodeSelectorRequirementWithMinValues] = [
        NodeSelectorRequirementWithMinValues(key: WellKnownLabels.instanceType, operator: .in, values: ["t3.medium"]),
        NodeSelectorRequirementWithMinValues(key: WellKnownLabels.capacityType, operator: .in, values: ["spot"]),
        NodeSelectorRequirementWithMinValues(key: WellKnownLabels.arch, operator: .in, values: ["amd64"]),
        NodeSelectorRequirementWithMinValues(key: WellKnownLabels.os, operator: .in, values: ["linux"]),
        NodeSelectorRequirementWithMinValues(key: WellKnownLabels.nodePool, operator: .in, values: ["default"]),
    ]) -> NodeClaim {
        NodeClaim(metadata: ObjectMeta(name: name, labels: [WellKnownLabels.nodePool: "default"]),
                  spec: NodeClaimSpec(requirements: requirements,
                                      nodeClassRef: NodeClassReference(name: "default")))
    }

    static func provider(zones: [String]? = nil, latency: Duration = .zero, seed: UInt64 = 7,
                         clock: any Clock<Duration> = ManualClock()) throws -> KwokCloudProvider {
        KwokCloudProvider(catalogue: try loadedCatalogue(),
                          configuration: .init(zones: zones, launchLatency: latency, seed: seed), clock: clock)
    }

    static func nodePool() -> NodePool {
        NodePool(metadata: ObjectMeta(name: "default"),
                 spec: NodePoolSpec(template: NodeClaimTemplate(spec: NodeClaimTemplateSpec(nodeClassRef: NodeClassReference(name: "default")))))
    }

    static func quantity(_ text: String) throws -> Quantity { try Quantity(parsing: text) }

    @Test func seedNodeClaimLaunchesT3MediumSpotWithTheSeedAllocatable() async throws {
        let launched = try await Self.provider().create(Self.nodeClaim())
        let labels = launched.metadata.labels ?? [:]
        #expect(labels[WellKnownLabels.instanceType] == "t3.medium")
        #expect(labels[WellKnownLabels.capacityType] == "spot")
        #expect(labels[WellKnownLabels.arch] == "amd64")
        #expect(labels[WellKnownLabels.nodePool] == "default")
        #expect(labels[WellKnownLabels.region] == "us-east-1")
        #expect(labels["karpenter.k8s.aws/instance-family"] == "t3")
        let allocatable = launched.status?.allocatable ?? [:]
        #expect(allocatable["cpu"] == (try Self.quantity("1930m")))
        #expect(allocatable["memory"] == (try Self.quantity("3246Mi")))
        #expect(allocatable["pods"] == (try Self.quantity("17")))
        #expect(allocatable["ephemeral-storage"] == (try Self.quantity("17Gi")))
        let providerID = try #require(launched.status?.providerID)
        let zone = try #require(labels[WellKnownLabels.zone])
        #expect(providerID.hasPrefix("aws:///\(zone)/i-"))
        let id = providerID.split(separator: "/").last.map(String.init) ?? ""
        #expect(id.count == 19 && id.dropFirst(2).allSatisfy(\.isHexDigit))
    }

    @Test func choosesTheCheapestSpotZone() async throws {
        let catalogue = try Self.loadedCatalogue()
        let t3 = try #require(catalogue.instanceTypes.first { $0.name == "t3.medium" })
        let cheapest = try #require(t3.offerings.filter { $0.capacityType == "spot" }.min { ($0.price ?? 9) < ($1.price ?? 9) })
        let launched = try await Self.provider().create(Self.nodeClaim())
        #expect(launched.metadata.labels?[WellKnownLabels.zone] == cheapest.zone)
    }

    @Test func onDemandWhenSpotIsNotAllowedAndZonesAreHonoured() async throws {
        let claim = Self.nodeClaim(requirements: [
            NodeSelectorRequirementWithMinValues(key: WellKnownLabels.instanceType, operator: .in, values: ["m5.large", "c5.large"]),
            NodeSelectorRequirementWithMinValues(key: WellKnownLabels.capacityType, operator: .in, values: ["on-demand"]),
        ])
        let launched = try await Self.provider(zones: ["us-east-1c"]).create(claim)
        #expect(launched.metadata.labels?[WellKnownLabels.capacityType] == "on-demand")
        #expect(launched.metadata.labels?[WellKnownLabels.instanceType] == "c5.large")
        #expect(launched.metadata.labels?[WellKnownLabels.zone] == "us-east-1c")
    }

    @Test func sameSeedSameIDsAndCreateIsIdempotent() async throws {
        let first = try Self.provider(seed: 42)
        let second = try Self.provider(seed: 42)
        let a = try await first.create(Self.nodeClaim())
        let again = try await first.create(Self.nodeClaim())
        let b = try await second.create(Self.nodeClaim())
        #expect(a.status?.providerID == again.status?.providerID)
        #expect(a.status?.providerID == b.status?.providerID)
        #expect(await first.instanceCount == 1)
        #expect(try await first.list().count == 1)
    }

    @Test func deleteUntilNotFound() async throws {
        let provider = try Self.provider()
        let launched = try await provider.create(Self.nodeClaim())
        let providerID = try #require(launched.status?.providerID)
        #expect(try await provider.get(providerID: providerID) == launched)
        try await provider.delete(launched)
        await #expect(throws: CloudProviderError.nodeClaimNotFound(providerID: providerID)) { try await provider.delete(launched) }
        await #expect(throws: CloudProviderError.nodeClaimNotFound(providerID: providerID)) {
            _ = try await provider.get(providerID: providerID)
        }
        #expect(try await provider.list().isEmpty)
    }

    @Test func exhaustedOfferingsFallBackThenFailWithInsufficientCapacity() async throws {
        let provider = try Self.provider(zones: ["us-east-1a", "us-east-1b"])
        let spotA = OfferingKey(instanceType: "t3.medium", zone: "us-east-1a", capacityType: "spot")
        let spotB = OfferingKey(instanceType: "t3.medium", zone: "us-east-1b", capacityType: "spot")
        let before = try await provider.instanceTypes(for: Self.nodePool()).first { $0.name == "t3.medium" }
        #expect(before?.offerings.filter { $0.capacityType == "spot" }.allSatisfy(\.available) == true)
        await provider.exhaust(spotA)
        let launched = try await provider.create(Self.nodeClaim(name: "one"))
        #expect(launched.metadata.labels?[WellKnownLabels.zone] == "us-east-1b")
        await provider.exhaust(spotB)
        await #expect(throws: CloudProviderError.insufficientCapacity(
            offerings: [spotA, spotB],
            message: "InsufficientInstanceCapacity: all 2 compatible offering(s) are exhausted")) {
            _ = try await provider.create(Self.nodeClaim(name: "two"))
        }
        let types = try await provider.instanceTypes(for: Self.nodePool())
        let t3 = try #require(types.first { $0.name == "t3.medium" })
        #expect(t3.offerings.filter { $0.capacityType == "spot" }.allSatisfy { !$0.available })
        #expect(Set(t3.offerings.map(\.zone)) == ["us-east-1a", "us-east-1b"])
        await provider.restore(spotB)
        #expect(try await provider.create(Self.nodeClaim(name: "two")).metadata.labels?[WellKnownLabels.zone] == "us-east-1b")
    }

    @Test func nextLaunchesFault() async throws {
        let provider = try Self.provider()
        await provider.failNextLaunches(1)
        do {
            _ = try await provider.create(Self.nodeClaim())
            Issue.record("expected insufficient capacity")
        } catch let CloudProviderError.insufficientCapacity(offerings, _) {
            #expect(offerings.allSatisfy { $0.instanceType == "t3.medium" && $0.capacityType == "spot" })
            #expect(!offerings.isEmpty)
        }
        #expect(await provider.instanceCount == 0)
        _ = try await provider.create(Self.nodeClaim())
        #expect(await provider.instanceCount == 1)
    }

    @Test func incompatibleRequirementsFailTheLaunch() async throws {
        let claim = Self.nodeClaim(requirements: [
            NodeSelectorRequirementWithMinValues(key: WellKnownLabels.instanceType, operator: .in, values: ["no.such-type"]),
        ])
        await #expect(throws: CloudProviderError.self) { _ = try await Self.provider().create(claim) }
    }

    @Test func launchLatencyWaitsOnTheInjectedClock() async throws {
        let clock = ManualClock()
        let provider = try Self.provider(latency: .seconds(30), clock: clock)
        let events = await provider.events()
        let launch = Task { try await provider.create(Self.nodeClaim()) }
        await clock.waitForSleepers(1)
        var iterator = events.makeAsyncIterator()
        guard case let .launched(claim)? = await iterator.next() else {
            Issue.record("expected a launched event")
            return
        }
        clock.advance(by: .seconds(30))
        #expect(try await launch.value == claim)
    }
}

/// The generated catalogue as loaded: coverage and sizes that make sense.
@Suite struct SimulatedCatalogueTests {
    @Test func bundledCatalogueCoversTheCommonTypesWithUsableSizes() throws {
        let catalogue = try KwokCloudProviderTests.loadedCatalogue()
        #expect(catalogue.region == "us-east-1")
        #expect(catalogue.zones.count >= 3)
        let names = Set(catalogue.instanceTypes.map(\.name))
        #expect(names.isSuperset(of: ["t3.medium", "m5.large", "c5.large", "r5.large", "m6g.large", "g4dn.xlarge"]))
        for info in catalogue.instanceTypes {
            #expect((info.allocatable["cpu"] ?? 0) > 0, "\(info.name) cpu")
            #expect((info.allocatable["memory"] ?? 0) > 0, "\(info.name) memory")
            #expect(info.offerings.contains { $0.capacityType == "on-demand" && ($0.price ?? 0) > 0 }, "\(info.name) price")
        }
        let t3 = try #require(catalogue.instanceTypes.first { $0.name == "t3.medium" })
        let onDemand = try #require(t3.offerings.first { $0.capacityType == "on-demand" }?.price)
        #expect(onDemand == 0.0416)
        for spot in t3.offerings where spot.capacityType == "spot" {
            let discount = 1 - (spot.price ?? 0) / onDemand
            #expect(discount >= 0.549 && discount <= 0.751)
        }
    }

    @Test func malformedDataIsReported() {
        #expect(throws: SimulatedCatalogue.LoadError.self) { try SimulatedCatalogue(data: Data("{}".utf8)) }
    }
}
