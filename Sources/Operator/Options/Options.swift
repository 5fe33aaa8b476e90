import Observability

/// Every setting of the controller, with upstream's environment variables, flags and defaults
/// (core and AWS provider). Built once by ``Options/parse(environment:arguments:)`` and handed to
/// constructors: nothing reads the environment anywhere else.
package struct Options: Sendable, Equatable {
    // Core.
    /// `KARPENTER_SERVICE`: the Service name (the chart sets its fullname).
    package var karpenterService = ""
    /// `METRICS_PORT`.
    package var metricsPort = 8080
    /// `HEALTH_PROBE_PORT`.
    package var healthProbePort = 8081
    /// `WEBHOOK_PORT`.
    package var webhookPort = 8443
    /// `WEBHOOK_METRICS_PORT`.
    package var webhookMetricsPort = 8001
    /// `DISABLE_WEBHOOK`.
    package var disableWebhook = false
    /// `KUBE_CLIENT_QPS`.
    package var kubeClientQPS = 200
    /// `KUBE_CLIENT_BURST`.
    package var kubeClientBurst = 300
    /// `ENABLE_PROFILING`.
    package var enableProfiling = false
    /// `DISABLE_LEADER_ELECTION`.
    package var disableLeaderElection = false
    /// `LEADER_ELECTION_NAME`.
    package var leaderElectionName = "karpenter-leader-election"
    /// `LEADER_ELECTION_NAMESPACE`; empty means the pod's own namespace.
    package var leaderElectionNamespace = ""
    /// `MEMORY_LIMIT` in bytes; -1 for none.
    package var memoryLimit: Int64 = -1
    /// `CPU_REQUESTS` in millicores.
    package var cpuRequests = 1000
    /// `LOG_LEVEL`.
    package var logLevel = LogLevel.info
    /// `LOG_OUTPUT_PATHS`.
    package var logOutputPaths = ["stdout"]
    /// `LOG_ERROR_OUTPUT_PATHS`.
    package var logErrorOutputPaths = ["stderr"]
    /// `BATCH_MAX_DURATION`.
    package var batchMaxDuration = Duration.seconds(10)
    /// `BATCH_IDLE_DURATION`.
    package var batchIdleDuration = Duration.seconds(1)
    /// `FEATURE_GATES`.
    package var featureGates = FeatureGates()
    /// `PREFERENCE_POLICY`: `Respect` or `Ignore`.
    package var preferencePolicy = "Respect"
    /// `MIN_VALUES_POLICY`: `Strict` or `BestEffort`.
    package var minValuesPolicy = "Strict"
    /// `IGNORE_DRA_REQUESTS`.
    package var ignoreDRARequests = true
    /// `DISABLE_CLUSTER_STATE_OBSERVABILITY`.
    package var disableClusterStateObservability = false
    /// `SYSTEM_NAMESPACE` (downward API): the namespace the controller runs in.
    package var systemNamespace = ""

    // AWS provider.
    /// `CLUSTER_NAME` (required by the controller).
    package var clusterName = ""
    /// `CLUSTER_ENDPOINT`; empty ⇒ discovered with `eks:DescribeCluster`.
    package var clusterEndpoint = ""
    /// `CLUSTER_CA_BUNDLE`; empty ⇒ from the controller's own TLS configuration.
    package var clusterCABundle = ""
    /// `ISOLATED_VPC`: no pricing API calls.
    package var isolatedVPC = false
    /// `VM_MEMORY_OVERHEAD_PERCENT`.
    package var vmMemoryOverheadPercent = 0.075
    /// `INTERRUPTION_QUEUE`: SQS queue name; empty disables interruption handling.
    package var interruptionQueue = ""
    /// `RESERVED_ENIS`.
    package var reservedENIs = 0
    /// `EKS_CONTROL_PLANE`.
    package var eksControlPlane = false
    /// `DISABLE_DRY_RUN`.
    package var disableDryRun = false

    /// Options with every default.
    package init() {}
}
