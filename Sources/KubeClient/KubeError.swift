import Foundation
import HTTPCore
import KubeModel

/// Why a Kubernetes API call failed, decoded from the server's `Status` (or from the HTTP code when the
/// body is not a Status). Messages name the verb and object, never a credential.
package enum KubeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 400: the request was malformed.
    case badRequest(String)
    /// 401: no or invalid credentials.
    case unauthorized(String)
    /// 403: authenticated but not allowed (RBAC).
    case forbidden(String)
    /// 404: the object (or kind) does not exist.
    case notFound(String)
    /// 405: the verb is not supported here.
    case methodNotAllowed(String)
    /// 409 AlreadyExists: a create collided with an existing name.
    case alreadyExists(String)
    /// 409 Conflict: the write was based on a stale resourceVersion (or a precondition failed).
    case conflict(String)
    /// 410 Gone / Expired: the requested resourceVersion is no longer available; relist.
    case gone(String)
    /// 422: validation failed; `causes` name the fields.
    case invalid(String, causes: [StatusCause])
    /// 429: throttled, or an eviction forbidden by a disruption budget.
    case tooManyRequests(String, retryAfterSeconds: Int?)
    /// 5xx: the server failed.
    case server(code: Int, message: String)
    /// Any other status.
    case unexpected(code: Int, message: String)
    /// The response could not be decoded as the expected kind.
    case decoding(String)
    /// No response was exchanged.
    case transport(TransportError)

    /// Builds the error for HTTP `code` and the server's Status, prefixing `context` (verb and object).
    package init(code: Int, status: Status?, context: String) {
        let message = "\(context): \(status?.message ?? "HTTP \(code)")"
        switch (code, status?.reason) {
        case (409, "AlreadyExists"?): self = .alreadyExists(message)
        case (409, _): self = .conflict(message)
        case (410, _), (_, "Expired"?), (_, "Gone"?): self = .gone(message)
        case (400, _): self = .badRequest(message)
        case (401, _): self = .unauthorized(message)
        case (403, _): self = .forbidden(message)
        case (404, _): self = .notFound(message)
        case (405, _): self = .methodNotAllowed(message)
        case (422, _): self = .invalid(message, causes: status?.details?.causes ?? [])
        case (429, _): self = .tooManyRequests(message, retryAfterSeconds: status?.details?.retryAfterSeconds)
        case (500..<600, _): self = .server(code: code, message: message)
        default: self = .unexpected(code: code, message: message)
        }
    }

    /// The HTTP status this error corresponds to (0 for decoding/transport failures).
    package var code: Int {
        switch self {
        case .badRequest: 400
        case .unauthorized: 401
        case .forbidden: 403
        case .notFound: 404
        case .methodNotAllowed: 405
        case .alreadyExists, .conflict: 409
        case .gone: 410
        case .invalid: 422
        case .tooManyRequests: 429
        case let .server(code, _), let .unexpected(code, _): code
        case .decoding, .transport: 0
        }
    }

    /// A Status carrying this error, as the API server would send it (used by the simulated cluster).
    package var status: Status {
        let reason: String = switch self {
        case .badRequest: "BadRequest"
        case .unauthorized: "Unauthorized"
        case .forbidden: "Forbidden"
        case .notFound: "NotFound"
        case .methodNotAllowed: "MethodNotAllowed"
        case .alreadyExists: "AlreadyExists"
        case .conflict: "Conflict"
        case .gone: "Expired"
        case .invalid: "Invalid"
        case .tooManyRequests: "TooManyRequests"
        case .server: "InternalError"
        case .unexpected, .decoding, .transport: "Unknown"
        }
        return Status(message: description, reason: reason, code: code)
    }

    /// Verb, object and the server's message.
    package var description: String {
        switch self {
        case let .badRequest(message), let .unauthorized(message), let .forbidden(message), let .notFound(message),
             let .methodNotAllowed(message), let .alreadyExists(message), let .conflict(message), let .gone(message),
             let .decoding(message):
            message
        case let .invalid(message, causes):
            causes.isEmpty ? message : message + " (" + causes.map { "\($0.field ?? "?"): \($0.message ?? "")" }.joined(separator: "; ") + ")"
        case let .tooManyRequests(message, _): message
        case let .server(_, message), let .unexpected(_, message): message
        case let .transport(error): error.description
        }
    }
}
