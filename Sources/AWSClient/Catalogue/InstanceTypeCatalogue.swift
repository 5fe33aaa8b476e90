import Foundation
import Logging

/// Builds the instance-type catalogue the controller sees: DescribeInstanceTypes (HVM, x86_64 and
/// arm64) + DescribeInstanceTypeOfferings per zone + spot and on-demand prices, through the
/// capacity math of ``InstanceTypeCapacity``.
///
/// Prices are best effort: when Pricing or spot history fails the offerings keep a nil price and
/// the failure is logged once, as upstream falls back rather than failing the catalogue.
package struct InstanceTypeCatalogue: Sendable {
    private let ec2: any EC2API
    private let pricing: (any PricingAPI)?
    private let region: String
    private let capacity: InstanceTypeCapacity
    private let logger: Logger

    /// Creates a catalogue reader; `pricing` nil skips on-demand prices.
    package init(ec2: any EC2API, pricing: (any PricingAPI)?, region: String,
                 capacity: InstanceTypeCapacity = InstanceTypeCapacity(), logger: Logger = Logger(label: "aws.catalogue")) {
        self.ec2 = ec2
        self.pricing = pricing
        self.region = region
        self.capacity = capacity
        self.logger = logger
    }

    /// Every launchable type with capacity, overhead and offerings, sorted by name.
    package func load() async throws -> [InstanceTypeInfo] {
        let types = try await ec2.describeInstanceTypes(names: [], filters: [
            EC2Filter(name: "supported-virtualization-type", values: ["hvm"]),
            EC2Filter(name: "processor-info.supported-architecture", values: ["x86_64", "arm64"]),
        ])
        let offerings = try await ec2.describeInstanceTypeOfferings(locationType: "availability-zone", filters: [])
        var zonesByType: [String: Set<String>] = [:]
        for offering in offerings { zonesByType[offering.instanceType, default: []].insert(offering.location) }

        var spot: [String: [String: Double]] = [:]
        do {
            let history = try await ec2.describeSpotPriceHistory(
                instanceTypes: [], productDescriptions: ["Linux/UNIX", "Linux/UNIX (Amazon VPC)"],
                startTime: ISO8601DateFormatter().string(from: Date())
            )
            for sample in history {
                guard let price = sample.price else { continue }
                spot[sample.instanceType, default: [:]][sample.availabilityZone] = price
            }
        } catch {
            logger.error("failed to fetch spot prices", metadata: ["error": "\(error)"])
        }
        var onDemand: [String: Double] = [:]
        if let pricing {
            do {
                onDemand = OnDemandPrices.parse(try await pricing.getProducts(serviceCode: "AmazonEC2", filters: PricingFilter.onDemandLinux(region: region)))
            } catch {
                logger.error("failed to fetch on-demand prices", metadata: ["error": "\(error)"])
            }
        }
        return types.map { type in
            let zones = (zonesByType[type.instanceType] ?? []).sorted()
            var typeOfferings: [InstanceTypeOfferingInfo] = []
            for zone in zones {
                if type.supportedUsageClasses.contains("spot") {
                    typeOfferings.append(InstanceTypeOfferingInfo(zone: zone, capacityType: "spot", price: spot[type.instanceType]?[zone]))
                }
                if type.supportedUsageClasses.contains("on-demand") {
                    typeOfferings.append(InstanceTypeOfferingInfo(zone: zone, capacityType: "on-demand", price: onDemand[type.instanceType]))
                }
            }
            return capacity.info(for: type, offerings: typeOfferings)
        }.sorted { $0.name < $1.name }
    }
}
