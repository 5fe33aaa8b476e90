import Foundation
import KubeClient
import Testing
import TestSupport

@Suite struct ExecCredentialProviderTests {
    /// A plugin script that counts its runs in `counter` and prints a token expiring at `expiry`.
    func plugin(expiry: String?) throws -> (script: URL, counter: URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("exec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let counter = dir.appendingPathComponent("runs")
        let script = dir.appendingPathComponent("plugin.sh")
        let status = expiry.map { #"{"token":"tok-$n","expirationTimestamp":"\#($0)"}"# } ?? #"{"token":"tok-$n"}"#
        try Data("""
        #!/bin/sh
        n=$(($(cat \(counter.path) 2>/dev/null || echo 0) + 1)); echo $n > \(counter.path)
        case "$KUBERNETES_EXEC_INFO" in *'"server":"https:\\/\\/eks.example'*|*'"server":"https://eks.example'*) ;; *) exit 3;; esac
        echo '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":\(status)}' | sed "s/\\$n/$n/"
        """.utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return (script, counter)
    }

    func command(_ script: URL) -> ExecCredentialCommand {
        ExecCredentialCommand(command: script.path, apiVersion: "client.authentication.k8s.io/v1beta1", serverURL: URL(string: "https://eks.example")!)
    }

    @Test func tokenIsCachedUntilShortlyBeforeExpiry() async throws {
        let (script, _) = try plugin(expiry: "2024-08-07T19:30:00Z")
        let clock = FixedClock(Date(timeIntervalSince1970: 1_723_058_587))  // 19:23:07Z
        let provider = ExecCredentialProvider(command: command(script), now: { clock.now() })
        #expect(try await provider.token() == "tok-1")
        clock.advance(by: 60)
        #expect(try await provider.token() == "tok-1")
        clock.advance(by: 7 * 60 - 60 - 5)  // 5 s before expiry: refresh
        #expect(try await provider.token() == "tok-2")
    }

    @Test func failingPluginReportsItsExitStatusNotItsOutput() async throws {
        let provider = ExecCredentialProvider(command: ExecCredentialCommand(
            command: "sh", arguments: ["-c", "echo secret-token-text; exit 7"], apiVersion: "v1", serverURL: URL(string: "https://x")!))
        await #expect(throws: ExecCredentialProvider.Failure.failed(command: "sh", exitCode: 7)) { _ = try await provider.token() }
    }

    @Test func outputWithoutTokenIsRejected() async throws {
        let provider = ExecCredentialProvider(command: ExecCredentialCommand(
            command: "sh", arguments: ["-c", #"echo '{"kind":"ExecCredential","apiVersion":"v1","status":{}}'"#], apiVersion: "v1", serverURL: URL(string: "https://x")!))
        await #expect(throws: ExecCredentialProvider.Failure.invalidOutput(command: "sh")) { _ = try await provider.token() }
    }
}
