import AWSClient
import Testing

@Suite struct AWSErrorTests {
    @Test func throttlingAndAuthClassification() {
        #expect(AWSError(code: "RequestLimitExceeded", message: "", service: "ec2").isThrottling)
        #expect(AWSError(code: "Other", message: "", status: 429, service: "eks").isThrottling)
        #expect(!AWSError(code: "InvalidParameterValue", message: "", status: 400, service: "ec2").isThrottling)
        #expect(AWSError(code: "SignatureDoesNotMatch", message: "", status: 403, service: "sts").isAuthFailure)
    }

    @Test func descriptionNamesServiceCodeAndRequestID() {
        let error = AWSError(code: "AuthFailure", message: "AWS was not able to validate the provided access credentials", requestID: "abc-123", status: 401, service: "ec2")
        #expect(error.description == "ec2: AuthFailure: AWS was not able to validate the provided access credentials (HTTP 401) (request ID abc-123)")
    }
}
