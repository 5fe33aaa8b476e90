import Foundation

/// Runs a helper program to completion for tests (peer scripts such as `hack/moto.sh`, the botocore
/// signer): feeds `input` on stdin, returns stdout, throws with stderr when the exit status is non-zero.
/// Test-only: production code never shells out.
package enum ChildProcess {
    /// Why a helper program failed.
    package struct Failure: Error, CustomStringConvertible {
        /// The command line that failed.
        package let command: String
        /// Its exit status.
        package let status: Int32
        /// What it wrote to stderr.
        package let stderr: String
        /// `command exited with N: stderr`.
        package var description: String { "\(command) exited with \(status): \(stderr)" }
    }

    /// Runs `arguments` (the first is looked up on `PATH` via `/usr/bin/env`) in `directory`.
    package static func run(_ arguments: [String], input: Data = Data(), directory: URL? = nil) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        // A helper that exits early must produce an error, not kill the test process with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        try process.run()
        // Write and read on separate threads so a large input cannot deadlock against full pipes.
        let writer = Thread {
            try? stdin.fileHandleForWriting.write(contentsOf: input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errorBox = ErrorBox()
        let errorReader = Thread { errorBox.set(stderr.fileHandleForReading.readDataToEndOfFile()) }
        errorReader.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errors = errorBox.waitForValue()
        guard process.terminationStatus == 0 else {
            throw Failure(command: arguments.joined(separator: " "), status: process.terminationStatus,
                          stderr: String(decoding: errors, as: UTF8.self))
        }
        return output
    }

    /// The repository root, found from this source file's location (`Sources/TestSupport/…`).
    package static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    private final class ErrorBox: @unchecked Sendable {
        private let condition = NSCondition()
        private var value: Data?
        func set(_ data: Data) {
            condition.lock()
            value = data
            condition.signal()
            condition.unlock()
        }
        func waitForValue() -> Data {
            condition.lock()
            defer { condition.unlock() }
            while value == nil { condition.wait() }
            return value ?? Data()
        }
    }
}
