import Foundation
import KubeModel

/// Groups provisioning triggers into one scheduling round: a window opens at the first trigger and
/// closes once no trigger arrived for `idle`, or `maximum` after it opened, whichever is first
/// (upstream's BATCH_IDLE_DURATION / BATCH_MAX_DURATION).
package struct Batcher: Sendable {
    /// Quiet time that closes a window.
    package let idle: TimeInterval
    /// Longest a window stays open.
    package let maximum: TimeInterval
    private var opened: Date?
    private var lastTrigger: Date?

    /// A batcher with the given windows (upstream defaults 1 s and 10 s).
    package init(idle: Duration = .seconds(1), maximum: Duration = .seconds(10)) {
        self.idle = idle.timeInterval
        self.maximum = maximum.timeInterval
    }

    /// Records a trigger at `now`, opening a window if none is open.
    package mutating func trigger(at now: Date) {
        if opened == nil { opened = now }
        lastTrigger = now
    }

    /// When the open window closes, or `nil` when no window is open.
    package var deadline: Date? {
        guard let opened, let lastTrigger else { return nil }
        return min(lastTrigger.addingTimeInterval(idle), opened.addingTimeInterval(maximum))
    }

    /// Whether the open window has closed at `now`; closing it resets the batcher.
    package mutating func close(at now: Date) -> Bool {
        guard let deadline, deadline <= now else { return false }
        opened = nil
        lastTrigger = nil
        return true
    }
}
