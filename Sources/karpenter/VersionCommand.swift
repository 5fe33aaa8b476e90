import ArgumentParser
import Operator

/// `karpenter version`: prints the version and the commit the binary was built from.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Print the version and build commit."
    )

    func run() throws {
        let info = BuildInfo.current
        print("karpenter-swift \(info.version) (commit \(info.commit))")
    }
}
