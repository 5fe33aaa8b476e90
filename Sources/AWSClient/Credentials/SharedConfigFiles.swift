/// The shared `~/.aws/credentials` and `~/.aws/config` files, parsed into per-profile settings.
///
/// Paths follow the SDKs: `AWS_SHARED_CREDENTIALS_FILE`, `AWS_CONFIG_FILE`, else under `~/.aws/`; the
/// profile is `AWS_PROFILE` (or `default`). In the config file profiles are `[profile name]` except
/// `[default]`; a key in the credentials file wins over the same key in the config file.
package struct SharedConfigFiles: Sendable {
    /// The selected profile's name.
    package let profile: String
    /// Whether `AWS_PROFILE` chose the profile explicitly (then a missing profile is an error).
    package let profileIsExplicit: Bool
    /// The merged settings of the selected profile, nil when neither file has it.
    package let settings: [String: String]?
    /// The files that were read (for error messages).
    package let paths: [String]

    /// Reads both files from `environment`; a missing file counts as empty.
    package init(environment: AWSEnvironment) {
        profile = environment["AWS_PROFILE"] ?? "default"
        profileIsExplicit = environment["AWS_PROFILE"] != nil
        let credentialsPath = environment.expand(environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials")
        let configPath = environment.expand(environment["AWS_CONFIG_FILE"] ?? "~/.aws/config")
        paths = [credentialsPath, configPath]
        let credentials = Self.parse((try? environment.readFile(credentialsPath)).map { String(decoding: $0, as: UTF8.self) } ?? "")
        let config = Self.parse((try? environment.readFile(configPath)).map { String(decoding: $0, as: UTF8.self) } ?? "")
        let configSection = profile == "default" ? (config["default"] ?? config["profile default"]) : config["profile \(profile)"]
        let credentialSection = credentials[profile]
        if configSection == nil, credentialSection == nil {
            settings = nil
        } else {
            settings = (configSection ?? [:]).merging(credentialSection ?? [:]) { _, fromCredentials in fromCredentials }
        }
    }

    /// Parses INI text: `[section]` headers, `key = value` lines, `#`/`;` comments. Keys are lower-cased.
    package static func parse(_ text: String) -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var current: String?
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                let name = line.dropFirst().dropLast().split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
                current = name
                if sections[name] == nil { sections[name] = [:] }
                continue
            }
            guard let section = current, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            sections[section, default: [:]][key] = value
        }
        return sections
    }
}
