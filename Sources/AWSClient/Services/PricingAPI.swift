import Foundation

/// The Pricing API's GetProducts (on-demand EC2 prices). Each product is a JSON document in a string.
package protocol PricingAPI: Sendable {
    /// All pages of products matching `filters` (TERM_MATCH) for `serviceCode`.
    func getProducts(serviceCode: String, filters: [PricingFilter]) async throws -> [String]
}

/// A TERM_MATCH filter, e.g. `regionCode = us-east-1`.
package struct PricingFilter: Sendable, Equatable, Encodable {
    /// Attribute name.
    package var field: String
    /// Required value.
    package var value: String

    /// Creates a filter.
    package init(field: String, value: String) {
        self.field = field
        self.value = value
    }

    private enum CodingKeys: String, CodingKey { case type = "Type", field = "Field", value = "Value" }

    /// Encodes as `{"Type":"TERM_MATCH","Field":…,"Value":…}`.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("TERM_MATCH", forKey: .type)
        try container.encode(field, forKey: .field)
        try container.encode(value, forKey: .value)
    }

    /// The filters upstream uses for shared-tenancy Linux on-demand prices in `region`.
    package static func onDemandLinux(region: String) -> [PricingFilter] {
        [
            PricingFilter(field: "regionCode", value: region),
            PricingFilter(field: "serviceCode", value: "AmazonEC2"),
            PricingFilter(field: "preInstalledSw", value: "NA"),
            PricingFilter(field: "operatingSystem", value: "Linux"),
            PricingFilter(field: "capacitystatus", value: "Used"),
            PricingFilter(field: "marketoption", value: "OnDemand"),
            PricingFilter(field: "tenancy", value: "Shared"),
            PricingFilter(field: "productFamily", value: "Compute Instance"),
        ]
    }
}

/// Pricing over JSON 1.1 (`AWSPriceListService.*`), paginated by NextToken.
package struct PricingClient: PricingAPI {
    private let json: JSONRPCClient

    /// Creates the client (its endpoint region is mapped by ``AWSEndpoint/pricingRegion(for:)``).
    package init(configuration: AWSClientConfiguration) throws {
        json = JSONRPCClient(client: try AWSServiceClient(service: .pricing, configuration: configuration),
                             targetPrefix: "AWSPriceListService", jsonVersion: "1.1")
    }

    private struct Input: Encodable {
        let ServiceCode: String
        let Filters: [PricingFilter]
        let FormatVersion = "aws_v1"
        let NextToken: String?
        let MaxResults = 100
    }

    private struct Output: Decodable {
        let PriceList: [String]?
        let NextToken: String?
    }

    /// GetProducts, following NextToken over all pages.
    package func getProducts(serviceCode: String, filters: [PricingFilter]) async throws -> [String] {
        var products: [String] = []
        var token: String?
        for _ in 0..<1000 {
            let page = try await json.call("GetProducts", Input(ServiceCode: serviceCode, Filters: filters, NextToken: token),
                                           as: Output.self, idempotency: .idempotent)
            products += page.PriceList ?? []
            guard let next = page.NextToken, !next.isEmpty else { return products }
            token = next
        }
        throw AWSError(code: AWSError.ClientCode.malformedResponse, message: "GetProducts returned more than 1000 pages", service: "pricing")
    }
}

/// Reads on-demand hourly USD prices per instance type out of GetProducts documents.
package enum OnDemandPrices {
    /// `instanceType → USD/hour`; documents without a positive USD price are skipped (upstream does
    /// the same), and when a type appears twice the lower price wins.
    package static func parse(_ documents: [String]) -> [String: Double] {
        var prices: [String: Double] = [:]
        for document in documents {
            guard let object = try? JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any],
                  let product = object["product"] as? [String: Any],
                  let attributes = product["attributes"] as? [String: Any],
                  let instanceType = attributes["instanceType"] as? String,
                  let terms = (object["terms"] as? [String: Any])?["OnDemand"] as? [String: Any]
            else { continue }
            for case let term as [String: Any] in terms.values {
                guard let dimensions = term["priceDimensions"] as? [String: Any] else { continue }
                for case let dimension as [String: Any] in dimensions.values {
                    guard let text = (dimension["pricePerUnit"] as? [String: Any])?["USD"] as? String,
                          let price = Double(text), price > 0 else { continue }
                    prices[instanceType] = min(prices[instanceType] ?? .infinity, price)
                }
            }
        }
        return prices
    }
}
