import Logging
import Synchronization

/// A swift-log handler that keeps every record in memory (level, message, handler and call
/// metadata merged as swift-log defines), so tests read exactly what a component logged.
struct CapturingLogHandler: LogHandler {
    /// One logged line.
    struct Record: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: Logger.Metadata

        /// A string field, if present.
        func string(_ key: String) -> String? {
            if case let .string(value)? = metadata[key] { return value }
            return nil
        }
    }

    /// Shared storage for every copy of the handler.
    final class Sink: Sendable {
        private let storage = Mutex<[Record]>([])
        /// Every record so far, in order.
        var records: [Record] { storage.withLock { $0 } }
        func append(_ record: Record) { storage.withLock { $0.append(record) } }
        /// A logger writing here at `level` and above.
        func logger(level: Logger.Level = .trace) -> Logger {
            var logger = Logger(label: "controller") { _ in CapturingLogHandler(sink: self) }
            logger.logLevel = level
            return logger
        }
    }

    let sink: Sink
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, call in call }
        sink.append(Record(level: event.level, message: event.message.description, metadata: merged))
    }
}
