import Foundation
import Logging
import Observability

/// Installs the JSON log handler as the process-wide swift-log backend. Call once at start-up;
/// flush the returned sink before the process exits so no line is lost.
package enum LogOutput {
    /// Bootstraps swift-log with upstream's JSON format at `level`, writing to standard output.
    package static func bootstrap(level: LogLevel, build: BuildInfo = .current) -> any LogSink {
        let sink = FileLogSink(descriptor: STDOUT_FILENO)
        LoggingSystem.bootstrap { label in
            JSONLogHandler(label: label, commit: build.commit, level: level.threshold, sink: sink)
        }
        return sink
    }
}
