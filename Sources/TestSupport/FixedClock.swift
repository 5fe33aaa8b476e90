import Foundation

/// A settable wall clock for tests: every "now" is whatever the test last set, so time-dependent
/// output (log timestamps, ages, deadlines) is deterministic without sleeping.
package final class FixedClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    /// Starts the clock at `start`.
    package init(_ start: Date = Date(timeIntervalSince1970: 1_723_058_587.084)) { current = start }

    /// The current instant.
    package func now() -> Date { lock.withLock { current } }

    /// Moves the clock forward by `seconds`.
    package func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}
