import ArgumentParser
import Foundation
import Scheduling

/// `karpenter-bench`: scheduler benchmarks (release builds; see docs/benchmarks.md).
@main
struct KarpenterBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "karpenter-bench",
        abstract: "Scheduling benchmarks: upstream's workload, generic, quality vs. optimum, KWOK basic.",
        subcommands: [Upstream.self, Generic.self, Quality.self, KwokBasic.self])

    struct Output: ParsableArguments {
        @Flag(help: "Print one JSON object per result line instead of a table.")
        var json = false
        @Option(help: "Runs per workload; the fastest is reported (the machine is shared).")
        var repeats = 3
    }

    struct Upstream: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Upstream's diverse pod ladder and preference pods.")
        @OptionGroup var output: Output
        @Option(help: "Comma-separated pod counts.")
        var counts = "1,50,100,500,1000,2000,5000,10000,20000"

        func run() {
            let ladder = counts.split(separator: ",").compactMap { Int($0) }
            BenchReport.emit(UpstreamWorkload.reports(counts: ladder, repeats: output.repeats), json: output.json)
        }
    }

    struct Generic: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "100k generic pods on the EC2 catalogue.")
        @OptionGroup var output: Output
        @Option(help: "Number of pods.")
        var pods = 100_000

        func run() {
            BenchReport.emit([CatalogueWorkloads.report("generic", pods: CatalogueWorkloads.genericPods(pods),
                                                        iterations: output.repeats)],
                             json: output.json)
        }
    }

    struct Quality: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Writes 200 seeded small instances with our plan's price for bench/quality_optimum.py.")
        @OptionGroup var output: Output
        @Option(help: "Where to write the instances.")
        var write = "bench/out/quality-instances.json"
        @Option(help: "Number of instances.")
        var instances = 200
        @Option(help: "Packing rule: cheapest (default), first-fit or cost-aware.")
        var packing = "cheapest"

        func run() throws {
            let rule: SchedulingInput.Packing
            switch packing {
            case "first-fit": rule = .firstFit
            case "cost-aware": rule = .costAware
            case "target-capped": rule = .targetCapped
            default: rule = .cheapest(maxPods: 200)
            }
            var solved: [QualityWorkload.Instance] = []
            let seconds = measure {
                for seed in 1...UInt64(instances) { solved.append(QualityWorkload.instance(seed: seed, packing: rule)) }
            }
            let url = URL(fileURLWithPath: write)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try QualityWorkload.document(solved).write(to: url, atomically: true, encoding: .utf8)
            let pods = solved.reduce(0) { $0 + $1.input.pods.count }
            BenchReport.emit([BenchReport(fields: [
                ("benchmark", .string("quality/solve")), ("pods", .int(pods)),
                ("nodes", .int(solved.reduce(0) { $0 + $1.result.newNodeClaims.count })),
                ("seconds", .double(seconds)), ("podsPerSecond", .double(Double(pods) / seconds)),
                ("instances", .int(solved.count)), ("written", .string(write)),
            ])], json: output.json)
        }
    }

    struct KwokBasic: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "kwok-basic", abstract: "Upstream's KWOK Basic workload on the EC2 catalogue.")
        @OptionGroup var output: Output

        func run() {
            BenchReport.emit([CatalogueWorkloads.report("kwok-basic", pods: CatalogueWorkloads.kwokBasicPods(),
                                                        iterations: max(5, output.repeats))], json: output.json)
        }
    }
}
