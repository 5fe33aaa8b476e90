import Synchronization

/// Counts and total latency of API requests by verb and HTTP status (0 when no response arrived),
/// the data behind client-go's `rest_client_requests_total` and request latency metrics.
package final class KubeRequestMetrics: Sendable {
    /// Identifies one series.
    package struct Key: Hashable, Sendable {
        /// HTTP verb, or `WATCH` for watch opens.
        package var verb: String
        /// HTTP status code; 0 for transport failures.
        package var code: Int

        /// Names one series.
        package init(verb: String, code: Int) {
            self.verb = verb
            self.code = code
        }
    }

    /// Aggregated figures of one series.
    package struct Series: Sendable, Equatable {
        /// Number of requests.
        package var count: Int = 0
        /// Sum of their latencies.
        package var totalDuration: Duration = .zero
    }

    private let series = Mutex<[Key: Series]>([:])

    /// Creates empty metrics.
    package init() {}

    /// Records one finished request.
    package func record(verb: String, code: Int, duration: Duration) {
        series.withLock { series in
            series[Key(verb: verb, code: code), default: Series()].count += 1
            series[Key(verb: verb, code: code), default: Series()].totalDuration += duration
        }
    }

    /// A copy of every series.
    package var snapshot: [Key: Series] { series.withLock { $0 } }
}
