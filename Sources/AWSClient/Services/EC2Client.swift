/// EC2 over the Query protocol (API version 2016-11-15), with NextToken pagination.
package struct EC2Client: EC2API {
    private let query: QueryClient
    /// Upper bound on pages per describe call, so a looping NextToken cannot spin forever.
    private let maxPages = 1000

    /// Creates the client.
    package init(configuration: AWSClientConfiguration) throws {
        query = QueryClient(client: try AWSServiceClient(service: .ec2, configuration: configuration),
                            version: "2016-11-15", style: .ec2)
    }

    /// DescribeInstanceTypes, 100 per page when filtering (AWS refuses MaxResults with explicit names).
    package func describeInstanceTypes(names: [String], filters: [EC2Filter]) async throws -> [EC2InstanceType] {
        var p = QueryParameters()
        p.set("InstanceType", list: names)
        p.set(filters: filters)
        return try await paginate("DescribeInstanceTypes", p, pageSize: names.isEmpty ? 100 : nil, as: InstanceTypesPage.self)
    }

    /// DescribeInstanceTypeOfferings, 1000 per page.
    package func describeInstanceTypeOfferings(locationType: String, filters: [EC2Filter]) async throws -> [InstanceTypeOffering] {
        var p = QueryParameters()
        p.set("LocationType", locationType)
        p.set(filters: filters)
        return try await paginate("DescribeInstanceTypeOfferings", p, pageSize: 1000, as: OfferingsPage.self)
    }

    /// DescribeSpotPriceHistory; `startTime` now gives the current price per (type, zone).
    package func describeSpotPriceHistory(instanceTypes: [String], productDescriptions: [String], startTime: String?) async throws -> [SpotPrice] {
        var p = QueryParameters()
        p.set("InstanceType", list: instanceTypes)
        p.set("ProductDescription", list: productDescriptions)
        p.set("StartTime", startTime)
        return try await paginate("DescribeSpotPriceHistory", p, pageSize: 1000, as: SpotPricePage.self)
    }

    /// DescribeSubnets by ID or filter, all pages.
    package func describeSubnets(ids: [String], filters: [EC2Filter]) async throws -> [Subnet] {
        var p = QueryParameters()
        p.set("SubnetId", list: ids)
        p.set(filters: filters)
        return try await paginate("DescribeSubnets", p, pageSize: ids.isEmpty ? 1000 : nil, as: SubnetsPage.self)
    }

    /// DescribeSecurityGroups by ID or filter, all pages.
    package func describeSecurityGroups(ids: [String], filters: [EC2Filter]) async throws -> [SecurityGroup] {
        var p = QueryParameters()
        p.set("GroupId", list: ids)
        p.set(filters: filters)
        return try await paginate("DescribeSecurityGroups", p, pageSize: ids.isEmpty ? 1000 : nil, as: SecurityGroupsPage.self)
    }

    /// DescribeImages with `IncludeDeprecated=true`, as upstream's AMI selection needs.
    package func describeImages(ids: [String], owners: [String], filters: [EC2Filter]) async throws -> [Image] {
        var p = QueryParameters()
        p.set("ImageId", list: ids)
        p.set("Owner", list: owners)
        p.set(filters: filters)
        p.set("IncludeDeprecated", true)
        return try await paginate("DescribeImages", p, pageSize: nil, as: ImagesPage.self)
    }

    /// DescribeAvailabilityZones of the configured region (not paginated by AWS).
    package func describeAvailabilityZones() async throws -> [AvailabilityZone] {
        try await query.call("DescribeAvailabilityZones", as: ZonesPage.self, idempotency: .idempotent).items
    }

    /// CreateLaunchTemplate; idempotent through `ClientToken`, so it is retried like a read.
    package func createLaunchTemplate(name: String, data: LaunchTemplateData, tags: [EC2Tag], clientToken: String) async throws -> LaunchTemplate {
        var p = QueryParameters()
        p.set("LaunchTemplateName", name)
        p.set("ClientToken", clientToken)
        p.merge(data.parameters, prefix: "LaunchTemplateData")
        if !tags.isEmpty {
            p.merge(TagSpecification.parameters([TagSpecification(resourceType: "launch-template", tags: tags)], key: "TagSpecification"), prefix: "")
        }
        return try await query.call("CreateLaunchTemplate", p, as: LaunchTemplateAnswer.self, idempotency: .idempotent).launchTemplate
    }

    /// DescribeLaunchTemplates by name or filter, all pages.
    package func describeLaunchTemplates(names: [String], filters: [EC2Filter]) async throws -> [LaunchTemplate] {
        var p = QueryParameters()
        p.set("LaunchTemplateName", list: names)
        p.set(filters: filters)
        return try await paginate("DescribeLaunchTemplates", p, pageSize: names.isEmpty ? 200 : nil, as: LaunchTemplatesPage.self)
    }

    /// DeleteLaunchTemplate by name (deleting twice fails with NotFound, no other effect).
    package func deleteLaunchTemplate(name: String) async throws -> LaunchTemplate {
        var p = QueryParameters()
        p.set("LaunchTemplateName", name)
        return try await query.call("DeleteLaunchTemplate", p, as: LaunchTemplateAnswer.self, idempotency: .idempotent).launchTemplate
    }

    /// CreateFleet `instant`; idempotent through the request's `ClientToken`.
    package func createFleet(_ request: CreateFleetRequest) async throws -> CreateFleetResult {
        try await query.call("CreateFleet", request.parameters, as: CreateFleetResult.self, idempotency: .idempotent)
    }

    /// RunInstances with `DryRun=true`: `DryRunOperation` means allowed, `UnauthorizedOperation` not.
    package func runInstancesDryRun(launchTemplateName: String, instanceType: String, subnetID: String) async throws -> Bool {
        var p = QueryParameters()
        p.set("DryRun", true)
        p.set("MinCount", 1)
        p.set("MaxCount", 1)
        p.set("LaunchTemplate.LaunchTemplateName", launchTemplateName)
        p.set("InstanceType", instanceType)
        p.set("SubnetId", subnetID)
        do {
            _ = try await query.call("RunInstances", p, as: ReservationAnswer.self, idempotency: .idempotent)
            return true
        } catch let error as AWSError where error.code == "DryRunOperation" {
            return true
        } catch let error as AWSError where error.code == "UnauthorizedOperation" {
            return false
        }
    }

    /// DescribeInstances by ID or filter, flattened over reservations, all pages.
    package func describeInstances(ids: [String], filters: [EC2Filter]) async throws -> [Instance] {
        var p = QueryParameters()
        p.set("InstanceId", list: ids)
        p.set(filters: filters)
        let reservations = try await paginate("DescribeInstances", p, pageSize: ids.isEmpty ? 1000 : nil, as: ReservationsPage.self)
        return reservations.flatMap(\.instancesSet)
    }

    /// TerminateInstances (terminating twice is harmless, so it is retried).
    package func terminateInstances(ids: [String]) async throws -> [InstanceStateChange] {
        var p = QueryParameters()
        p.set("InstanceId", list: ids)
        return try await query.call("TerminateInstances", p, as: TerminateAnswer.self, idempotency: .idempotent).instancesSet
    }

    /// CreateTags (overwrites, so resending is harmless).
    package func createTags(resources: [String], tags: [EC2Tag]) async throws {
        var p = QueryParameters()
        p.set("ResourceId", list: resources)
        for (index, tag) in tags.enumerated() {
            p.set("Tag.\(index + 1).Key", tag.key)
            p.set("Tag.\(index + 1).Value", tag.value)
        }
        _ = try await query.call("CreateTags", p, as: ReturnAnswer.self, idempotency: .idempotent)
    }

    /// Follows `nextToken` until the last page, concatenating items.
    private func paginate<Page: EC2Page>(
        _ action: String, _ base: QueryParameters, pageSize: Int?, as _: Page.Type
    ) async throws -> [Page.Item] {
        var items: [Page.Item] = []
        var token: String?
        for _ in 0..<maxPages {
            var p = base
            p.set("MaxResults", pageSize)
            p.set("NextToken", token)
            let page = try await query.call(action, p, as: Page.self, idempotency: .idempotent)
            items += page.items
            guard let next = page.nextToken, !next.isEmpty else { return items }
            token = next
        }
        throw AWSError(code: AWSError.ClientCode.malformedResponse, message: "\(action) returned more than \(maxPages) pages", service: "ec2")
    }
}
