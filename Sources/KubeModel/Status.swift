/// `metav1.Status`: what the API server returns for errors (and some deletes). The `reason` and
/// `code` drive client behaviour: 409 Conflict → requeue, 410 Gone/Expired → relist, 429 → retry.
package struct Status: Codable, Sendable, Hashable {
    /// Always `v1`.
    package var apiVersion: String?
    /// Always `Status`.
    package var kind: String?
    /// `Success` or `Failure`.
    package var status: String?
    /// Human-readable explanation.
    package var message: String?
    /// Machine-readable reason, e.g. `Conflict`, `NotFound`, `Expired`, `TooManyRequests`.
    package var reason: String?
    /// Extra detail about the object concerned.
    package var details: StatusDetails?
    /// HTTP status code.
    package var code: Int?

    /// Creates a status.
    package init(status: String? = "Failure", message: String? = nil, reason: String? = nil, details: StatusDetails? = nil, code: Int? = nil) {
        self.apiVersion = "v1"
        self.kind = "Status"
        self.status = status
        self.message = message
        self.reason = reason
        self.details = details
        self.code = code
    }
}

/// `metav1.StatusDetails`: the object a Status is about and field-level causes.
package struct StatusDetails: Codable, Sendable, Hashable {
    /// Object name.
    package var name: String?
    /// API group.
    package var group: String?
    /// Kind or resource.
    package var kind: String?
    /// Object UID.
    package var uid: String?
    /// Field-level causes (validation errors).
    package var causes: [StatusCause]?
    /// Seconds the client should wait before retrying.
    package var retryAfterSeconds: Int?

    /// Creates details.
    package init(name: String? = nil, group: String? = nil, kind: String? = nil, uid: String? = nil, causes: [StatusCause]? = nil, retryAfterSeconds: Int? = nil) {
        self.name = name
        self.group = group
        self.kind = kind
        self.uid = uid
        self.causes = causes
        self.retryAfterSeconds = retryAfterSeconds
    }
}

/// `metav1.StatusCause`: one reason a request failed, usually naming a field.
package struct StatusCause: Codable, Sendable, Hashable {
    /// Cause type, e.g. `FieldValueInvalid`.
    package var reason: String?
    /// Explanation.
    package var message: String?
    /// Field path, e.g. `spec.template.spec.requirements[0].operator`.
    package var field: String?

    /// Creates a cause.
    package init(reason: String? = nil, message: String? = nil, field: String? = nil) {
        self.reason = reason
        self.message = message
        self.field = field
    }
}
