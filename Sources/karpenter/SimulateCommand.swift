import ArgumentParser
import Controllers
import Foundation
import Logging
import Operator

/// `karpenter simulate`: runs the real provisioning controllers against an in-memory cluster
/// and a simulated EC2 (KWOK-style nodes), printing the production log lines and a summary.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run the controllers on a simulated cluster and cloud, then summarise placement and cost.",
        discussion: """
            Loads NodePools, EC2NodeClasses (v1 or v1beta1), Pods, Deployments (expanded to their \
            replicas) and DaemonSets from each -f file; without -f, the seed scenario \
            deploy/examples/scenarios/seed.yaml (compiled in). Time is simulated and jumps forward \
            whenever every component is idle, unless --speed paces it against the wall clock. The run \
            stops when nothing is pending or in flight. Runs longer than 10 s of wall time print a \
            progress line to standard error every 10 s.
            """
    )

    @Option(name: [.customShort("f"), .customLong("filename")], help: "A scenario manifest. Repeatable.")
    var files: [String] = []
    @Flag(help: "Exit with status 1 if any pod is still unschedulable once the cluster is idle.")
    var untilIdle = false
    @Option(help: "Seed for the simulated cloud's instance IDs.")
    var seed: UInt64 = 1
    @Option(help: ArgumentHelp(
        "Pace simulated time at N times real time (e.g. 60: one simulated minute per second).",
        discussion: "Without it the simulation runs as fast as it can.", valueName: "N"))
    var speed: Double?
    @Flag(help: "After the summary, print wall time, create-call latency and peak memory to standard error.")
    var stats = false

    func validate() throws {
        if let speed, !(speed.isFinite && speed > 0) {
            throw ValidationError("--speed must be a positive number of simulated seconds per second, got \(speed)")
        }
    }

    func run() async throws {
        var scenario = Scenario()
        do {
            if files.isEmpty { try scenario.load(SeedScenario.yaml, source: SeedScenario.source) }
            for file in files {
                let text = try String(contentsOfFile: file, encoding: .utf8)
                try scenario.load(text, source: file)
            }
            if scenario.nodePools.isEmpty { throw Scenario.LoadError.empty }
        } catch let error as Scenario.LoadError {
            throw Self.fail(error.description)
        } catch {
            throw Self.fail("cannot read scenario: \(error.localizedDescription)")
        }
        let clock = VirtualClock()
        let sink = FileLogSink(descriptor: STDOUT_FILENO)
        let commit = BuildInfo.current.commit
        let logger = Logger(label: "controller") { label in
            JSONLogHandler(label: label, commit: commit, level: .info, sink: sink, clock: { clock.now })
        }
        let report: SimulationReport
        let measured: SimulationStats
        do {
            var run = SimulationRun(scenario: scenario, seed: seed, logger: logger, clock: clock)
            run.speed = speed
            run.progress = { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
            (report, measured) = try await run.run()
        } catch {
            sink.flush()
            throw Self.fail("simulation failed: \(error)")
        }
        sink.flush()
        FileHandle.standardOutput.write(Data((report.table + "\n").utf8))
        if stats { FileHandle.standardError.write(Data((measured.text + "\n").utf8)) }
        if untilIdle, !report.unschedulable.isEmpty {
            FileHandle.standardError.write(Data(
                "karpenter simulate: \(report.unschedulable.count) pod(s) stayed unschedulable: \(report.unschedulable.prefix(5).joined(separator: ", "))\n".utf8))
            throw ExitCode(1)
        }
    }

    /// Writes `message` to standard error and returns the exit status to throw.
    private static func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("karpenter simulate: \(message)\n".utf8))
        return ExitCode(1)
    }
}
