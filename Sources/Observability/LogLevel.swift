import Logging

/// The `LOG_LEVEL` setting: `debug`, `info` or `error`, as upstream accepts.
package enum LogLevel: String, Sendable, CaseIterable {
    /// Everything including debug lines.
    case debug
    /// Info and error lines.
    case info
    /// Error lines only.
    case error

    /// The swift-log threshold for this setting.
    package var threshold: Logger.Level {
        switch self {
        case .debug: .debug
        case .info: .info
        case .error: .error
        }
    }
}
