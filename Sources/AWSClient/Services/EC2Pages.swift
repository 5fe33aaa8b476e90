/// One page of an EC2 describe answer: its items and the token of the next page.
protocol EC2Page: Decodable, Sendable {
    associatedtype Item: Sendable
    var items: [Item] { get }
    var nextToken: String? { get }
}

struct InstanceTypesPage: EC2Page {
    @EC2ItemList var instanceTypeSet: [EC2InstanceType]
    var nextToken: String?
    var items: [EC2InstanceType] { instanceTypeSet }
}

struct OfferingsPage: EC2Page {
    @EC2ItemList var instanceTypeOfferingSet: [InstanceTypeOffering]
    var nextToken: String?
    var items: [InstanceTypeOffering] { instanceTypeOfferingSet }
}

struct SpotPricePage: EC2Page {
    @EC2ItemList var spotPriceHistorySet: [SpotPrice]
    var nextToken: String?
    var items: [SpotPrice] { spotPriceHistorySet }
}

struct SubnetsPage: EC2Page {
    @EC2ItemList var subnetSet: [Subnet]
    var nextToken: String?
    var items: [Subnet] { subnetSet }
}

struct SecurityGroupsPage: EC2Page {
    @EC2ItemList var securityGroupInfo: [SecurityGroup]
    var nextToken: String?
    var items: [SecurityGroup] { securityGroupInfo }
}

struct ImagesPage: EC2Page {
    @EC2ItemList var imagesSet: [Image]
    var nextToken: String?
    var items: [Image] { imagesSet }
}

struct ZonesPage: Decodable {
    @EC2ItemList var availabilityZoneInfo: [AvailabilityZone]
    var items: [AvailabilityZone] { availabilityZoneInfo }
}

struct LaunchTemplatesPage: EC2Page {
    @EC2ItemList var launchTemplates: [LaunchTemplate]
    var nextToken: String?
    var items: [LaunchTemplate] { launchTemplates }
}

struct Reservation: Codable, Sendable, Equatable {
    @EC2ItemList var instancesSet: [Instance]
}

struct ReservationsPage: EC2Page {
    @EC2ItemList var reservationSet: [Reservation]
    var nextToken: String?
    var items: [Reservation] { reservationSet }
}

struct ReservationAnswer: Decodable {
    @EC2ItemList var instancesSet: [Instance]
}

struct LaunchTemplateAnswer: Decodable {
    var launchTemplate: LaunchTemplate
}

struct TerminateAnswer: Decodable {
    @EC2ItemList var instancesSet: [InstanceStateChange]
}

struct ReturnAnswer: Decodable {
    var `return`: Bool?
}
