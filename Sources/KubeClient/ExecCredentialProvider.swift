import Foundation
import KubeModel

/// Runs an exec credential plugin and caches its token until shortly before `expirationTimestamp`
/// (tokens without an expiry are kept until ``invalidate()``). The plugin's output is parsed as an
/// `ExecCredential`; its stderr and the token are never included in errors.
package actor ExecCredentialProvider: BearerTokenProviding {
    /// Why the plugin produced no token.
    package enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The command could not be started.
        case cannotStart(command: String, detail: String)
        /// The command exited non-zero.
        case failed(command: String, exitCode: Int32)
        /// The output was not an ExecCredential with a token.
        case invalidOutput(command: String)

        /// Names the command and outcome, never the plugin output.
        package var description: String {
            switch self {
            case let .cannotStart(command, detail): "cannot run credential plugin \(command): \(detail)"
            case let .failed(command, exitCode): "credential plugin \(command) exited with status \(exitCode)"
            case let .invalidOutput(command): "credential plugin \(command) printed no ExecCredential token"
            }
        }
    }

    private struct ExecCredential: Codable {
        struct Status: Codable { var token: String?; var expirationTimestamp: KubeTime? }
        struct Spec: Codable { var cluster: Cluster?; var interactive: Bool }
        struct Cluster: Codable { var server: String }
        var apiVersion: String
        var kind: String
        var spec: Spec?
        var status: Status?
    }

    private let command: ExecCredentialCommand
    private let now: @Sendable () -> Date
    private var cached: (token: String, expiry: Date?)?

    /// Creates a provider; `now` is injected so expiry is testable.
    package init(command: ExecCredentialCommand, now: @escaping @Sendable () -> Date = { Date() }) {
        self.command = command
        self.now = now
    }

    /// Forgets the cached token (after a 401).
    package func invalidate() { cached = nil }

    /// The cached token, or a fresh one from the plugin when none is cached or it expires within 10 s.
    package func token() async throws -> String {
        if let cached, cached.expiry.map({ $0.timeIntervalSince(now()) > 10 }) ?? true { return cached.token }
        let output = try await run()
        guard let credential = try? JSONDecoder().decode(ExecCredential.self, from: output),
              let token = credential.status?.token, !token.isEmpty else {
            throw Failure.invalidOutput(command: command.command)
        }
        cached = (token, credential.status?.expirationTimestamp?.date)
        return token
    }

    private func run() async throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command.command] + command.arguments
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in command.environment { environment[key] = value }
        let info = ExecCredential(
            apiVersion: command.apiVersion, kind: "ExecCredential",
            spec: .init(cluster: .init(server: command.serverURL.absoluteString), interactive: false), status: nil)
        if let data = try? JSONEncoder().encode(info) { environment["KUBERNETES_EXEC_INFO"] = String(decoding: data, as: UTF8.self) }
        process.environment = environment
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let name = command.command
        return try await withCheckedThrowingContinuation { continuation in
            // Read on a dedicated thread: the pipe read blocks until the plugin exits.
            let thread = Thread {
                do {
                    try process.run()
                } catch {
                    continuation.resume(throwing: Failure.cannotStart(command: name, detail: error.localizedDescription))
                    return
                }
                let data = stdout.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                if process.terminationStatus != 0 {
                    continuation.resume(throwing: Failure.failed(command: name, exitCode: process.terminationStatus))
                } else {
                    continuation.resume(returning: data)
                }
            }
            thread.start()
        }
    }
}
