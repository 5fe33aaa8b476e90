import KubeModel
import Observability

/// How one setting is read: its variable, its flag, what it accepts, and where it is stored.
private struct OptionSpec: Sendable {
    var variable: String
    var accepts: String
    /// The setting's value in `options`, as `--help` shows defaults.
    var show: @Sendable (Options) -> String
    /// Stores a textual value into options; false when the text is not acceptable.
    var apply: @Sendable (inout Options, String) -> Bool

    /// Flag name derived as upstream does: `BATCH_IDLE_DURATION` → `--batch-idle-duration`.
    var flag: String { "--" + variable.lowercased().replacingOccurrences(of: "_", with: "-") }
}

extension Options {
    /// Reads settings from `environment` (upstream's variables) and then `arguments` (`--flag value`
    /// or `--flag=value`, which win over the environment). Collects every invalid value and unknown
    /// flag into one ``OptionsError``. With `requireClusterName`, an empty `CLUSTER_NAME` is an error.
    package static func parse(environment: [String: String], arguments: [String] = [], requireClusterName: Bool = false) throws(OptionsError) -> Options {
        var options = Options()
        var problems: [String] = []
        let specs = Self.specs
        let byFlag = Dictionary(uniqueKeysWithValues: specs.map { ($0.flag, $0) })

        func apply(_ spec: OptionSpec, _ value: String, from source: String) {
            if !spec.apply(&options, value) {
                problems.append("invalid value \"\(value)\" for \(source): expected \(spec.accepts)")
            }
        }
        for spec in specs {
            if let value = environment[spec.variable] { apply(spec, value, from: "\(spec.variable) (or \(spec.flag))") }
        }
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            var name = argument
            var value: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                value = String(argument[argument.index(after: equals)...])
            }
            guard let spec = byFlag[name] else {
                problems.append("unknown flag \"\(name)\"; run `karpenter controller --help` for the list of settings")
                continue
            }
            if value == nil {
                if index < arguments.count, !arguments[index].hasPrefix("--") {
                    value = arguments[index]
                    index += 1
                } else if spec.accepts.hasPrefix("true or false") {
                    value = "true"
                }
            }
            guard let value else {
                problems.append("flag \(spec.flag) needs a value: \(spec.accepts)")
                continue
            }
            apply(spec, value, from: "\(spec.flag) (or \(spec.variable))")
        }
        if requireClusterName && options.clusterName.isEmpty {
            problems.append("CLUSTER_NAME (or --cluster-name) is required: the name of the EKS cluster, used to discover subnets and security groups and to tag instances")
        }
        if !problems.isEmpty { throw OptionsError(problems: problems) }
        return options
    }

    /// One line per setting for `--help`: variable, flag, accepted form and default.
    package static var helpText: String {
        let defaults = Options()
        return specs.map { spec in
            "  \(spec.variable) / \(spec.flag): \(spec.accepts) (default \(spec.show(defaults).isEmpty ? "\"\"" : spec.show(defaults)))"
        }.joined(separator: "\n")
    }

    private static let specs: [OptionSpec] = [
        text("KARPENTER_SERVICE", \.karpenterService),
        port("METRICS_PORT", \.metricsPort),
        port("HEALTH_PROBE_PORT", \.healthProbePort),
        port("WEBHOOK_PORT", \.webhookPort),
        port("WEBHOOK_METRICS_PORT", \.webhookMetricsPort),
        flag("DISABLE_WEBHOOK", \.disableWebhook),
        positive("KUBE_CLIENT_QPS", \.kubeClientQPS),
        positive("KUBE_CLIENT_BURST", \.kubeClientBurst),
        flag("ENABLE_PROFILING", \.enableProfiling),
        flag("DISABLE_LEADER_ELECTION", \.disableLeaderElection),
        text("LEADER_ELECTION_NAME", \.leaderElectionName),
        text("LEADER_ELECTION_NAMESPACE", \.leaderElectionNamespace),
        OptionSpec(variable: "MEMORY_LIMIT", accepts: "a whole number of bytes, or -1 for no limit", show: { "\($0.memoryLimit)" }) { options, value in
            guard let bytes = Int64(value), bytes >= -1 else { return false }
            options.memoryLimit = bytes
            return true
        },
        positive("CPU_REQUESTS", \.cpuRequests),
        OptionSpec(variable: "LOG_LEVEL", accepts: "one of debug, info, error", show: { $0.logLevel.rawValue }) { options, value in
            guard let level = LogLevel(rawValue: value.lowercased()) else { return false }
            options.logLevel = level
            return true
        },
        list("LOG_OUTPUT_PATHS", \.logOutputPaths),
        list("LOG_ERROR_OUTPUT_PATHS", \.logErrorOutputPaths),
        duration("BATCH_MAX_DURATION", \.batchMaxDuration),
        duration("BATCH_IDLE_DURATION", \.batchIdleDuration),
        OptionSpec(variable: "FEATURE_GATES", accepts: "comma-separated Name=true|false pairs of known gates (\(FeatureGates.defaults.keys.sorted().joined(separator: ", ")))", show: { $0.featureGates.description }) { options, value in
            guard let gates = try? FeatureGates(parsing: value) else { return false }
            options.featureGates = gates
            return true
        },
        choice("PREFERENCE_POLICY", ["Respect", "Ignore"], \.preferencePolicy),
        choice("MIN_VALUES_POLICY", ["Strict", "BestEffort"], \.minValuesPolicy),
        flag("IGNORE_DRA_REQUESTS", \.ignoreDRARequests),
        flag("DISABLE_CLUSTER_STATE_OBSERVABILITY", \.disableClusterStateObservability),
        text("SYSTEM_NAMESPACE", \.systemNamespace),
        text("CLUSTER_NAME", \.clusterName),
        OptionSpec(variable: "CLUSTER_ENDPOINT", accepts: "an https:// URL, or empty to discover it", show: { $0.clusterEndpoint }) { options, value in
            guard value.isEmpty || value.hasPrefix("https://") else { return false }
            options.clusterEndpoint = value
            return true
        },
        text("CLUSTER_CA_BUNDLE", \.clusterCABundle),
        flag("ISOLATED_VPC", \.isolatedVPC),
        OptionSpec(variable: "VM_MEMORY_OVERHEAD_PERCENT", accepts: "a fraction from 0 up to (not including) 1, e.g. 0.075", show: { "\($0.vmMemoryOverheadPercent)" }) { options, value in
            guard let fraction = Double(value), fraction >= 0, fraction < 1 else { return false }
            options.vmMemoryOverheadPercent = fraction
            return true
        },
        text("INTERRUPTION_QUEUE", \.interruptionQueue),
        OptionSpec(variable: "RESERVED_ENIS", accepts: "a whole number of at least 0", show: { "\($0.reservedENIs)" }) { options, value in
            guard let count = Int(value), count >= 0 else { return false }
            options.reservedENIs = count
            return true
        },
        flag("EKS_CONTROL_PLANE", \.eksControlPlane),
        flag("DISABLE_DRY_RUN", \.disableDryRun),
    ]

    private static func text(_ variable: String, _ path: any OptionPath<String>) -> OptionSpec {
        OptionSpec(variable: variable, accepts: "any text", show: { options in options[keyPath: path] }) { options, value in
            options[keyPath: path] = value
            return true
        }
    }

    private static func flag(_ variable: String, _ path: any OptionPath<Bool>) -> OptionSpec {
        OptionSpec(variable: variable, accepts: "true or false", show: { options in "\(options[keyPath: path])" }) { options, value in
            switch value.lowercased() {
            case "true", "1": options[keyPath: path] = true
            case "false", "0": options[keyPath: path] = false
            default: return false
            }
            return true
        }
    }

    private static func port(_ variable: String, _ path: any OptionPath<Int>) -> OptionSpec {
        OptionSpec(variable: variable, accepts: "a TCP port from 1 to 65535", show: { options in "\(options[keyPath: path])" }) { options, value in
            guard let port = Int(value), (1...65535).contains(port) else { return false }
            options[keyPath: path] = port
            return true
        }
    }

    private static func positive(_ variable: String, _ path: any OptionPath<Int>) -> OptionSpec {
        OptionSpec(variable: variable, accepts: "a whole number greater than 0", show: { options in "\(options[keyPath: path])" }) { options, value in
            guard let number = Int(value), number > 0 else { return false }
            options[keyPath: path] = number
            return true
        }
    }

    private static func duration(_ variable: String, _ path: any OptionPath<Duration>) -> OptionSpec {
        OptionSpec(variable: variable, accepts: "a positive duration such as 1s, 500ms or 1m30s", show: { options in GoDuration.format(options[keyPath: path]) }) { options, value in
            guard let duration = GoDuration.parse(value), duration > .zero else { return false }
            options[keyPath: path] = duration
            return true
        }
    }

    private static func list(_ variable: String, _ path: any OptionPath<[String]>) -> OptionSpec {
        OptionSpec(variable: variable, accepts: "a comma-separated list of paths, e.g. stdout", show: { options in options[keyPath: path].joined(separator: ",") }) { options, value in
            let items = value.split(separator: ",").map(String.init).filter { !$0.isEmpty }
            guard !items.isEmpty else { return false }
            options[keyPath: path] = items
            return true
        }
    }

    private static func choice(_ variable: String, _ choices: [String], _ path: any OptionPath<String>) -> OptionSpec {
        OptionSpec(variable: variable, accepts: "one of \(choices.joined(separator: ", "))", show: { options in options[keyPath: path] }) { options, value in
            guard choices.contains(value) else { return false }
            options[keyPath: path] = value
            return true
        }
    }
}

/// A key path into ``Options`` that closures stored in the static spec table may capture.
private typealias OptionPath<Value> = WritableKeyPath<Options, Value> & Sendable
