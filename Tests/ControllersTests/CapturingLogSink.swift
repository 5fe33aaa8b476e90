import Foundation
import Operator
import Synchronization

/// Collects JSON log lines in memory so tests can read exactly what the production handler wrote.
final class CapturingLogSink: LogSink {
    private let lines = Mutex<[String]>([])

    func write(_ line: String) { lines.withLock { $0.append(line) } }
    func flush() {}

    /// Every line as a JSON object.
    var entries: [[String: Any]] {
        lines.withLock { $0 }.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
    }

    /// Raw lines.
    var text: [String] { lines.withLock { $0 } }

    /// Messages in order.
    var messages: [String] { entries.compactMap { $0["message"] as? String } }
}
