import Logging
import Synchronization

/// A swift-log handler that keeps every record in memory (level, message, handler and call
/// metadata merged as swift-log defines), so tests read exactly what a component logged.
package struct CapturingLogHandler: LogHandler {
    /// One logged line.
    package struct Record: Sendable {
        /// The level it was logged at.
        package var level: Logger.Level
        /// The message.
        package var message: String
        /// Handler and call metadata, call metadata winning.
        package var metadata: Logger.Metadata

        /// A string field, if present.
        package func string(_ key: String) -> String? {
            if case let .string(value)? = metadata[key] { return value }
            return nil
        }
    }

    /// Shared storage for every copy of the handler.
    package final class Sink: Sendable {
        private let storage = Mutex<[Record]>([])
        /// An empty sink.
        package init() {}
        /// Every record so far, in order.
        package var records: [Record] { storage.withLock { $0 } }
        /// Every message so far, in order.
        package var messages: [String] { records.map(\.message) }
        /// Keeps `record`.
        package func append(_ record: Record) { storage.withLock { $0.append(record) } }
        /// A logger writing here at `level` and above.
        package func logger(level: Logger.Level = .trace) -> Logger {
            var logger = Logger(label: "controller") { _ in CapturingLogHandler(sink: self) }
            logger.logLevel = level
            return logger
        }
    }

    /// Where records go.
    package let sink: Sink
    /// Handler metadata (swift-log's `LogHandler`).
    package var metadata: Logger.Metadata = [:]
    /// Lowest level kept.
    package var logLevel: Logger.Level = .trace

    /// A handler writing into `sink`.
    package init(sink: Sink) { self.sink = sink }

    /// Handler metadata by key (swift-log's `LogHandler`).
    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Keeps the record with merged metadata.
    package func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, call in call }
        sink.append(Record(level: event.level, message: event.message.description, metadata: merged))
    }
}
