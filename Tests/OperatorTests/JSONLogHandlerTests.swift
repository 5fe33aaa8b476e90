import Foundation
import HTTPCore
import KubeModel
import Logging
import Observability
@testable import Operator
import TestSupport
import Testing

/// Collects lines in memory so tests can read exactly what the handler produced.
final class CapturingSink: LogSink, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func write(_ line: String) { lock.withLock { stored.append(line) } }
    func flush() {}
    var lines: [String] { lock.withLock { stored } }
}

@Suite struct JSONLogHandlerTests {
    let sink = CapturingSink()
    let clock = FixedClock(Date(timeIntervalSince1970: 1_723_058_587.100))

    func logger(level: Logger.Level = .info) -> Logger {
        let sink = self.sink
        let clock = self.clock
        return Logger(label: "controller") { _ in
            JSONLogHandler(label: "controller", commit: "490ef94", level: level, sink: sink, clock: { clock.now() })
        }
    }

    /// Keys of a JSON object line in the order they appear (JSONSerialization loses order).
    func keys(of line: String) throws -> [String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        var found: [(String.Index, String)] = []
        var depth = 0
        var index = line.startIndex
        var inString = false
        var stringStart = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if inString {
                if character == "\\" { index = line.index(after: index) } else if character == "\"" {
                    inString = false
                    let key = String(line[line.index(after: stringStart)..<index])
                    let next = line.index(after: index)
                    if depth == 1, next < line.endIndex, line[next] == ":" { found.append((stringStart, key)) }
                }
            } else if character == "\"" {
                inString = true
                stringStart = index
            } else if character == "{" || character == "[" {
                depth += 1
            } else if character == "}" || character == "]" {
                depth -= 1
            }
            index = line.index(after: index)
        }
        #expect(found.count == object.count)
        return found.map(\.1)
    }

    @Test func createdNodeClaimLineMatchesTheSeed() throws {
        let seed = #"{"level":"INFO","time":"2024-08-07T19:23:07.100Z","logger":"controller","message":"created nodeclaim","commit":"490ef94","controller":"provisioner","NodePool":{"name":"default"},"NodeClaim":{"name":"default-gqq5d"},"requests":{"cpu":"430m","memory":"870Mi","pods":"8"},"instance-types":"t3.medium"}"#
        logger().with("controller", "provisioner").with([
            "NodePool": .object(name: "default"),
            "NodeClaim": .object(name: "default-gqq5d"),
            "requests": .resources(["cpu": "430m", "memory": "870Mi", "pods": "8"]),
            "instance-types": "t3.medium",
        ]).info("created nodeclaim")
        let line = try #require(sink.lines.first)
        #expect(line == seed + "\n")
        #expect(try keys(of: line) == keys(of: seed))
    }

    @Test func numbersStayNumbers() throws {
        logger().with("controller", "provisioner").with(["nodeclaims": .int(1), "pods": .int(3)])
            .info("computed new nodeclaim(s) to fit pod(s)")
        #expect(sink.lines.first?.hasSuffix(#""controller":"provisioner","nodeclaims":1,"pods":3}"# + "\n") == true)
    }

    @Test func everyLineParsesAndStartsWithTheFixedKeys() throws {
        let log = logger(level: .debug).with("controller", "nodeclaim.lifecycle")
        log.debug("marking consolidatable", metadata: ["reason": "empty"])
        log.info("text with \"quotes\", a \\ backslash,\na newline, a tab\t, a bell \u{07} and ünïcödé")
        log.error("failed launching nodeclaim", metadata: ["zeta": "z", "alpha": "a"])
        #expect(sink.lines.count == 3)
        for line in sink.lines {
            #expect(line.hasSuffix("\n"))
            #expect(!line.dropLast().contains("\n"))
            let keys = try keys(of: line)
            #expect(Array(keys.prefix(3)) == ["level", "time", "logger"])
            #expect(keys.contains("message") && keys.contains("commit"))
        }
        #expect(try keys(of: sink.lines[0]) == ["level", "time", "logger", "caller", "message", "commit", "controller", "reason"])
        #expect(try keys(of: sink.lines[2]).suffix(2) == ["alpha", "zeta"])
        let object = try JSONSerialization.jsonObject(with: Data(sink.lines[1].utf8)) as? [String: Any]
        #expect((object?["message"] as? String)?.contains("ünïcödé\u{07}") == false)
        #expect((object?["message"] as? String)?.contains("a bell \u{07} and ünïcödé") == true)
    }

    @Test(arguments: [
        (LogLevel.debug, ["DEBUG", "INFO", "ERROR"]),
        (LogLevel.info, ["INFO", "ERROR"]),
        (LogLevel.error, ["ERROR"]),
    ])
    func levelThresholds(level: LogLevel, expected: [String]) throws {
        let log = logger(level: level.threshold)
        log.debug("d")
        log.info("i")
        log.error("e")
        let levels = try sink.lines.map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["level"] as? String ?? ""
        }
        #expect(levels == expected)
    }

    @Test func timeIsUTCWithMilliseconds() throws {
        clock.advance(by: 0.0049)
        logger().info("tick")
        #expect(sink.lines.first?.contains(#""time":"2024-08-07T19:23:07.104Z""#) == true)
    }

    @Test func secretsCannotReachTheLog() throws {
        let secret = Secret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        logger().with("credentials", .stringConvertible(secret))
            .info("loaded \(secret) and \(String(describing: secret)) and \(String(reflecting: secret))", metadata: ["token": "\(secret)"])
        var dumped = ""
        dump(secret, to: &dumped)
        logger().info("\(dumped)")
        for line in sink.lines {
            #expect(!line.contains("wJalrXUtnFEMI"))
            #expect(line.contains("<redacted>"))
        }
        #expect(secret.reveal().hasPrefix("wJalr"))
    }

    @Test func replacingAFieldKeepsItsPosition() throws {
        var log = logger().with(["controller": "a", "NodeClaim": .object(name: "x")])
        log[metadataKey: "controller"] = "b"
        log[metadataKey: "NodeClaim"] = nil
        log.info("m")
        #expect(sink.lines.first?.hasSuffix(#""commit":"490ef94","controller":"b"}"# + "\n") == true)
    }

    @Test func fileSinkWritesEveryLineInOrder() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sink-\(UUID().uuidString).log").path
        let descriptor = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        #expect(descriptor >= 0)
        defer { close(descriptor); unlink(path) }
        let fileSink = FileLogSink(descriptor: descriptor)
        for index in 0..<1000 { fileSink.write("line \(index)\n") }
        fileSink.flush()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").map(String.init) == (0..<1000).map { "line \($0)" })
    }

    @Test func fileSinkDropsAndReportsWhenFull() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sink-\(UUID().uuidString).log").path
        let descriptor = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        defer { close(descriptor); unlink(path) }
        let fileSink = FileLogSink(descriptor: descriptor, capacity: 10)
        fileSink.write("0123456789ABCDEF\n")
        fileSink.flush()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(#""message":"dropped log lines because the output was not keeping up","count":1"#))
    }
}
