// Measures the Kubernetes client against the real API server started by `hack/control-plane.sh`:
// list and watch throughput, and the informer's memory and CPU when it holds 10k pods and 1k nodes.
// Run with `make bench-kube` (release build; starts and stops the control plane).
import ControllerRuntime
import CurlTransport
import Foundation
import HTTPCore
import KubeClient
import KubeModel

/// Resident set size of this process in bytes, from /proc/self/statm.
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
}

/// User + system CPU seconds used by this process so far.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func pod(_ index: Int, namespace: String) -> Pod {
    Pod(
        metadata: ObjectMeta(
            name: "bench-\(index)", namespace: namespace,
            labels: ["app": "app-\(index % 50)", "pod-template-hash": "6d4cf56db6", "karpenter.sh/benchmark": "true"],
            ownerReferences: [OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "app-\(index % 50)-6d4cf56db6", uid: "00000000-0000-0000-0000-\(String(format: "%012d", index % 50))", controller: true)]),
        spec: PodSpec(
            containers: [Container(name: "main", image: "public.ecr.aws/docker/library/nginx:1.27", resources: ResourceRequirements(
                requests: ["cpu": Quantity(milli: 250), "memory": Quantity(256 << 20, format: .binarySI)]))],
            nodeSelector: ["karpenter.sh/capacity-type": "spot"], schedulerName: "benchmark-no-scheduler", terminationGracePeriodSeconds: 30))
}

func node(_ index: Int) -> Node {
    let capacity: [String: Quantity] = ["cpu": Quantity(2), "memory": Quantity(4_008_636 << 10, format: .binarySI), "pods": Quantity(17), "ephemeral-storage": Quantity(20 << 30, format: .binarySI)]
    return Node(
        metadata: ObjectMeta(name: "bench-node-\(index)", labels: [
            "karpenter.sh/nodepool": "default", "node.kubernetes.io/instance-type": "t3.medium", "topology.kubernetes.io/zone": "us-east-1b",
            "karpenter.sh/capacity-type": "spot", "kubernetes.io/arch": "amd64", "kubernetes.io/os": "linux", "benchmark": "true",
        ]),
        spec: NodeSpec(providerID: "aws:///us-east-1b/i-\(String(format: "%017x", index))"),
        status: NodeStatus(capacity: capacity, allocatable: capacity, conditions: [NodeCondition(type: "Ready", status: "True", reason: "KubeletReady")]))
}

/// Creates objects with `concurrency` parallel writers.
func createAll(_ count: Int, concurrency: Int, _ create: @escaping @Sendable (Int) async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for worker in 0..<concurrency {
            group.addTask {
                var index = worker
                while index < count {
                    try await create(index)
                    index += concurrency
                }
            }
        }
        try await group.waitForAll()
    }
}

struct Missing: Error, CustomStringConvertible { var description: String }

let environment = ProcessInfo.processInfo.environment
guard let kubeconfig = environment["KARPENTER_TEST_KUBECONFIG"] else { throw Missing(description: "KARPENTER_TEST_KUBECONFIG not set; run `make bench-kube`") }
let podCount = Int(environment["BENCH_PODS"] ?? "") ?? 10_000
let nodeCount = Int(environment["BENCH_NODES"] ?? "") ?? 1_000
let config = try KubeConfig.load(path: kubeconfig)
let transport = try CurlTransport(settings: config.settings)
// Setup writes go as fast as the server takes them; the measured client uses karpenter's defaults.
let writer = RESTClient(server: config.server, transport: transport, rateLimiter: nil)
let client = RESTClient(server: config.server, transport: transport)
let namespace = "bench-\(UUID().uuidString.prefix(8).lowercased())"
_ = try await writer.create(Namespace(metadata: ObjectMeta(name: namespace)))

let clock = ContinuousClock()
var started = clock.now
try await createAll(podCount, concurrency: 32) { _ = try await writer.create(pod($0, namespace: namespace)) }
try await createAll(nodeCount, concurrency: 32) { _ = try await writer.create(node($0)) }
let setup = seconds(started.duration(to: clock.now))
print("setup: created \(podCount) pods and \(nodeCount) nodes in \(String(format: "%.1f", setup)) s (\(Int(Double(podCount + nodeCount) / setup)) creates/s, 32 writers, no client rate limit)")

// List throughput: all pods in pages of 500, three rounds.
var listTimes: [Double] = []
let cpuListBefore = cpuSeconds()
for _ in 0..<3 {
    started = clock.now
    let list = try await client.listAll(Pod.self, namespace: namespace, options: ListOptions(limit: 500))
    guard list.items.count == podCount else { throw Missing(description: "listed \(list.items.count) pods, expected \(podCount)") }
    listTimes.append(seconds(started.duration(to: clock.now)))
}
let bestList = listTimes.min() ?? 0
print("list: \(podCount) pods in pages of 500: best \(String(format: "%.2f", bestList)) s of 3 (\(Int(Double(podCount) / bestList)) pods/s), client CPU \(String(format: "%.2f", (cpuSeconds() - cpuListBefore) / 3)) s per list")

// Informer footprint: RSS and CPU to list+hold 10k pods and 1k nodes.
let rssBefore = residentBytes()
let cpuBefore = cpuSeconds()
started = clock.now
let pods = Informer<Pod>(api: client, namespace: namespace, store: ObjectStore(indexes: [StoreIndex.podsByNodeName: StoreIndex.nodeName]))
let nodes = Informer<Node>(api: client, labelSelector: "benchmark=true")
let podTask = Task { await pods.run() }
let nodeTask = Task { await nodes.run() }
await pods.waitForSync()
await nodes.waitForSync()
let syncTime = seconds(started.duration(to: clock.now))
let cpuSync = cpuSeconds() - cpuBefore
let rssAfter = residentBytes()
if pods.failureCount + nodes.failureCount > 0 {
    print("informer: \(pods.failureCount) pod and \(nodes.failureCount) node list/watch failures, last: \(pods.lastError ?? nodes.lastError ?? "")")
}
print("informer: synced \(pods.store.count) pods + \(nodes.store.count) nodes in \(String(format: "%.2f", syncTime)) s, CPU \(String(format: "%.2f", cpuSync)) s, RSS +\((rssAfter - rssBefore) >> 20) MiB (total \(rssAfter >> 20) MiB)")

// Watch throughput: patch every pod once and time until the informer has seen every change.
let seen = Counter()
pods.addHandler { event in if case .updated = event { seen.increment() } }
let versionBeforePatches = try await client.list(Pod.self, namespace: namespace, options: ListOptions(limit: 1)).metadata.resourceVersion
let cpuWatchBefore = cpuSeconds()
started = clock.now
try await createAll(podCount, concurrency: 32) { index in
    _ = try await writer.patch(Pod.self, name: "bench-\(index)", namespace: namespace, patch: .merge(Data(#"{"metadata":{"labels":{"round":"1"}}}"#.utf8)))
}
let writeTime = seconds(started.duration(to: clock.now))
await seen.wait(for: podCount)
let watchTime = seconds(started.duration(to: clock.now))
print("watch: \(podCount) MODIFIED events applied in \(String(format: "%.2f", watchTime)) s from the first patch (\(Int(Double(podCount) / watchTime)) events/s; patches took \(String(format: "%.2f", writeTime)) s), informer CPU incl. patching \(String(format: "%.2f", cpuSeconds() - cpuWatchBefore)) s")
podTask.cancel()
nodeTask.cancel()

// Watch decoding throughput: replay the 10k MODIFIED events from the watch cache as fast as they come.
let cpuReplayBefore = cpuSeconds()
started = clock.now
let replay = try await client.watch(Pod.self, namespace: namespace, options: WatchOptions(resourceVersion: versionBeforePatches))
var replayed = 0
for try await event in replay {
    if case .modified = event { replayed += 1 }
    if replayed == podCount { break }
}
let replayTime = seconds(started.duration(to: clock.now))
print("watch replay: \(replayed) events from the watch cache in \(String(format: "%.2f", replayTime)) s (\(Int(Double(replayed) / replayTime)) events/s), client CPU \(String(format: "%.2f", cpuSeconds() - cpuReplayBefore)) s")

// Cancellation latency of an idle watch.
var cancelTimes: [Double] = []
for _ in 0..<20 {
    let watch = try await client.watch(Pod.self, namespace: "kube-node-lease", options: WatchOptions(resourceVersion: "0"))
    let task = Task { for try await _ in watch {} }
    try await Task.sleep(for: .milliseconds(50))
    started = clock.now
    task.cancel()
    _ = await task.result
    cancelTimes.append(seconds(started.duration(to: clock.now)) * 1000)
}
cancelTimes.sort()
print("cancel: idle watch aborted in median \(String(format: "%.2f", cancelTimes[cancelTimes.count / 2])) ms, max \(String(format: "%.2f", cancelTimes.last ?? 0)) ms (20 runs)")

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    private var waiter: (target: Int, continuation: CheckedContinuation<Void, Never>)?

    func increment() {
        let resume: CheckedContinuation<Void, Never>? = lock.withLock {
            count += 1
            guard let waiter, count >= waiter.target else { return nil }
            self.waiter = nil
            return waiter.continuation
        }
        resume?.resume()
    }

    func wait(for target: Int) async {
        await withCheckedContinuation { continuation in
            let done = lock.withLock { () -> Bool in
                if count >= target { return true }
                waiter = (target, continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }
}
