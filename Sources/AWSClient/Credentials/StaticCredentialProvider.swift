/// Fixed credentials handed in by the caller (explicit configuration, tests). Never refreshes.
package struct StaticCredentialProvider: CredentialProvider {
    /// The credentials returned on every call.
    package let value: AWSCredentials

    /// Wraps `value`.
    package init(_ value: AWSCredentials) { self.value = value }

    /// Returns the fixed credentials.
    package func credentials() async throws -> AWSCredentials { value }
}
