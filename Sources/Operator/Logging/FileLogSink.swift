import Foundation

/// Writes log lines to a file descriptor (stdout, stderr) from a dedicated thread, so a slow or
/// blocked reader of the descriptor never stalls a controller.
///
/// Lines are appended to an in-memory buffer under a lock and the writer thread drains it. The
/// buffer is bounded: once `capacity` bytes are waiting, further lines are dropped and counted, and
/// the writer reports the count in an ERROR line as soon as it catches up. Losing log lines under
/// extreme pressure is preferred to blocking the autoscaler.
package final class FileLogSink: LogSink, @unchecked Sendable {
    private let descriptor: Int32
    private let capacity: Int
    private let condition = NSCondition()
    // State below is guarded by `condition`.
    private var pending: [UInt8] = []
    private var dropped = 0
    private var writing = false
    private var started = false

    /// A sink writing to `descriptor` (1 = stdout), buffering at most `capacity` bytes.
    package init(descriptor: Int32 = 1, capacity: Int = 8 << 20) {
        self.descriptor = descriptor
        self.capacity = capacity
    }

    package func write(_ line: String) {
        condition.lock()
        if !started {
            started = true
            let thread = Thread { [self] in drain() }
            thread.name = "log-writer"
            thread.start()
        }
        if pending.count + line.utf8.count > capacity {
            dropped += 1
        } else {
            pending.append(contentsOf: line.utf8)
            condition.signal()
        }
        condition.unlock()
    }

    package func flush() {
        condition.lock()
        while started && (!pending.isEmpty || writing || dropped > 0) { condition.wait() }
        condition.unlock()
    }

    private func drain() {
        while true {
            condition.lock()
            while pending.isEmpty && dropped == 0 { condition.wait() }
            var batch = pending
            pending.removeAll(keepingCapacity: true)
            if dropped > 0 {
                batch.append(contentsOf: Self.droppedLine(dropped).utf8)
                dropped = 0
            }
            writing = true
            condition.unlock()

            writeAll(batch)

            condition.lock()
            writing = false
            condition.broadcast()
            condition.unlock()
        }
    }

    private func writeAll(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let result = Foundation.write(descriptor, base + offset, buffer.count - offset)
                if result > 0 {
                    offset += result
                } else if result < 0 && errno == EINTR {
                    continue
                } else {
                    return  // the reader went away; nothing sensible to do with the lines
                }
            }
        }
    }

    private static func droppedLine(_ count: Int) -> String {
        let time = JSONLogHandler.timestamp(Date())
        return #"{"level":"ERROR","time":"\#(time)","logger":"controller","message":"dropped log lines because the output was not keeping up","count":\#(count)}"# + "\n"
    }
}
