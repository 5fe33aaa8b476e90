/// The EC2 calls the AWS provider makes (reference §8.1). Describe calls return every page.
package protocol EC2API: Sendable {
    /// Instance types matching `filters` (or the named ones).
    func describeInstanceTypes(names: [String], filters: [EC2Filter]) async throws -> [EC2InstanceType]
    /// Where each type is offered (`availability-zone` location type).
    func describeInstanceTypeOfferings(locationType: String, filters: [EC2Filter]) async throws -> [InstanceTypeOffering]
    /// Current spot prices for Linux.
    func describeSpotPriceHistory(instanceTypes: [String], productDescriptions: [String], startTime: String?) async throws -> [SpotPrice]
    /// Subnets by ID or filter.
    func describeSubnets(ids: [String], filters: [EC2Filter]) async throws -> [Subnet]
    /// Security groups by ID or filter.
    func describeSecurityGroups(ids: [String], filters: [EC2Filter]) async throws -> [SecurityGroup]
    /// Images by ID, owner or filter (deprecated included, as upstream).
    func describeImages(ids: [String], owners: [String], filters: [EC2Filter]) async throws -> [Image]
    /// Zones of the region.
    func describeAvailabilityZones() async throws -> [AvailabilityZone]
    /// Creates a launch template (idempotent via `clientToken`).
    func createLaunchTemplate(name: String, data: LaunchTemplateData, tags: [EC2Tag], clientToken: String) async throws -> LaunchTemplate
    /// Launch templates by name or filter.
    func describeLaunchTemplates(names: [String], filters: [EC2Filter]) async throws -> [LaunchTemplate]
    /// Deletes a launch template by name.
    func deleteLaunchTemplate(name: String) async throws -> LaunchTemplate
    /// Launches one node with CreateFleet `instant`.
    func createFleet(_ request: CreateFleetRequest) async throws -> CreateFleetResult
    /// RunInstances with DryRun: true when AWS says the call would have succeeded.
    func runInstancesDryRun(launchTemplateName: String, instanceType: String, subnetID: String) async throws -> Bool
    /// Instances by ID or filter.
    func describeInstances(ids: [String], filters: [EC2Filter]) async throws -> [Instance]
    /// Terminates instances.
    func terminateInstances(ids: [String]) async throws -> [InstanceStateChange]
    /// Adds or overwrites tags.
    func createTags(resources: [String], tags: [EC2Tag]) async throws
}
