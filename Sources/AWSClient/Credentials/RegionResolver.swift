import Foundation

/// Finds the region as the SDKs do: `AWS_REGION`, `AWS_DEFAULT_REGION`, the selected profile's
/// `region`, then IMDS (`/latest/meta-data/placement/region`).
package enum RegionResolver {
    /// Why no region was found.
    package struct NotFound: Error, Sendable, CustomStringConvertible {
        /// What IMDS said, if it was tried.
        package let imdsDetail: String
        /// Names the settings to fix.
        package var description: String {
            "no AWS region configured: set AWS_REGION (or AWS_DEFAULT_REGION, or region in the AWS profile); IMDS: \(imdsDetail)"
        }
    }

    /// The region, and where it came from (`AWS_REGION`, `AWS_DEFAULT_REGION`, `profile`, `IMDS`).
    package static func resolve(environment: AWSEnvironment, imds: IMDSClient) async throws -> (region: String, source: String) {
        if let region = environment["AWS_REGION"] { return (region, "AWS_REGION") }
        if let region = environment["AWS_DEFAULT_REGION"] { return (region, "AWS_DEFAULT_REGION") }
        if let region = SharedConfigFiles(environment: environment).settings?["region"], !region.isEmpty {
            return (region, "profile")
        }
        do {
            let body = try await imds.get("/latest/meta-data/placement/region")
            let region = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !region.isEmpty else { throw NotFound(imdsDetail: "empty answer") }
            return (region, "IMDS")
        } catch {
            throw NotFound(imdsDetail: "\(error)")
        }
    }
}
