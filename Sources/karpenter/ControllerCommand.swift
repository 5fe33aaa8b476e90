import ArgumentParser
import Foundation
import Logging
import Observability
import KubeModel
import Operator

/// `karpenter controller`: the in-cluster controller. Settings come from upstream's environment
/// variables, overridable by flags of the same name (`BATCH_IDLE_DURATION` → `--batch-idle-duration`).
struct ControllerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controller",
        abstract: "Run the controller in a cluster (validates its settings and exits until the controllers are wired).",
        discussion: "Settings (environment variable / flag: accepted values (default)):\n" + Options.helpText
    )

    @Argument(parsing: .allUnrecognized, help: "Settings as --flag value or --flag=value.")
    var settings: [String] = []

    func run() throws {
        let options: Options
        do {
            options = try Options.parse(environment: ProcessInfo.processInfo.environment, arguments: settings, requireClusterName: true)
        } catch {
            FileHandle.standardError.write(Data("karpenter: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        let sink = LogOutput.bootstrap(level: options.logLevel)
        Logger(label: "controller").with([
            "cluster-name": .string(options.clusterName),
            "batch-idle-duration": .string(GoDuration.format(options.batchIdleDuration)),
            "feature-gates": .string(options.featureGates.description),
        ]).info("validated settings")
        sink.flush()
    }
}
