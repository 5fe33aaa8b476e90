import AWSClient
import AWSProvider
import CloudProvider
import Foundation
import KubeModel

extension KwokCloudProvider {
    /// One (type, zone, capacity type) the NodeClaim could be launched in.
    struct Candidate {
        let info: InstanceTypeInfo
        let key: OfferingKey
        let price: Double
    }

    /// Picks the offering and builds the launched NodeClaim, or throws the error EC2 would give.
    func launch(_ nodeClaim: NodeClaim) throws -> NodeClaim {
        let requirements = nodeClaim.spec.requirements.map(\.nodeSelectorRequirement)
        let compatible = candidates(for: requirements)
        if compatible.isEmpty {
            throw CloudProviderError.createFailed(
                reason: "LaunchFailed",
                message: "no instance type in the catalogue satisfies the NodeClaim's requirements in zones \(allowedZones.sorted())")
        }
        if failingLaunches > 0 {
            failingLaunches -= 1
            throw CloudProviderError.insufficientCapacity(
                offerings: compatible.map(\.key), message: "InsufficientInstanceCapacity (injected fault)")
        }
        let available = compatible.filter { !exhaustedOfferings.contains($0.key) }
        // Spot first when the NodeClaim allows it, as upstream's launch does; then the cheapest.
        let spot = available.filter { $0.key.capacityType == "spot" }
        guard let chosen = (spot.isEmpty ? available : spot).min(by: Self.cheaper) else {
            throw CloudProviderError.insufficientCapacity(
                offerings: compatible.map(\.key),
                message: "InsufficientInstanceCapacity: all \(compatible.count) compatible offering(s) are exhausted")
        }
        return launched(nodeClaim, on: chosen)
    }

    /// Offerings in allowed zones whose labels satisfy every requirement on a key the type defines.
    /// Requirements on the type's own labels are checked once per type, zone and capacity type once
    /// per offering.
    func candidates(for requirements: [NodeSelectorRequirement]) -> [Candidate] {
        let perOffering: Set<String> = [WellKnownLabels.zone, WellKnownLabels.capacityType]
        let typeRequirements = requirements.filter { !perOffering.contains($0.key) }
        let offeringRequirements = requirements.filter { perOffering.contains($0.key) }
        func satisfied(_ requirement: NodeSelectorRequirement, _ labels: [String: String]) -> Bool {
            labels[requirement.key] == nil && requirement.operator == .in ? true : requirement.matches(labels)
        }
        var result: [Candidate] = []
        for (info, typeLabels) in zip(catalogue.instanceTypes, typeLabels)
        where typeRequirements.allSatisfy({ satisfied($0, typeLabels) }) {
            for offering in info.offerings where allowedZones.contains(offering.zone) {
                guard let price = offering.price else { continue }
                let labels = [WellKnownLabels.zone: offering.zone, WellKnownLabels.capacityType: offering.capacityType]
                if offeringRequirements.allSatisfy({ satisfied($0, labels) }) {
                    let key = OfferingKey(instanceType: info.name, zone: offering.zone, capacityType: offering.capacityType)
                    result.append(Candidate(info: info, key: key, price: price))
                }
            }
        }
        return result
    }

    /// Price, then name and zone so equal prices choose deterministically.
    static func cheaper(_ lhs: Candidate, _ rhs: Candidate) -> Bool {
        (lhs.price, lhs.key.instanceType, lhs.key.zone) < (rhs.price, rhs.key.instanceType, rhs.key.zone)
    }

    /// The NodeClaim as launched on `candidate`: labels, provider ID, image, capacity, allocatable.
    func launched(_ nodeClaim: NodeClaim, on candidate: Candidate) -> NodeClaim {
        var claim = nodeClaim
        var labels = claim.metadata.labels ?? [:]
        for (key, value) in InstanceTypeMapping.labels(candidate.info) { labels[key] = value }
        labels[WellKnownLabels.instanceType] = candidate.info.name
        labels[WellKnownLabels.zone] = candidate.key.zone
        labels[WellKnownLabels.capacityType] = candidate.key.capacityType
        labels[WellKnownLabels.region] = catalogue.region
        // Single-valued `In` requirements become labels too (e.g. karpenter.sh/nodepool, custom keys).
        for requirement in claim.spec.requirements where requirement.operator == .in && requirement.values?.count == 1 {
            if labels[requirement.key] == nil, let value = requirement.values?.first { labels[requirement.key] = value }
        }
        claim.metadata.labels = labels
        var status = claim.status ?? NodeClaimStatus()
        status.providerID = "aws:///\(candidate.key.zone)/\(nextInstanceID())"
        status.imageID = configuration.imageID
        status.capacity = Self.quantities(candidate.info.capacity)
        status.allocatable = Self.quantities(candidate.info.allocatable)
        claim.status = status
        launchCount += 1
        return claim
    }

    /// `i-` and 17 lowercase hex digits from the seeded generator.
    func nextInstanceID() -> String {
        let high = idGenerator.next() & 0xF
        let low = idGenerator.next()
        let lowHex = String(low, radix: 16)
        return "i-" + String(high, radix: 16) + String(repeating: "0", count: 16 - lowHex.count) + lowHex
    }

    /// Canonical amounts → Kubernetes quantities as the AWS client formats them (`1930m`, `3246Mi`).
    static func quantities(_ amounts: [String: Int64]) -> [String: Quantity] {
        var result: [String: Quantity] = [:]
        for (name, amount) in amounts {
            if let quantity = try? Quantity(parsing: ResourceAmount.format(amount, for: name)) { result[name] = quantity }
        }
        return result
    }
}
