import Foundation
import KubeModel
import TestSupport
import Testing

/// Runs the built `karpenter` binary as a user would and checks exit codes, output and errors.
@Suite struct CLITests {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `karpenter` executable SwiftPM built next to this test bundle.
    static var binary: URL {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("karpenter").path), url.path != "/" {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("karpenter")
    }

    func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil, directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        if let directory { process.currentDirectoryURL = directory }
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment.filter { !["CLUSTER_NAME", "LOG_LEVEL", "BATCH_IDLE_DURATION"].contains($0.key) }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    var examples: URL { Fixture.repositoryRoot().appendingPathComponent("deploy/examples") }

    @Test func versionPrintsVersionAndCommit() throws {
        let result = try run(["version"], environment: ["KARPENTER_COMMIT": "490ef94"])
        #expect(result.status == 0)
        #expect(result.stdout == "karpenter-swift 0.1.0 (commit 490ef94)\n")
    }

    @Test func controllerRequiresClusterName() throws {
        let result = try run(["controller"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("CLUSTER_NAME (or --cluster-name) is required"))
        #expect(result.stdout.isEmpty)
    }

    @Test func controllerNamesTheBadSetting() throws {
        let result = try run(["controller", "--cluster-name", "weasel-eks"], environment: ["BATCH_IDLE_DURATION": "ten"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("invalid value \"ten\" for BATCH_IDLE_DURATION (or --batch-idle-duration)"))
    }

    @Test func controllerAcceptsGoodSettingsAndLogsJSON() throws {
        let result = try run(["controller", "--batch-idle-duration=2s"], environment: ["CLUSTER_NAME": "weasel-eks", "KARPENTER_COMMIT": "490ef94"])
        #expect(result.status == 0)
        let line = try #require(result.stdout.split(separator: "\n").first)
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(object?["commit"] as? String == "490ef94")
        #expect(object?["cluster-name"] as? String == "weasel-eks")
        #expect(object?["batch-idle-duration"] as? String == "2s")
    }

    @Test func helpDocumentsEverySubcommand() throws {
        let result = try run(["--help"])
        #expect(result.status == 0)
        for command in ["controller", "convert", "version"] { #expect(result.stdout.contains(command)) }
        let controllerHelp = try run(["controller", "--help"])
        #expect(controllerHelp.stdout.contains("BATCH_IDLE_DURATION"))
    }

    @Test func convertsTheSeedManifestsToV1() throws {
        let nodePool = examples.appendingPathComponent("v1beta1/nodepool.yaml").path
        let nodeClass = examples.appendingPathComponent("v1beta1/ec2nodeclass.yaml").path
        let result = try run(["convert", "-f", nodePool, "-f", nodeClass])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("apiVersion: karpenter.sh/v1\n"))
        #expect(result.stdout.contains("apiVersion: karpenter.k8s.aws/v1\n"))
        #expect(result.stdout.contains("consolidationPolicy: WhenEmptyOrUnderutilized"))
        #expect(result.stdout.contains("expireAfter: 720h"))
        #expect(result.stdout.contains("group: karpenter.k8s.aws"))
        #expect(!result.stdout.contains("v1beta1\n"))
        let viaStdin = try run(["convert", "-f", "-"], stdin: try String(contentsOfFile: nodePool, encoding: .utf8))
        #expect(viaStdin.status == 0)
        #expect(result.stdout.hasPrefix(viaStdin.stdout))
    }

    @Test func convertNamesTheBrokenDocument() throws {
        let broken = """
            apiVersion: karpenter.sh/v1beta1
            kind: NodePool
            metadata:
              name: ok
            spec:
              template:
                spec:
                  nodeClassRef:
                    name: default
                  requirements: []
            ---
            apiVersion: karpenter.sh/v1beta1
            kind: NodePool
            metadata:
              name: broken
            spec:
              limits:
                cpu: lots
            """
        let result = try run(["convert", "-f", "-"], stdin: broken)
        #expect(result.status == 1)
        #expect(result.stderr.contains("standard input"))
        #expect(result.stderr.contains("2"))
        #expect(result.stdout.isEmpty)
    }

    @Test func convertWithoutFilesExplainsUsage() throws {
        let result = try run(["convert"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("-f FILE"))
    }

    @Test func simulateProvisionsTheSeedCluster() throws {
        let result = try run(["simulate", "--until-idle"], directory: Fixture.repositoryRoot())
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let messages = result.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let data = String(line).data(using: .utf8),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
            return object["message"] as? String
        }
        #expect(messages == [
            "found provisionable pod(s)", "computed new nodeclaim(s) to fit pod(s)", "created nodeclaim",
            "launched nodeclaim", "registered nodeclaim", "initialized nodeclaim",
        ])
        #expect(result.stdout.contains("pods placed:       3/3"))
        #expect(result.stdout.contains("t3.medium spot allocatable cpu=1930m,ephemeral-storage=17Gi,memory=3246Mi,pods=17"))
    }

    @Test func simulateUsesTheEmbeddedSeedFromAnyDirectory() throws {
        let result = try run(["simulate", "--until-idle", "--stats"], directory: FileManager.default.temporaryDirectory)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("pods placed:       3/3"))
        #expect(result.stderr.contains("peak RSS:"))
        #expect(!result.stdout.contains("peak RSS:"))
    }

    @Test func kwokBasicBindsEveryPod() throws {
        let scenario = examples.appendingPathComponent("scenarios/kwok-basic.yaml").path
        let result = try run(["simulate", "-f", scenario, "--until-idle"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("pods placed:       1000/1000"))
    }

    @Test func simulateIsReproducibleForASeed() throws {
        let seed = examples.appendingPathComponent("scenarios/seed.yaml").path
        let first = try run(["simulate", "-f", seed, "--seed", "7"])
        let second = try run(["simulate", "-f", seed, "--seed", "7"])
        let other = try run(["simulate", "-f", seed, "--seed", "8"])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        #expect(first.stdout != other.stdout)
    }

    @Test func simulateFailsWhenAPodCannotBePlaced() throws {
        let impossible = FileManager.default.temporaryDirectory.appendingPathComponent("impossible-\(UUID().uuidString).yaml")
        try """
            apiVersion: v1
            kind: Pod
            metadata:
              name: too-big
              namespace: monitoring
            spec:
              containers:
                - name: main
                  image: example
                  resources:
                    requests:
                      cpu: "64"
            """.write(to: impossible, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: impossible) }
        let seed = examples.appendingPathComponent("scenarios/seed.yaml").path
        let result = try run(["simulate", "--until-idle", "-f", seed, "-f", impossible.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("1 pod(s) stayed unschedulable: monitoring/too-big"))
        #expect(result.stdout.contains("pods placed:       3/4"))
    }
}
