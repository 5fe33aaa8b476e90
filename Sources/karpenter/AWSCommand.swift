import AWSClient
import ArgumentParser
import Foundation
import HTTPCore
import Logging
import CurlTransport

/// `karpenter aws …`: the checks people reach for first when setting up IRSA.
struct AWSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aws", abstract: "Inspect the AWS identity and instance-type catalogue the controller sees.",
        subcommands: [WhoAmICommand.self, InstanceTypesCommand.self]
    )

    static func diagnostics(verbose: Bool) throws -> AWSDiagnostics {
        var logger = Logger(label: "aws") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .debug : .warning
        return AWSDiagnostics(environment: AWSEnvironment(), transport: try CurlTransport(), logger: logger)
    }
}

/// `karpenter aws whoami`: which credential source was used, the account and the ARN.
struct WhoAmICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "whoami", abstract: "Show the AWS identity the controller would use.")

    @Option(help: "Region to call STS in (default: AWS_REGION, AWS_DEFAULT_REGION, profile, IMDS).") var region: String?
    @Option(name: .shortAndLong, help: "Output format: text or json.") var output: String = "text"
    @Flag(name: .shortAndLong, help: "Log each AWS call to stderr.") var verbose = false

    func run() async throws {
        do {
            let identity = try await AWSCommand.diagnostics(verbose: verbose).whoami(region: region)
            if output == "json" {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(identity), as: UTF8.self))
            } else {
                print("""
                credential source: \(identity.credentialSource)
                access key ID:     \(identity.accessKeyID)
                account:           \(identity.account)
                ARN:               \(identity.arn)
                region:            \(identity.region) (from \(identity.regionSource))
                """)
            }
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}

/// `karpenter aws instance-types`: the catalogue with capacity, allocatable, zones and prices.
struct InstanceTypesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "instance-types", abstract: "List instance types as the controller sees them.")

    @Option(help: "Region (default: AWS_REGION, AWS_DEFAULT_REGION, profile, IMDS).") var region: String?
    @Option(name: .shortAndLong, help: "Output format: table or json.") var output: String = "table"
    @Flag(name: .shortAndLong, help: "Log each AWS call to stderr.") var verbose = false

    func validate() throws {
        guard ["table", "json"].contains(output) else { throw ValidationError("--output must be table or json") }
    }

    func run() async throws {
        do {
            let types = try await AWSCommand.diagnostics(verbose: verbose).instanceTypes(region: region)
            print(output == "json" ? try InstanceTypeTable.json(types) : InstanceTypeTable.text(types))
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
