import KubeClient
import KubeModel
import Testing

@Suite struct KubeErrorTests {
    @Test(arguments: [
        ("conflict", 409, "Conflict", 409, "Conflict"),
        ("already exists", 409, "AlreadyExists", 409, "AlreadyExists"),
        ("gone", 410, "Gone", 410, "Expired"),
        ("expired inside a 200 watch", 500, "Expired", 410, "Expired"),
        ("not found", 404, "NotFound", 404, "NotFound"),
        ("invalid", 422, "Invalid", 422, "Invalid"),
        ("throttled", 429, "TooManyRequests", 429, "TooManyRequests"),
        ("server", 503, "ServiceUnavailable", 503, "InternalError"),
        ("forbidden", 403, "Forbidden", 403, "Forbidden"),
    ])
    func statusMapping(_ name: String, _ code: Int, _ reason: String, _ expectedCode: Int, _ roundTripReason: String) {
        let error = KubeError(code: code, status: Status(message: "m", reason: reason, code: code), context: "get pods ns/p")
        #expect(error.code == expectedCode, "\(name)")
        #expect(error.status.reason == roundTripReason, "\(name)")
        #expect(error.description.hasPrefix("get pods ns/p: "), "\(name)")
    }

    @Test func missingStatusBodyStillNamesTheCode() {
        let error = KubeError(code: 502, status: nil, context: "list nodes")
        #expect(error == .server(code: 502, message: "list nodes: HTTP 502"))
    }

    @Test func invalidListsFieldCauses() {
        let status = Status(message: "NodePool is invalid", reason: "Invalid", details: StatusDetails(causes: [StatusCause(message: "must be positive", field: "spec.weight")]), code: 422)
        #expect(KubeError(code: 422, status: status, context: "create").description == "create: NodePool is invalid (spec.weight: must be positive)")
    }
}
