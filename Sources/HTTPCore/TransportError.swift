/// Why an HTTP exchange produced no response. Messages never include request headers or bodies,
/// so credentials carried in them cannot leak through an error.
package enum TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The host could not be resolved or connected to.
    case connectionFailed(host: String, detail: String)
    /// TLS negotiation or certificate verification failed.
    case tls(host: String, detail: String)
    /// The request did not complete within its deadline.
    case timedOut(host: String)
    /// The caller cancelled the request.
    case cancelled
    /// Any other transport failure, with the library's own description.
    case other(detail: String)

    /// A one-line description that names the host but never a header value.
    package var description: String {
        switch self {
        case let .connectionFailed(host, detail): "cannot connect to \(host): \(detail)"
        case let .tls(host, detail): "TLS failure talking to \(host): \(detail)"
        case let .timedOut(host): "request to \(host) timed out"
        case .cancelled: "request cancelled"
        case let .other(detail): "transport error: \(detail)"
        }
    }
}
