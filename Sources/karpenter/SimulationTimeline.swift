import Foundation

/// The timers of a simulation run on the virtual time line: each NodeClaim's requeue (a reconciler's
/// `requeueAfter`, as a work queue's delayed add) and each launched instance's boot. When a step
/// changes nothing, the clock jumps to the earliest of these (or the provisioner's batch deadline).
///
/// Invariant: a key has at most one requeue; the latest reconcile result replaces it, and a result
/// without `requeueAfter` clears it.
struct SimulationTimeline {
    private var requeues: [String: Date] = [:]
    private var boots: [String: Date] = [:]

    /// Sets (or clears, with `nil`) the requeue of `key`.
    mutating func requeue(_ key: String, at date: Date?) { requeues[key] = date }

    /// Keys whose requeue is due at `now`, sorted; their timers are consumed.
    mutating func dueRequeues(at now: Date) -> [String] {
        let due = requeues.filter { $0.value <= now }.map(\.key).sorted()
        for key in due { requeues[key] = nil }
        return due
    }

    /// Schedules the boot of the instance behind NodeClaim `name`.
    mutating func boot(_ name: String, at date: Date) { boots[name] = date }

    /// NodeClaims whose instance has booted by `now`, sorted; each is returned once.
    mutating func dueBoots(at now: Date) -> [String] {
        let due = boots.filter { $0.value <= now }.map(\.key).sorted()
        for key in due { boots[key] = nil }
        return due
    }

    /// The earliest pending timer, or `nil` when none is set.
    var next: Date? { [requeues.values.min(), boots.values.min()].compactMap { $0 }.min() }
}
