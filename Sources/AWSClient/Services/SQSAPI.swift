/// The SQS calls of the interruption controller.
package protocol SQSAPI: Sendable {
    /// The URL of queue `name`.
    func getQueueURL(name: String) async throws -> String
    /// Long-polls up to `maxMessages` messages.
    func receiveMessages(queueURL: String, maxMessages: Int, waitSeconds: Int) async throws -> [SQSMessage]
    /// Deletes a handled message.
    func deleteMessage(queueURL: String, receiptHandle: String) async throws
}

/// One queue message.
package struct SQSMessage: Sendable, Equatable, Codable {
    /// Message ID.
    package var messageID: String
    /// Handle for DeleteMessage.
    package var receiptHandle: String
    /// Body (an EventBridge event for interruption).
    package var body: String

    private enum CodingKeys: String, CodingKey { case messageID = "MessageId", receiptHandle = "ReceiptHandle", body = "Body" }

    /// Creates a message.
    package init(messageID: String, receiptHandle: String, body: String) {
        self.messageID = messageID
        self.receiptHandle = receiptHandle
        self.body = body
    }
}

/// SQS over JSON 1.0 (`AmazonSQS.*` targets).
package struct SQSClient: SQSAPI {
    private let json: JSONRPCClient

    /// Creates the client.
    package init(configuration: AWSClientConfiguration) throws {
        json = JSONRPCClient(client: try AWSServiceClient(service: .sqs, configuration: configuration),
                             targetPrefix: "AmazonSQS", jsonVersion: "1.0")
    }

    private struct QueueNameInput: Encodable { let QueueName: String }
    private struct QueueURLOutput: Decodable { let QueueUrl: String }
    private struct ReceiveInput: Encodable {
        let QueueUrl: String
        let MaxNumberOfMessages: Int
        let WaitTimeSeconds: Int
    }
    private struct ReceiveOutput: Decodable { let Messages: [SQSMessage]? }
    private struct DeleteInput: Encodable {
        let QueueUrl: String
        let ReceiptHandle: String
    }
    private struct Empty: Decodable {}

    /// GetQueueUrl.
    package func getQueueURL(name: String) async throws -> String {
        try await json.call("GetQueueUrl", QueueNameInput(QueueName: name), as: QueueURLOutput.self, idempotency: .idempotent).QueueUrl
    }

    /// ReceiveMessage; a repeat only changes which messages are in flight, so it is retried.
    package func receiveMessages(queueURL: String, maxMessages: Int, waitSeconds: Int) async throws -> [SQSMessage] {
        let input = ReceiveInput(QueueUrl: queueURL, MaxNumberOfMessages: maxMessages, WaitTimeSeconds: waitSeconds)
        return try await json.call("ReceiveMessage", input, as: ReceiveOutput.self, idempotency: .idempotent).Messages ?? []
    }

    /// DeleteMessage (deleting twice is harmless).
    package func deleteMessage(queueURL: String, receiptHandle: String) async throws {
        _ = try await json.call("DeleteMessage", DeleteInput(QueueUrl: queueURL, ReceiptHandle: receiptHandle),
                                as: Empty.self, idempotency: .idempotent)
    }
}
