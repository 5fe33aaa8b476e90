import Foundation
import KubeModel
import Logging

/// A swift-log handler that writes upstream Karpenter's JSON log format, one object per line:
/// `level`, `time`, `logger`, (`caller` at debug level), `message`, `commit`, then the logger's
/// fields in the order they were attached (``Logging/Logger/with(_:)``), then per-call metadata
/// sorted by key, then `error` when the event carries one.
///
/// ```json
/// {"level":"INFO","time":"2024-08-07T19:23:07.100Z","logger":"controller","message":"created nodeclaim","commit":"490ef94","controller":"provisioner","NodePool":{"name":"default"}}
/// ```
package struct JSONLogHandler: LogHandler {
    /// Value of the `logger` key (`controller` for controllers, `webhook` for the webhook).
    package let label: String
    /// Value of the `commit` key.
    package let commit: String
    private let sink: any LogSink
    private let clock: @Sendable () -> Date
    private var fields: [(key: String, value: Logger.MetadataValue)] = []

    package var logLevel: Logger.Level
    package var metadataProvider: Logger.MetadataProvider?

    /// Creates a handler writing to `sink`, reading time from `clock`.
    package init(label: String, commit: String, level: Logger.Level, sink: any LogSink, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.label = label
        self.commit = commit
        self.logLevel = level
        self.sink = sink
        self.clock = clock
    }

    package var metadata: Logger.Metadata {
        get { Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last }) }
        set { fields = newValue.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) } }
    }

    package subscript(metadataKey key: String) -> Logger.MetadataValue? {
        get { fields.first { $0.key == key }?.value }
        set {
            if let index = fields.firstIndex(where: { $0.key == key }) {
                if let newValue { fields[index].value = newValue } else { fields.remove(at: index) }
            } else if let newValue {
                fields.append((key: key, value: newValue))
            }
        }
    }

    package func log(event: LogEvent) {
        var line = JSONLineWriter()
        line.beginObject()
        line.field("level", string: Self.levelName(event.level))
        line.field("time", string: Self.timestamp(clock()))
        line.field("logger", string: label)
        if logLevel <= .debug {
            line.field("caller", string: Self.caller(file: event.file, line: event.line))
        }
        line.field("message", string: event.message.description)
        line.field("commit", string: commit)
        var written = Set<String>(["level", "time", "logger", "caller", "message", "commit"])
        for (key, value) in fields where written.insert(key).inserted {
            line.field(key, value: value)
        }
        var extra = metadataProvider?.get() ?? [:]
        for (key, value) in event.metadata ?? [:] { extra[key] = value }
        for key in extra.keys.sorted() where written.insert(key).inserted {
            if let value = extra[key] { line.field(key, value: value) }
        }
        if let error = event.error, !written.contains("error") {
            line.field("error", string: String(describing: error))
        }
        line.endObject()
        sink.write(line.text + "\n")
    }

    /// `DEBUG`, `INFO`, `WARN` or `ERROR`, as zap's capital level encoder writes them.
    static func levelName(_ level: Logger.Level) -> String {
        switch level {
        case .trace, .debug: "DEBUG"
        case .info, .notice: "INFO"
        case .warning: "WARN"
        case .error, .critical: "ERROR"
        }
    }

    /// ISO 8601 in UTC with milliseconds: `2024-08-07T19:23:07.084Z`.
    static func timestamp(_ date: Date) -> String { RFC3339.format(date, fractionDigits: 3) }

    /// `folder/File.swift:61`, like zap's short caller.
    static func caller(file: String, line: UInt) -> String {
        let parts = file.split(separator: "/")
        return parts.suffix(2).joined(separator: "/") + ":\(line)"
    }
}
