import Observability
@testable import Operator
import Testing

@Suite struct OptionsTests {
    @Test func defaultsAreUpstreams() throws {
        let options = try Options.parse(environment: [:])
        #expect(options.metricsPort == 8080)
        #expect(options.healthProbePort == 8081)
        #expect(options.webhookPort == 8443)
        #expect(options.kubeClientQPS == 200)
        #expect(options.kubeClientBurst == 300)
        #expect(options.batchIdleDuration == .seconds(1))
        #expect(options.batchMaxDuration == .seconds(10))
        #expect(options.vmMemoryOverheadPercent == 0.075)
        #expect(options.logLevel == .info)
        #expect(options.leaderElectionName == "karpenter-leader-election")
        #expect(options.featureGates["SpotToSpotConsolidation"] == false)
        #expect(options.featureGates["ReservedCapacity"] == true)
        #expect(options.interruptionQueue.isEmpty)
    }

    @Test func readsEnvironmentAndFlagsWin() throws {
        let options = try Options.parse(
            environment: ["CLUSTER_NAME": "weasel-eks", "BATCH_IDLE_DURATION": "500ms", "LOG_LEVEL": "debug", "FEATURE_GATES": "SpotToSpotConsolidation=true", "DISABLE_LEADER_ELECTION": "true"],
            arguments: ["--batch-idle-duration", "2s", "--vm-memory-overhead-percent=0.1", "--disable-webhook"],
            requireClusterName: true
        )
        #expect(options.clusterName == "weasel-eks")
        #expect(options.batchIdleDuration == .seconds(2))
        #expect(options.vmMemoryOverheadPercent == 0.1)
        #expect(options.logLevel == .debug)
        #expect(options.disableWebhook)
        #expect(options.disableLeaderElection)
        #expect(options.featureGates["SpotToSpotConsolidation"])
    }

    struct BadCase: CustomTestStringConvertible, Sendable {
        var name: String
        var environment: [String: String]
        var arguments: [String] = []
        var mentions: [String]
        var testDescription: String { name }
    }

    static let badCases: [BadCase] = [
        BadCase(name: "duration without unit", environment: ["BATCH_IDLE_DURATION": "10"], mentions: ["BATCH_IDLE_DURATION", "--batch-idle-duration", "1s, 500ms or 1m30s", "\"10\""]),
        BadCase(name: "negative duration", environment: ["BATCH_MAX_DURATION": "-1s"], mentions: ["BATCH_MAX_DURATION", "positive duration"]),
        BadCase(name: "port out of range", environment: ["METRICS_PORT": "70000"], mentions: ["METRICS_PORT", "1 to 65535"]),
        BadCase(name: "port not a number", environment: ["HEALTH_PROBE_PORT": "http"], mentions: ["HEALTH_PROBE_PORT"]),
        BadCase(name: "log level", environment: ["LOG_LEVEL": "verbose"], mentions: ["LOG_LEVEL", "debug, info, error"]),
        BadCase(name: "boolean", environment: ["ISOLATED_VPC": "yes"], mentions: ["ISOLATED_VPC", "true or false"]),
        BadCase(name: "overhead percent", environment: ["VM_MEMORY_OVERHEAD_PERCENT": "7.5"], mentions: ["VM_MEMORY_OVERHEAD_PERCENT", "fraction"]),
        BadCase(name: "zero qps", environment: ["KUBE_CLIENT_QPS": "0"], mentions: ["KUBE_CLIENT_QPS", "greater than 0"]),
        BadCase(name: "unknown feature gate", environment: ["FEATURE_GATES": "Drift=true"], mentions: ["FEATURE_GATES", "SpotToSpotConsolidation"]),
        BadCase(name: "feature gate value", environment: ["FEATURE_GATES": "NodeRepair=maybe"], mentions: ["FEATURE_GATES"]),
        BadCase(name: "preference policy", environment: ["PREFERENCE_POLICY": "respect"], mentions: ["PREFERENCE_POLICY", "Respect, Ignore"]),
        BadCase(name: "endpoint scheme", environment: ["CLUSTER_ENDPOINT": "http://x"], mentions: ["CLUSTER_ENDPOINT", "https://"]),
        BadCase(name: "memory limit", environment: ["MEMORY_LIMIT": "1Gi"], mentions: ["MEMORY_LIMIT"]),
        BadCase(name: "unknown flag", environment: [:], arguments: ["--cluster"], mentions: ["unknown flag \"--cluster\"", "--help"]),
        BadCase(name: "flag without value", environment: [:], arguments: ["--metrics-port"], mentions: ["--metrics-port needs a value"]),
        BadCase(name: "bad flag value", environment: [:], arguments: ["--reserved-enis=-1"], mentions: ["--reserved-enis (or RESERVED_ENIS)", "at least 0"]),
    ]

    @Test(arguments: badCases)
    func rejectsBadValuesWithActionableMessages(_ c: BadCase) {
        do {
            _ = try Options.parse(environment: c.environment, arguments: c.arguments)
            Issue.record("expected an error")
        } catch {
            #expect(error.problems.count == 1)
            for text in c.mentions { #expect(error.description.contains(text), "\(error.description) should mention \(text)") }
        }
    }

    @Test func reportsEveryProblemAtOnce() {
        #expect(throws: OptionsError.self) {
            try Options.parse(environment: ["METRICS_PORT": "0", "LOG_LEVEL": "loud"], requireClusterName: true)
        }
        do {
            _ = try Options.parse(environment: ["METRICS_PORT": "0", "LOG_LEVEL": "loud"], requireClusterName: true)
        } catch {
            #expect(error.problems.count == 3)
            #expect(error.description.contains("CLUSTER_NAME (or --cluster-name) is required"))
        }
    }

    @Test func helpListsEverySettingWithItsDefault() {
        let help = Options.helpText
        #expect(help.contains("BATCH_IDLE_DURATION / --batch-idle-duration: a positive duration such as 1s, 500ms or 1m30s (default 1s)"))
        #expect(help.contains("METRICS_PORT / --metrics-port: a TCP port from 1 to 65535 (default 8080)"))
        #expect(help.contains("CLUSTER_NAME / --cluster-name: any text (default \"\")"))
        #expect(help.contains("VM_MEMORY_OVERHEAD_PERCENT"))
    }
}
