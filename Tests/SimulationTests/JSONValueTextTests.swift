import Foundation
import KubeModel
import Simulation
import Testing

/// The simulated cluster's own JSON reader and writer agree with Foundation's.
@Suite struct JSONValueTextTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var testDescription: String { name }
    }

    static let cases = [
        Case(name: "scalars", text: #"{"a":null,"b":true,"c":false,"d":-12,"e":0.5,"f":1e-05,"g":"x"}"#),
        Case(name: "nesting", text: #"{"list":[1,[2,{"k":[]}],{}],"empty":"" }"#),
        Case(name: "escapes", text: #"{"s":"quote \" backslash \\ slash \/ tab \t newline \n"}"#),
        Case(name: "unicode", text: #"{"s":"caf\u00e9 \ud83d\ude80 한국어"}"#),
        Case(name: "whitespace", text: " {\n \"a\" : [ 1 , 2 ] \t}\r\n"),
    ]

    @Test(arguments: cases) func parsesLikeFoundation(_ testCase: Case) throws {
        let data = Data(testCase.text.utf8)
        let ours = try JSONValue(parsing: data)
        let foundation = try JSONDecoder().decode(JSONValue.self, from: data)
        #expect(ours == foundation)
        #expect(try JSONValue(parsing: ours.serialized) == ours)
        #expect(try JSONDecoder().decode(JSONValue.self, from: ours.serialized) == ours)
    }

    @Test(arguments: ["", "{", #"{"a":}"#, "[1,]", #""open"#, "tru", "{} x", #"{"a" 1}"#])
    func rejectsBrokenText(_ text: String) {
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue(parsing: Data(text.utf8)) }
    }

    @Test func aKubernetesObjectRoundTrips() throws {
        let pod = Pod(metadata: ObjectMeta(name: "p", namespace: "default", labels: ["app": "web"]),
                      spec: PodSpec(containers: [Container(name: "c", image: "i")]))
        let value = try JSONValue(encoding: pod)
        #expect(try value.decode(Pod.self) == pod)
    }
}
