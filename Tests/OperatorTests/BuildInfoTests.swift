import Operator
import Testing

@Suite struct BuildInfoTests {
    @Test func versionIsSemantic() {
        let parts = BuildInfo.current.version.split(separator: ".")
        #expect(parts.count == 3)
        #expect(parts.allSatisfy { Int($0) != nil })
    }
}
