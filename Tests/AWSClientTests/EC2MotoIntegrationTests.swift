import HTTPCore
import AWSClient
import Foundation
import Testing

extension AWSMotoIntegrationTests {
    /// The EC2 calls moto implements, with good credentials and with a wrong secret.
    @Suite struct EC2 {
        @Test func wrongSecretIsRejectedWithAuthFailure() async throws {
            let fixture = try await MotoFixture.make()
            let client = try EC2Client(configuration: fixture.configuration(credentials: fixture.wrongCredentials))
            let error = await #expect(throws: AWSError.self) { try await client.describeAvailabilityZones() }
            #expect(error?.code == "AuthFailure")
            #expect(error?.status == 401)
            #expect(error.map { "\($0)" }?.contains("wrong-secret-value") == false)
        }

        @Test func recorderShowsExactlyWhatWasSent() async throws {
            let fixture = try await MotoFixture.make()
            let ec2 = try EC2Client(configuration: fixture.configuration())
            let subnet = try #require(try await ec2.describeSubnets(ids: [], filters: []).first)
            try await fixture.server.startRecording()
            try await ec2.createTags(resources: [subnet.subnetId], tags: [EC2Tag(key: "kubernetes.io/role/elb", value: "1 2")])
            let recorded = try await fixture.server.stopRecording()
            let request = try #require(recorded.first)
            #expect(recorded.count == 1)
            #expect(request.method == "POST")
            #expect(request.body == "Action=CreateTags&Version=2016-11-15&ResourceId.1=\(subnet.subnetId)&Tag.1.Key=kubernetes.io%2Frole%2Felb&Tag.1.Value=1+2")
            let authorization = request.headers["Authorization"] ?? ""
            #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=\(fixture.account.accessKeyID)/"))
            #expect(authorization.contains("/us-east-1/ec2/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature="))
            #expect(request.headers["User-Agent"] == "karpenter-swift")
            #expect(request.headers["X-Amz-Security-Token"] == nil)
        }

        @Test func catalogueCalls() async throws {
            let fixture = try await MotoFixture.make()
            let ec2 = try EC2Client(configuration: fixture.configuration())
            let types = try await ec2.describeInstanceTypes(names: ["t3.medium", "m5.xlarge"], filters: [])
            let medium = try #require(types.first { $0.instanceType == "t3.medium" })
            #expect(medium.vCpuInfo.defaultVCpus == 2)
            #expect(medium.memoryInfo.sizeInMiB == 4096)
            #expect(medium.networkInfo?.maximumNetworkInterfaces == 3)
            #expect(medium.networkInfo?.ipv4AddressesPerInterface == 6)
            #expect(medium.processorInfo.supportedArchitectures == ["x86_64"])
            #expect(medium.supportedUsageClasses.contains("spot"))

            let filtered = try await ec2.describeInstanceTypes(names: [], filters: [
                EC2Filter(name: "processor-info.supported-architecture", values: ["arm64"]),
            ])
            #expect(filtered.count > 50, "all pages of arm64 types")
            #expect(filtered.allSatisfy { $0.processorInfo.supportedArchitectures.contains("arm64") })

            let offerings = try await ec2.describeInstanceTypeOfferings(
                locationType: "availability-zone", filters: [EC2Filter(name: "instance-type", values: ["t3.medium"])]
            )
            #expect(Set(offerings.map(\.location)).isSuperset(of: ["us-east-1a", "us-east-1b"]))

            let zones = try await ec2.describeAvailabilityZones()
            #expect(zones.contains { $0.zoneName == "us-east-1a" && $0.zoneId != nil })

            let prices = try await ec2.describeSpotPriceHistory(instanceTypes: ["t3.medium"], productDescriptions: ["Linux/UNIX"], startTime: nil)
            #expect(prices.allSatisfy { $0.instanceType == "t3.medium" })
        }

        @Test func networkAndImageDiscovery() async throws {
            let fixture = try await MotoFixture.make()
            let ec2 = try EC2Client(configuration: fixture.configuration())
            let subnets = try await ec2.describeSubnets(ids: [], filters: [EC2Filter(name: "default-for-az", values: ["true"])])
            #expect(subnets.count >= 3)
            let first = try #require(subnets.first)
            try await ec2.createTags(resources: [first.subnetId], tags: [EC2Tag(key: "karpenter.sh/discovery", value: "test")])
            let tagged = try await ec2.describeSubnets(ids: [], filters: [EC2Filter(name: "tag:karpenter.sh/discovery", values: ["test"])])
            #expect(tagged.map(\.subnetId) == [first.subnetId])
            #expect(tagged.first?.tagSet.dictionary["karpenter.sh/discovery"] == "test")

            let groups = try await ec2.describeSecurityGroups(ids: [], filters: [EC2Filter(name: "group-name", values: ["default"])])
            #expect(!groups.isEmpty)
            let images = try await ec2.describeImages(ids: [], owners: ["amazon"], filters: [EC2Filter(name: "architecture", values: ["x86_64"])])
            #expect(!images.isEmpty)
            #expect(images.allSatisfy { $0.architecture == "x86_64" })
        }

        @Test func launchTemplateFleetAndInstanceLifecycle() async throws {
            let fixture = try await MotoFixture.make()
            let ec2 = try EC2Client(configuration: fixture.configuration())
            let subnet = try #require(try await ec2.describeSubnets(ids: [], filters: []).first)
            let image = try #require(try await ec2.describeImages(ids: [], owners: ["amazon"], filters: []).first)
            var data = LaunchTemplateData(imageID: image.imageId)
            data.userData = Data("#!/bin/bash\necho hi\n".utf8).base64EncodedString()
            data.blockDeviceMappings = [BlockDeviceMapping(deviceName: "/dev/xvda", volumeSizeGiB: 20, volumeType: "gp3", encrypted: true)]
            data.metadataOptions = MetadataOptions(httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1)
            let name = "karpenter.k8s.aws/12345"
            let template = try await ec2.createLaunchTemplate(
                name: name, data: data, tags: [EC2Tag(key: "karpenter.k8s.aws/ec2nodeclass", value: "default")], clientToken: "token-1"
            )
            #expect(template.launchTemplateName == name)
            let listed = try await ec2.describeLaunchTemplates(names: [name], filters: [])
            #expect(listed.map(\.launchTemplateId) == [template.launchTemplateId])

            #expect(try await ec2.runInstancesDryRun(launchTemplateName: name, instanceType: "t3.medium", subnetID: subnet.subnetId))

            let fleet = try await ec2.createFleet(CreateFleetRequest(
                capacityType: "on-demand",
                launchTemplateConfigs: [.init(launchTemplateName: name, overrides: [
                    .init(instanceType: "t3.medium", subnetID: subnet.subnetId, availabilityZone: subnet.availabilityZone),
                ])],
                tagSpecifications: [TagSpecification(resourceType: "instance", tags: [EC2Tag(key: "karpenter.sh/nodepool", value: "default")])],
                clientToken: "fleet-token-1"
            ))
            let instanceID = try #require(fleet.fleetInstanceSet.first?.instanceIds.first)
            #expect(fleet.errorSet.isEmpty)

            let described = try await ec2.describeInstances(ids: [instanceID], filters: [])
            #expect(described.first?.instanceType == "t3.medium")
            try await ec2.createTags(resources: [instanceID], tags: [EC2Tag(key: "Name", value: "node-1")])
            let byTag = try await ec2.describeInstances(ids: [], filters: [EC2Filter(name: "tag:Name", values: ["node-1"])])
            #expect(byTag.map(\.instanceId) == [instanceID])

            let changes = try await ec2.terminateInstances(ids: [instanceID])
            #expect(changes.first?.instanceId == instanceID)
            #expect(["shutting-down", "terminated"].contains(changes.first?.currentState.name))

            let deleted = try await ec2.deleteLaunchTemplate(name: name)
            #expect(deleted.launchTemplateId == template.launchTemplateId)
            let missing = await #expect(throws: AWSError.self) { try await ec2.describeLaunchTemplates(names: [name], filters: []) }
            #expect(missing?.code.contains("NotFound") == true)
        }
    
        @Test func catalogueFromMotoMatchesTheSeed() async throws {
            let fixture = try await MotoFixture.make()
            let ec2 = try EC2Client(configuration: fixture.configuration())
            let catalogue = try await InstanceTypeCatalogue(ec2: ec2, pricing: nil, region: MotoFixture.region).load()
            #expect(catalogue.count > 500)
            let medium = try #require(catalogue.first { $0.name == "t3.medium" })
            #expect(medium.allocatable == ["cpu": 1930, "memory": 3246 * 1_048_576, "pods": 17, "ephemeral-storage": 17 * 1_073_741_824])
            #expect(Set(medium.offerings.map(\.zone)).contains("us-east-1a"))
            #expect(Set(medium.offerings.map(\.capacityType)) == ["spot", "on-demand"])
            #expect(medium.offerings.contains { $0.capacityType == "spot" && $0.price != nil }, "spot prices signed and parsed")
            #expect(catalogue.allSatisfy { ["amd64", "arm64"].contains($0.architecture) })
        }
}
}
