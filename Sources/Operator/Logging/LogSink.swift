/// Where finished log lines go. Implementations must return quickly: the JSON handler calls
/// ``write(_:)`` on the logging thread of whoever logged.
package protocol LogSink: Sendable {
    /// Accepts one complete line including its trailing newline.
    func write(_ line: String)
    /// Returns once every line accepted so far has been written out.
    func flush()
}
