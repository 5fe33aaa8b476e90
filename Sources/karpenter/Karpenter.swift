import ArgumentParser
import Operator

/// The `karpenter` command: the controller and the tools around it.
@main
struct Karpenter: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "karpenter",
        abstract: "A Kubernetes node autoscaler that speaks Karpenter's APIs.",
        subcommands: [ControllerCommand.self, ConvertCommand.self, SimulateCommand.self, AWSCommand.self, VersionCommand.self]
    )
}
