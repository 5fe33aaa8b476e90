import Foundation

/// Wall-clock side of a simulation run: with `--speed N` it holds each jump of the virtual clock
/// until N× real time has caught up (for live demos; without it the run goes as fast as it can),
/// and on long runs it reports progress every `progressInterval` of wall time.
struct SimulationPacer {
    /// Simulated seconds per wall second, or nil for as fast as possible.
    let speed: Double?
    /// Wall time between progress lines.
    let progressInterval: Duration
    /// Where progress lines go (standard error in the command).
    let emit: @Sendable (String) -> Void
    private let wallStart: ContinuousClock.Instant
    private let virtualStart: Date
    private var lastProgress: ContinuousClock.Instant

    /// Starts pacing at simulated time `start`.
    init(speed: Double?, start: Date, progressInterval: Duration = .seconds(10), emit: @escaping @Sendable (String) -> Void) {
        self.speed = speed
        self.progressInterval = progressInterval
        self.emit = emit
        wallStart = .now
        virtualStart = start
        lastProgress = wallStart
    }

    /// Writes a progress line when `progressInterval` has passed since the last one.
    mutating func tick(_ status: () -> String) {
        let now = ContinuousClock.now
        guard now - lastProgress >= progressInterval else { return }
        lastProgress = now
        emit(status())
    }

    /// With a speed set, sleeps until wall time reaches simulated time `next` (reporting progress
    /// meanwhile); without one, returns at once.
    mutating func wait(until next: Date, _ status: () -> String) async throws {
        guard let speed, speed > 0 else { return }
        let due = wallStart + .milliseconds(Int64((next.timeIntervalSince(virtualStart) / speed * 1000).rounded(.up)))
        while ContinuousClock.now < due {
            let remaining = due - ContinuousClock.now
            try await Task.sleep(for: min(remaining, progressInterval))
            tick(status)
        }
    }

    /// The wall time since the run started.
    var elapsed: Duration { ContinuousClock.now - wallStart }
}
