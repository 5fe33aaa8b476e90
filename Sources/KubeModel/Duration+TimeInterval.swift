import Foundation

extension Duration {
    /// The duration in seconds as a `TimeInterval` (attosecond precision folded into the fraction),
    /// for arithmetic with `Date`s and rates.
    package var timeInterval: TimeInterval {
        TimeInterval(components.seconds) + TimeInterval(components.attoseconds) / 1e18
    }
}
