import KubeModel
import Testing

@Suite struct GoDurationTests {
    @Test(arguments: [
        ("1s", Duration.seconds(1), "1s"), ("500ms", .milliseconds(500), "500ms"),
        ("1m30s", .seconds(90), "1m30s"), ("1.5h", .seconds(5400), "1h30m0s"),
        ("720h", .seconds(2_592_000), "720h0m0s"), ("0", .zero, "0s"), ("10s", .seconds(10), "10s"),
        ("35ms", .milliseconds(35), "35ms"), ("1h0m0s", .seconds(3600), "1h0m0s"), ("-2s", .seconds(-2), "-2s"),
        ("250us", .microseconds(250), "250µs"), ("100ns", .nanoseconds(100), "100ns"),
    ])
    func parsesAndFormatsLikeGo(text: String, duration: Duration, formatted: String) {
        #expect(GoDuration.parse(text) == duration)
        #expect(GoDuration.format(duration) == formatted)
    }

    @Test(arguments: ["", "10", "1x", "s", "1.2.3s", "h1", "1 s", "--1s", "."])
    func rejectsNonDurations(text: String) {
        #expect(GoDuration.parse(text) == nil)
    }
}
