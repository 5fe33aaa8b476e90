/// SSM GetParameter, used to resolve AMI aliases (EKS-optimised AMI parameters).
package protocol SSMAPI: Sendable {
    /// The parameter's value, or an `AWSError` with code `ParameterNotFound`.
    func getParameter(name: String) async throws -> SSMParameter
}

/// One SSM parameter.
package struct SSMParameter: Sendable, Equatable, Codable {
    /// Full name, e.g. `/aws/service/eks/optimized-ami/1.30/amazon-linux-2023/x86_64/standard/recommended/image_id`.
    package var name: String
    /// Value, e.g. an AMI ID.
    package var value: String
    /// Version number.
    package var version: Int?

    private enum CodingKeys: String, CodingKey { case name = "Name", value = "Value", version = "Version" }

    /// Creates a parameter.
    package init(name: String, value: String, version: Int? = nil) {
        self.name = name
        self.value = value
        self.version = version
    }
}

/// SSM over JSON 1.1.
package struct SSMClient: SSMAPI {
    private let json: JSONRPCClient

    /// Creates the client.
    package init(configuration: AWSClientConfiguration) throws {
        json = JSONRPCClient(client: try AWSServiceClient(service: .ssm, configuration: configuration),
                             targetPrefix: "AmazonSSM", jsonVersion: "1.1")
    }

    private struct Input: Encodable { let Name: String }
    private struct Output: Decodable { let Parameter: SSMParameter }

    /// GetParameter (no decryption: AMI parameters are plain strings).
    package func getParameter(name: String) async throws -> SSMParameter {
        try await json.call("GetParameter", Input(Name: name), as: Output.self, idempotency: .idempotent).Parameter
    }
}
