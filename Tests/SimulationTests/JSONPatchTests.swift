import Foundation
import Simulation
import Testing

@Suite struct JSONPatchTests {
    func json(_ text: String) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }

    @Test(arguments: [
        ("replace scalar", #"{"a":"b"}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        ("null deletes", #"{"a":"b","c":1}"#, #"{"a":null}"#, #"{"c":1}"#),
        ("nested merge", #"{"m":{"x":1,"y":2}}"#, #"{"m":{"y":null,"z":3}}"#, #"{"m":{"x":1,"z":3}}"#),
        ("arrays replace", #"{"a":[1,2]}"#, #"{"a":[3]}"#, #"{"a":[3]}"#),
        ("object over scalar", #"{"a":1}"#, #"{"a":{"b":2}}"#, #"{"a":{"b":2}}"#),
    ])
    func mergePatch(_ name: String, _ target: String, _ patch: String, _ expected: String) throws {
        #expect(JSONPatch.merge(try json(target), with: try json(patch)) == (try json(expected)), "\(name)")
    }

    @Test(arguments: [
        ("add member", #"{"a":{}}"#, #"[{"op":"add","path":"/a/b","value":1}]"#, #"{"a":{"b":1}}"#),
        ("append to array", #"{"f":["x"]}"#, #"[{"op":"add","path":"/f/-","value":"y"}]"#, #"{"f":["x","y"]}"#),
        ("insert at index", #"{"f":["x","z"]}"#, #"[{"op":"add","path":"/f/1","value":"y"}]"#, #"{"f":["x","y","z"]}"#),
        ("remove index", #"{"f":["x","y"]}"#, #"[{"op":"remove","path":"/f/0"}]"#, #"{"f":["y"]}"#),
        ("escaped key", #"{"labels":{"karpenter.sh/nodepool":"a"}}"#, #"[{"op":"replace","path":"/labels/karpenter.sh~1nodepool","value":"b"}]"#, #"{"labels":{"karpenter.sh/nodepool":"b"}}"#),
        ("test then move", #"{"a":1,"b":2}"#, #"[{"op":"test","path":"/a","value":1},{"op":"move","from":"/a","path":"/c"}]"#, #"{"b":2,"c":1}"#),
        ("copy", #"{"a":{"x":1}}"#, #"[{"op":"copy","from":"/a","path":"/b"}]"#, #"{"a":{"x":1},"b":{"x":1}}"#),
    ])
    func jsonPatch(_ name: String, _ target: String, _ patch: String, _ expected: String) throws {
        #expect(try JSONPatch.apply(try json(patch), to: try json(target)) == (try json(expected)), "\(name)")
    }

    @Test(arguments: [
        ("failed test", #"[{"op":"test","path":"/a","value":2}]"#),
        ("replace missing", #"[{"op":"replace","path":"/missing","value":2}]"#),
        ("remove missing", #"[{"op":"remove","path":"/missing"}]"#),
        ("index out of range", #"[{"op":"add","path":"/list/5","value":2}]"#),
        ("not an array", #"{"op":"add"}"#),
    ])
    func jsonPatchFailures(_ name: String, _ patch: String) throws {
        #expect(throws: PatchError.self, "\(name)") { try JSONPatch.apply(try json(patch), to: try json(#"{"a":1,"list":[]}"#)) }
    }
}
