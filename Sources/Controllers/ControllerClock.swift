import Foundation
import Synchronization

/// Where controllers read the time. Production uses ``SystemControllerClock``; tests and
/// `karpenter simulate` use ``VirtualClock`` and move time forward explicitly.
package protocol ControllerClock: Sendable {
    /// The current time.
    var now: Date { get }
}

/// Wall-clock time.
package struct SystemControllerClock: ControllerClock {
    /// Creates the clock.
    package init() {}
    /// `Date()`.
    package var now: Date { Date() }
}

/// A clock that only moves when told to: tests advance it instead of sleeping, and the simulator
/// jumps it to the next timer when every controller is idle.
package final class VirtualClock: ControllerClock {
    private let current: Mutex<Date>

    /// A clock reading `start`.
    package init(start: Date = Date(timeIntervalSince1970: 1_723_058_587)) { current = Mutex(start) }

    /// The current virtual time.
    package var now: Date { current.withLock { $0 } }

    /// Moves time forward by `seconds` (never backwards).
    package func advance(by seconds: TimeInterval) { current.withLock { $0 += max(0, seconds) } }

    /// Moves time to `date` if that is later than now.
    package func advance(to date: Date) { current.withLock { $0 = max($0, date) } }
}
