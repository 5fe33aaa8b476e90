/// The IAM calls for the instance profile Karpenter manages when `EC2NodeClass.spec.role` is set.
package protocol IAMAPI: Sendable {
    /// The profile, or an `AWSError` with code `NoSuchEntity`.
    func getInstanceProfile(name: String) async throws -> InstanceProfile
    /// Creates a profile under `path` with tags.
    func createInstanceProfile(name: String, path: String, tags: [EC2Tag]) async throws -> InstanceProfile
    /// Deletes a profile (it must have no role).
    func deleteInstanceProfile(name: String) async throws
    /// Puts `roleName` into the profile.
    func addRoleToInstanceProfile(profileName: String, roleName: String) async throws
    /// Takes `roleName` out of the profile.
    func removeRoleFromInstanceProfile(profileName: String, roleName: String) async throws
    /// Adds tags to the profile.
    func tagInstanceProfile(name: String, tags: [EC2Tag]) async throws
}

/// An IAM instance profile.
package struct InstanceProfile: Sendable, Equatable, Decodable {
    /// Name.
    package var instanceProfileName: String
    /// ID.
    package var instanceProfileId: String
    /// ARN.
    package var arn: String
    /// Path, e.g. `/karpenter/us-east-1/cluster/uid/`.
    package var path: String
    /// Names of the roles in it (at most one).
    package var roleNames: [String]

    private enum CodingKeys: String, CodingKey { case instanceProfileName, instanceProfileId, arn, path, roles }
    private struct Roles: Decodable { let member: [Role]? }
    private struct Role: Decodable { let roleName: String }

    /// Decodes IAM's XML (`<Roles><member><RoleName>`), an empty `<Roles/>` meaning no role.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        instanceProfileName = try container.decode(String.self, forKey: .instanceProfileName)
        instanceProfileId = try container.decode(String.self, forKey: .instanceProfileId)
        arn = try container.decode(String.self, forKey: .arn)
        path = try container.decode(String.self, forKey: .path)
        roleNames = ((try? container.decodeIfPresent(Roles.self, forKey: .roles))??.member ?? []).map(\.roleName)
    }
}

/// IAM over the Query protocol (version 2010-05-08); global endpoint per partition.
package struct IAMClient: IAMAPI {
    private let query: QueryClient

    /// Creates the client.
    package init(configuration: AWSClientConfiguration) throws {
        query = QueryClient(client: try AWSServiceClient(service: .iam, configuration: configuration),
                            version: "2010-05-08", style: .wrapped)
    }

    private struct ProfileAnswer: Decodable { let instanceProfile: InstanceProfile }

    /// GetInstanceProfile.
    package func getInstanceProfile(name: String) async throws -> InstanceProfile {
        var p = QueryParameters()
        p.set("InstanceProfileName", name)
        return try await query.call("GetInstanceProfile", p, as: ProfileAnswer.self, idempotency: .idempotent).instanceProfile
    }

    /// Not idempotent: a retry after a lost answer gets `EntityAlreadyExists`, which callers treat as
    /// success by reading the profile.
    package func createInstanceProfile(name: String, path: String, tags: [EC2Tag]) async throws -> InstanceProfile {
        var p = QueryParameters()
        p.set("InstanceProfileName", name)
        p.set("Path", path)
        set(tags, into: &p)
        return try await query.call("CreateInstanceProfile", p, as: ProfileAnswer.self, idempotency: .nonIdempotent).instanceProfile
    }

    /// DeleteInstanceProfile (a repeat fails with NoSuchEntity and changes nothing).
    package func deleteInstanceProfile(name: String) async throws {
        var p = QueryParameters()
        p.set("InstanceProfileName", name)
        try await query.perform("DeleteInstanceProfile", p, idempotency: .idempotent)
    }

    /// AddRoleToInstanceProfile; not idempotent (a repeat hits the one-role limit), so resent only when AWS never saw it.
    package func addRoleToInstanceProfile(profileName: String, roleName: String) async throws {
        var p = QueryParameters()
        p.set("InstanceProfileName", profileName)
        p.set("RoleName", roleName)
        try await query.perform("AddRoleToInstanceProfile", p, idempotency: .nonIdempotent)
    }

    /// RemoveRoleFromInstanceProfile.
    package func removeRoleFromInstanceProfile(profileName: String, roleName: String) async throws {
        var p = QueryParameters()
        p.set("InstanceProfileName", profileName)
        p.set("RoleName", roleName)
        try await query.perform("RemoveRoleFromInstanceProfile", p, idempotency: .idempotent)
    }

    /// TagInstanceProfile (overwrites).
    package func tagInstanceProfile(name: String, tags: [EC2Tag]) async throws {
        var p = QueryParameters()
        p.set("InstanceProfileName", name)
        set(tags, into: &p)
        try await query.perform("TagInstanceProfile", p, idempotency: .idempotent)
    }

    private func set(_ tags: [EC2Tag], into p: inout QueryParameters) {
        for (index, tag) in tags.enumerated() {
            p.set("Tags.member.\(index + 1).Key", tag.key)
            p.set("Tags.member.\(index + 1).Value", tag.value)
        }
    }
}
