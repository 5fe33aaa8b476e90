import AWSClient
import Foundation
import HTTPCore
import Testing

/// What moto lacks, replayed in AWS's real answer shapes through ``FakeAWSTransport``: Pricing,
/// the EKS-optimised AMI parameters, CreateFleet capacity errors, and each protocol's error shapes.
@Suite struct FakeEndpointTests {
    static func product(_ type: String, _ usd: String) -> String {
        #"{"product":{"productFamily":"Compute Instance","attributes":{"instanceType":"\#(type)","regionCode":"us-west-2","operatingSystem":"Linux","tenancy":"Shared","vcpu":"2"},"sku":"SKU\#(type)"},"serviceCode":"AmazonEC2","terms":{"OnDemand":{"SKU\#(type).JRTCKXETXF":{"priceDimensions":{"SKU\#(type).JRTCKXETXF.6YS6EN2CT7":{"unit":"Hrs","endRange":"Inf","description":"$\#(usd) per On Demand Linux \#(type) Instance Hour","appliesTo":[],"rateCode":"SKU\#(type).JRTCKXETXF.6YS6EN2CT7","beginRange":"0","pricePerUnit":{"USD":"\#(usd)"}}},"sku":"SKU\#(type)","effectiveDate":"2024-08-01T00:00:00Z","offerTermCode":"JRTCKXETXF","termAttributes":{}}}},"version":"20240801000000","publicationDate":"2024-08-01T00:00:00Z"}"#
    }

    static func jsonString(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data(), as: UTF8.self)
    }

    @Test func pricingGetProductsPagesAndParses() async throws {
        let transport = FakeAWSTransport()
        transport.on("GetProducts") { received in
            let input = (try? JSONSerialization.jsonObject(with: received.request.body)) as? [String: Any] ?? [:]
            if input["NextToken"] == nil {
                let list = [Self.product("t3.medium", "0.0416000000"), Self.product("m5.xlarge", "0.1920000000")].map(Self.jsonString)
                return FakeAWSTransport.json(200, #"{"FormatVersion":"aws_v1","NextToken":"page-2","PriceList":[\#(list.joined(separator: ","))]}"#)
            }
            let list = [Self.product("c6g.large", "0.0680000000"), Self.product("x1.free", "0.0000000000")].map(Self.jsonString)
            return FakeAWSTransport.json(200, #"{"FormatVersion":"aws_v1","PriceList":[\#(list.joined(separator: ","))]}"#)
        }
        let pricing = try PricingClient(configuration: TestConfiguration.make(transport: transport, region: "us-west-2"))
        let documents = try await pricing.getProducts(serviceCode: "AmazonEC2", filters: PricingFilter.onDemandLinux(region: "us-west-2"))
        let prices = OnDemandPrices.parse(documents)
        #expect(prices == ["t3.medium": 0.0416, "m5.xlarge": 0.192, "c6g.large": 0.068])
        let first = try #require(transport.received.first)
        #expect(first.request.url.host == "api.pricing.us-east-1.amazonaws.com")
        #expect(first.request.header("Authorization")?.contains("/us-east-1/pricing/aws4_request") == true)
        let body = (try? JSONSerialization.jsonObject(with: first.request.body)) as? [String: Any]
        let filters = body?["Filters"] as? [[String: String]] ?? []
        #expect(filters.contains(["Type": "TERM_MATCH", "Field": "regionCode", "Value": "us-west-2"]))
        #expect(body?["ServiceCode"] as? String == "AmazonEC2")
        #expect(transport.received.count == 2)
    }

    @Test func eksOptimisedAMIParameter() async throws {
        let name = "/aws/service/eks/optimized-ami/1.30/amazon-linux-2023/x86_64/standard/recommended/image_id"
        let transport = FakeAWSTransport()
        transport.on("GetParameter") { received in
            let input = (try? JSONSerialization.jsonObject(with: received.request.body)) as? [String: Any]
            guard input?["Name"] as? String == name else {
                return FakeAWSTransport.json(400, #"{"__type":"ParameterNotFound","message":""}"#)
            }
            return FakeAWSTransport.json(200, #"{"Parameter":{"ARN":"arn:aws:ssm:us-west-2::parameter\#(name)","DataType":"aws:ec2:image","LastModifiedDate":1.722538315E9,"Name":"\#(name)","Type":"String","Value":"ami-0a1b2c3d4e5f67890","Version":42}}"#)
        }
        let ssm = try SSMClient(configuration: TestConfiguration.make(transport: transport))
        let parameter = try await ssm.getParameter(name: name)
        #expect(parameter == SSMParameter(name: name, value: "ami-0a1b2c3d4e5f67890", version: 42))
        #expect(transport.received.first?.request.header("X-Amz-Target") == "AmazonSSM.GetParameter")
        #expect(transport.received.first?.request.header("Content-Type") == "application/x-amz-json-1.1")
        let error = await #expect(throws: AWSError.self) { try await ssm.getParameter(name: "/aws/service/eks/optimized-ami/9.99/none") }
        #expect(error?.code == "ParameterNotFound")
    }

    @Test func createFleetCapacityErrorsPerOverride() async throws {
        let transport = FakeAWSTransport()
        transport.on("CreateFleet") { _ in
            FakeAWSTransport.xml(200, """
            <CreateFleetResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>5b8f0c1e-1111-2222-3333-444455556666</requestId>\
            <fleetId>fleet-8a1f6b2e-0c3d-4e5f-9a8b-7c6d5e4f3a2b</fleetId><errorSet>\
            <item><errorCode>InsufficientInstanceCapacity</errorCode><errorMessage>We currently do not have sufficient t3.medium capacity in the Availability Zone you requested (us-west-2a).</errorMessage>\
            <launchTemplateAndOverrides><launchTemplateSpecification><launchTemplateId>lt-0abc</launchTemplateId><version>1</version></launchTemplateSpecification>\
            <overrides><instanceType>t3.medium</instanceType><subnetId>subnet-a</subnetId><availabilityZone>us-west-2a</availabilityZone></overrides></launchTemplateAndOverrides>\
            <lifecycle>spot</lifecycle></item>\
            <item><errorCode>UnfulfillableCapacity</errorCode><errorMessage>Unable to fulfill capacity due to your request configuration.</errorMessage>\
            <launchTemplateAndOverrides><overrides><instanceType>t3.large</instanceType><subnetId>subnet-b</subnetId><availabilityZone>us-west-2b</availabilityZone></overrides></launchTemplateAndOverrides>\
            <lifecycle>spot</lifecycle></item></errorSet><fleetInstanceSet/></CreateFleetResponse>
            """)
        }
        let ec2 = try EC2Client(configuration: TestConfiguration.make(transport: transport))
        let result = try await ec2.createFleet(CreateFleetRequest(
            capacityType: "spot",
            launchTemplateConfigs: [.init(launchTemplateName: "lt", overrides: [
                .init(instanceType: "t3.medium", subnetID: "subnet-a", availabilityZone: "us-west-2a"),
                .init(instanceType: "t3.large", subnetID: "subnet-b", availabilityZone: "us-west-2b"),
            ])],
            tagSpecifications: [TagSpecification(resourceType: "instance", tags: [EC2Tag(key: "karpenter.sh/nodepool", value: "default")])],
            clientToken: "tok"
        ))
        #expect(result.fleetInstanceSet.isEmpty)
        #expect(result.errorSet.map(\.errorCode) == ["InsufficientInstanceCapacity", "UnfulfillableCapacity"])
        #expect(result.errorSet.map { $0.launchTemplateAndOverrides?.overrides?.availabilityZone } == ["us-west-2a", "us-west-2b"])
        let form = try #require(transport.received.first).form
        #expect(form["Type"] == "instant")
        #expect(form["SpotOptions.AllocationStrategy"] == "price-capacity-optimized")
        #expect(form["LaunchTemplateConfigs.1.Overrides.2.InstanceType"] == "t3.large")
        #expect(form["TagSpecification.1.Tag.1.Key"] == "karpenter.sh/nodepool")
        #expect(form["Version"] == "2016-11-15")
    }

    struct ErrorCase: CustomTestStringConvertible, Sendable {
        let name: String
        let response: HTTPResponse
        let code: String
        let message: String
        let requestID: String?
        var testDescription: String { name }
    }

    @Test(arguments: [
        ErrorCase(name: "EC2 Response/Errors", response: FakeAWSTransport.xml(400, "<Response><Errors><Error><Code>InvalidSubnetID.NotFound</Code><Message>The subnet ID 'subnet-1' does not exist</Message></Error></Errors><RequestID>ec2-req</RequestID></Response>"),
                  code: "InvalidSubnetID.NotFound", message: "The subnet ID 'subnet-1' does not exist", requestID: "ec2-req"),
        ErrorCase(name: "IAM ErrorResponse", response: FakeAWSTransport.xml(404, "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>Instance Profile p cannot be found.</Message></Error><RequestId>iam-req</RequestId></ErrorResponse>"),
                  code: "NoSuchEntity", message: "Instance Profile p cannot be found.", requestID: "iam-req"),
        ErrorCase(name: "no document", response: HTTPResponse(status: 502, body: Data("<html>bad gateway</html>".utf8)),
                  code: "InternalError", message: "HTTP 502 without an error document", requestID: nil),
    ])
    func queryErrorShapes(_ sample: ErrorCase) {
        let error = QueryClient.parseError(sample.response, .ec2)
        #expect(error.code == sample.code)
        #expect(error.message == sample.message)
        #expect(error.requestID == sample.requestID)
    }

    @Test(arguments: [
        ErrorCase(name: "JSON 1.1 namespaced __type", response: FakeAWSTransport.json(400, #"{"__type":"com.amazonaws.ssm#ParameterNotFound","message":"not found"}"#),
                  code: "ParameterNotFound", message: "not found", requestID: "11111111-2222-3333-4444-555555555555"),
        ErrorCase(name: "SQS query-compatible header", response: HTTPResponse(status: 400, headers: [HTTPHeader(name: "x-amzn-query-error", value: "AWS.SimpleQueueService.NonExistentQueue;Sender")], body: Data(#"{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}"#.utf8)),
                  code: "AWS.SimpleQueueService.NonExistentQueue", message: "The specified queue does not exist.", requestID: nil),
        ErrorCase(name: "REST-JSON header", response: FakeAWSTransport.json(404, #"{"message":"No cluster found for name: x."}"#, errorType: "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.eks/"),
                  code: "ResourceNotFoundException", message: "No cluster found for name: x.", requestID: "11111111-2222-3333-4444-555555555555"),
        ErrorCase(name: "XML from the authentication layer", response: FakeAWSTransport.xml(403, "<ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message><Type>Sender</Type></Error></Errors></ErrorResponse>"),
                  code: "SignatureDoesNotMatch", message: "The request signature we calculated does not match", requestID: nil),
        ErrorCase(name: "JSON throttling", response: FakeAWSTransport.json(400, #"{"__type":"ThrottlingException","message":"Rate exceeded"}"#),
                  code: "ThrottlingException", message: "Rate exceeded", requestID: "11111111-2222-3333-4444-555555555555"),
    ])
    func jsonErrorShapes(_ sample: ErrorCase) {
        let error = JSONRPCClient.parseError(sample.response, .ssm)
        #expect(error.code == sample.code)
        #expect(error.message == sample.message)
        #expect(error.requestID == sample.requestID)
    }
}
