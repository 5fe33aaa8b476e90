import Foundation

/// Reads test fixture files that live next to the test sources, located from the caller's
/// `#filePath` so no bundle resources are needed on Linux.
package enum Fixture {
    /// The bytes of `Fixtures/<name>` beside the calling test file.
    package static func data(_ name: String, file: StaticString = #filePath) throws -> Data {
        let directory = URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
        return try Data(contentsOf: directory.appendingPathComponent("Fixtures").appendingPathComponent(name))
    }

    /// The text of `Fixtures/<name>` beside the calling test file.
    package static func text(_ name: String, file: StaticString = #filePath) throws -> String {
        String(decoding: try data(name, file: file), as: UTF8.self)
    }

    /// The repository root (the folder holding Package.swift), found from the calling file.
    package static func repositoryRoot(file: StaticString = #filePath) -> URL {
        var url = URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url.deleteLastPathComponent()
        }
        return url
    }
}
