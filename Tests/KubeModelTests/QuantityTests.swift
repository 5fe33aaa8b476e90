@testable import KubeModel
import Foundation
import Testing

@Suite struct QuantityTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var input: String
        var canonical: String
        var milli: Int128
        var testDescription: String { "\(input) → \(canonical)" }
    }

    static let canonicalCases: [Case] = [
        Case(input: "0", canonical: "0", milli: 0),
        Case(input: "0Ki", canonical: "0", milli: 0),
        Case(input: "-0", canonical: "0", milli: 0),
        Case(input: "2", canonical: "2", milli: 2000),
        Case(input: "+1", canonical: "1", milli: 1000),
        Case(input: "-1", canonical: "-1", milli: -1000),
        Case(input: "100m", canonical: "100m", milli: 100),
        Case(input: "1930m", canonical: "1930m", milli: 1930),
        Case(input: "1000m", canonical: "1", milli: 1000),
        Case(input: "1500m", canonical: "1500m", milli: 1500),
        Case(input: "0.5", canonical: "500m", milli: 500),
        Case(input: ".5", canonical: "500m", milli: 500),
        Case(input: "1.5", canonical: "1500m", milli: 1500),
        Case(input: "0.1", canonical: "100m", milli: 100),
        Case(input: "1.", canonical: "1", milli: 1000),
        Case(input: "-100m", canonical: "-100m", milli: -100),
        Case(input: "1k", canonical: "1k", milli: 1_000_000),
        Case(input: "1000", canonical: "1k", milli: 1_000_000),
        Case(input: "1500", canonical: "1500", milli: 1_500_000),
        Case(input: "1M", canonical: "1M", milli: 1_000_000_000),
        Case(input: "2000000", canonical: "2M", milli: 2_000_000_000),
        Case(input: "1G", canonical: "1G", milli: 1_000_000_000_000),
        Case(input: "1E", canonical: "1E", milli: 1_000_000_000_000_000_000_000),
        Case(input: "1e3", canonical: "1e3", milli: 1_000_000),
        Case(input: "1E3", canonical: "1e3", milli: 1_000_000),
        Case(input: "129e6", canonical: "129e6", milli: 129_000_000_000),
        Case(input: "12e2", canonical: "1200", milli: 1_200_000),
        Case(input: "1e-3", canonical: "1e-3", milli: 1),
        Case(input: "1e+3", canonical: "1e3", milli: 1_000_000),
        Case(input: "1Ki", canonical: "1Ki", milli: 1_024_000),
        Case(input: "1024", canonical: "1024", milli: 1_024_000),
        Case(input: "1024Ki", canonical: "1Mi", milli: 1_048_576_000),
        Case(input: "1.5Gi", canonical: "1536Mi", milli: 1_610_612_736_000),
        Case(input: "1.5Ki", canonical: "1536", milli: 1_536_000),
        Case(input: "0.5Ki", canonical: "512", milli: 512_000),
        Case(input: "3246Mi", canonical: "3246Mi", milli: 3_403_677_696_000),
        Case(input: "17Gi", canonical: "17Gi", milli: 18_253_611_008_000),
        Case(input: "3388300Ki", canonical: "3388300Ki", milli: 3_469_619_200_000),
        Case(input: "18242267924", canonical: "18242267924", milli: 18_242_267_924_000),
        Case(input: "100Mi", canonical: "100Mi", milli: 104_857_600_000),
        Case(input: "1Ti", canonical: "1Ti", milli: 1_099_511_627_776_000),
        Case(input: "1Ei", canonical: "1Ei", milli: 1_152_921_504_606_846_976_000),
        Case(input: "1n", canonical: "1m", milli: 1),
        Case(input: "1u", canonical: "1m", milli: 1),
        Case(input: "1500u", canonical: "2m", milli: 2),
        Case(input: "-1n", canonical: "-1m", milli: -1),
        Case(input: "0.0001", canonical: "1m", milli: 1),
        Case(input: "007", canonical: "7", milli: 7000),
        Case(input: "1e-20", canonical: "1e-3", milli: 1),
    ]

    @Test(arguments: canonicalCases)
    func parsesAndCanonicalizes(_ c: Case) throws {
        let quantity = try Quantity(parsing: c.input)
        #expect(quantity.milli == c.milli)
        #expect(quantity.description == c.canonical)
    }

    @Test(arguments: canonicalCases)
    func canonicalFormRoundTrips(_ c: Case) throws {
        let once = try Quantity(parsing: c.input)
        let twice = try Quantity(parsing: once.description)
        #expect(twice == once)
        #expect(twice.description == once.description)
    }

    struct BadCase: CustomTestStringConvertible, Sendable {
        var input: String
        var error: QuantityError
        var testDescription: String { "\"\(input)\"" }
    }

    static let badCases: [BadCase] = [
        BadCase(input: "", error: .empty),
        BadCase(input: "1.2.3", error: .malformed("1.2.3")),
        BadCase(input: "10XB", error: .malformed("10XB")),
        BadCase(input: "abc", error: .malformed("abc")),
        BadCase(input: ".", error: .malformed(".")),
        BadCase(input: "Ki", error: .malformed("Ki")),
        BadCase(input: "1 Gi", error: .malformed("1 Gi")),
        BadCase(input: "--1", error: .malformed("--1")),
        BadCase(input: "1e", error: .unknownSuffix(text: "1e", suffix: "e")),
        BadCase(input: "1K", error: .unknownSuffix(text: "1K", suffix: "K")),
        BadCase(input: "1Kib", error: .malformed("1Kib")),
        BadCase(input: "5mi", error: .unknownSuffix(text: "5mi", suffix: "mi")),
        BadCase(input: "1e99999", error: .unknownSuffix(text: "1e99999", suffix: "e99999")),
        BadCase(input: "1e40", error: .outOfRange("1e40")),
        BadCase(input: "99999999999999999999Ei", error: .outOfRange("99999999999999999999Ei")),
    ]

    @Test(arguments: badCases)
    func rejectsGarbage(_ c: BadCase) {
        #expect(throws: c.error) { try Quantity(parsing: c.input) }
    }

    @Test func errorMessagesNameTheInput() {
        #expect(QuantityError.malformed("1.2.3").description.contains("\"1.2.3\""))
        #expect(QuantityError.empty.description.contains("expected a number"))
    }

    @Test func arithmeticKeepsLeftFormat() throws {
        let sum = try Quantity(parsing: "1930m") + Quantity(parsing: "70m")
        #expect(sum.description == "2")
        let memory = try Quantity(parsing: "3Gi") - Quantity(parsing: "1Gi")
        #expect(memory.description == "2Gi")
        #expect((try Quantity(parsing: "100Mi") * 3).description == "300Mi")
    }

    @Test func valueRoundsUpAwayFromZero() throws {
        #expect(try Quantity(parsing: "100m").value == 1)
        #expect(try Quantity(parsing: "-100m").value == -1)
        #expect(try Quantity(parsing: "2").value == 2)
        #expect(try Quantity(parsing: "1E").milliInt64 == nil)
        #expect(try Quantity(parsing: "1Gi").milliInt64 == 1_073_741_824_000)
    }

    @Test func equalityIgnoresFormat() throws {
        #expect(try Quantity(parsing: "1Gi") == Quantity(parsing: "1073741824"))
        #expect(try Quantity(parsing: "1") < Quantity(parsing: "1001m"))
    }

    @Test func decodesStringsAndNumbers() throws {
        struct Holder: Codable { var cpu: Quantity; var memory: Quantity; var pods: Quantity }
        let json = Data(#"{"cpu":1000,"memory":"1.5Gi","pods":0.5}"#.utf8)
        let holder = try JSONDecoder().decode(Holder.self, from: json)
        #expect(holder.cpu.description == "1k")
        #expect(holder.memory.description == "1536Mi")
        #expect(holder.pods.description == "500m")
        let encoded = String(decoding: try JSONEncoder().encode(holder.memory), as: UTF8.self)
        #expect(encoded == #""1536Mi""#)
    }

    @Test func decodingErrorNamesTheText() {
        struct Holder: Codable { var cpu: Quantity }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Holder.self, from: Data(#"{"cpu":"1.2.3"}"#.utf8))
        }
    }
}
