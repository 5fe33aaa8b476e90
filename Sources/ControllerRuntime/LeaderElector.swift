import Foundation
import KubeClient
import KubeModel

/// Timing and identity of leader election; the defaults are karpenter's.
package struct LeaderElectionConfig: Sendable {
    /// Lease namespace (the controller pod's namespace).
    package var namespace: String
    /// Lease name.
    package var name: String
    /// This replica's identity (pod name plus a random suffix in production).
    package var identity: String
    /// How long a lease stays valid without renewal; other replicas wait this long before taking over.
    package var leaseDuration: Duration
    /// The leader gives up if it cannot renew within this time.
    package var renewDeadline: Duration
    /// Interval between acquisition attempts and renewals.
    package var retryPeriod: Duration

    /// Creates a configuration with karpenter's defaults: `karpenter-leader-election`, 15 s / 10 s / 2 s.
    package init(namespace: String, identity: String, name: String = "karpenter-leader-election",
                 leaseDuration: Duration = .seconds(15), renewDeadline: Duration = .seconds(10), retryPeriod: Duration = .seconds(2)) {
        self.namespace = namespace
        self.name = name
        self.identity = identity
        self.leaseDuration = leaseDuration
        self.renewDeadline = renewDeadline
        self.retryPeriod = retryPeriod
    }
}

/// Leader election on a `coordination.k8s.io/v1` Lease, with client-go's rules: a lease held by someone
/// else is taken over only after it has not changed for `leaseDuration` as observed locally (so clock
/// skew between replicas does not matter); every write is conditional on the lease's resourceVersion,
/// so two candidates can never both win; the leader releases the lease on shutdown.
package actor LeaderElector {
    private let api: any KubeAPI
    private let config: LeaderElectionConfig
    private let clock: any Clock<Duration>
    private let now: @Sendable () -> Date
    private var observedSpec: LeaseSpec?
    private var observedAt: Date?
    private var lastRenewal: Date?

    /// Creates an elector. `clock` paces retries; `now` gives wall time for the lease's timestamps and
    /// for observing expiry (both injected so tests advance time instead of sleeping).
    package init(api: any KubeAPI, config: LeaderElectionConfig, clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.api = api
        self.config = config
        self.clock = clock
        self.now = now
    }

    /// Whether the last attempt left this replica holding the lease.
    package private(set) var isLeader = false

    /// One acquisition or renewal attempt. Returns whether this replica now holds the lease.
    @discardableResult
    package func tryAcquireOrRenew() async throws -> Bool {
        let current = now()
        let duration = Int32(config.leaseDuration.components.seconds)
        let existing: Lease
        do {
            existing = try await api.get(Lease.self, name: config.name, namespace: config.namespace)
        } catch KubeError.notFound {
            let lease = Lease(
                metadata: ObjectMeta(name: config.name, namespace: config.namespace),
                spec: LeaseSpec(holderIdentity: config.identity, leaseDurationSeconds: duration,
                                acquireTime: KubeMicroTime(current), renewTime: KubeMicroTime(current), leaseTransitions: 0))
            do {
                let created = try await api.create(lease)
                observe(created.spec, at: current)
                return becomeLeader(at: current)
            } catch KubeError.alreadyExists {
                return lose()
            }
        }
        if existing.spec != observedSpec { observe(existing.spec, at: current) }
        let holder = existing.spec.holderIdentity ?? ""
        let heldByMe = holder == config.identity
        if !heldByMe, !holder.isEmpty, let observedAt {
            let validFor = TimeInterval(existing.spec.leaseDurationSeconds ?? duration)
            if observedAt.addingTimeInterval(validFor) > current { return lose() }
        }
        var lease = existing
        lease.spec.holderIdentity = config.identity
        lease.spec.leaseDurationSeconds = duration
        lease.spec.renewTime = KubeMicroTime(current)
        if !heldByMe {
            lease.spec.acquireTime = KubeMicroTime(current)
            lease.spec.leaseTransitions = (existing.spec.leaseTransitions ?? 0) + 1
        }
        do {
            let updated = try await api.update(lease)
            observe(updated.spec, at: current)
            return becomeLeader(at: current)
        } catch KubeError.conflict {
            return lose()
        }
    }

    /// Gives the lease up if held (holder cleared, duration 1 s), so another replica takes over at once.
    package func release() async {
        guard isLeader else { return }
        isLeader = false
        guard var lease = try? await api.get(Lease.self, name: config.name, namespace: config.namespace),
              lease.spec.holderIdentity == config.identity else { return }
        lease.spec.holderIdentity = nil
        lease.spec.leaseDurationSeconds = 1
        lease.spec.renewTime = KubeMicroTime(now())
        _ = try? await api.update(lease)
    }

    /// Campaigns until elected, runs `lead` while leading, and stops it when renewals fail for longer
    /// than `renewDeadline`. Releases the lease when the task is cancelled or leadership ends.
    package func run(lead: @escaping @Sendable () async -> Void) async {
        while !Task.isCancelled {
            if (try? await tryAcquireOrRenew()) == true { break }
            do { try await clock.sleep(for: config.retryPeriod) } catch { return }
        }
        guard !Task.isCancelled else { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await lead() }
            group.addTask { await self.renewWhileLeading() }
            _ = await group.next()
            group.cancelAll()
        }
        // The caller's task is usually cancelled by now (shutdown); release from a task that is not,
        // or the transport would refuse the final write.
        await Task.detached { await self.release() }.value
    }

    private func renewWhileLeading() async {
        while !Task.isCancelled {
            do { try await clock.sleep(for: config.retryPeriod) } catch { return }
            let renewed = (try? await tryAcquireOrRenew()) ?? false
            if !renewed {
                let deadline = Double(config.renewDeadline.components.seconds)
                if let lastRenewal, now().timeIntervalSince(lastRenewal) < deadline { continue }
                isLeader = false
                return
            }
        }
    }

    private func observe(_ spec: LeaseSpec, at time: Date) {
        observedSpec = spec
        observedAt = time
    }

    private func becomeLeader(at time: Date) -> Bool {
        isLeader = true
        lastRenewal = time
        return true
    }

    private func lose() -> Bool {
        isLeader = false
        return false
    }
}
