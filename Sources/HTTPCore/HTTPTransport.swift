/// Sends HTTP requests. The Kubernetes and AWS clients depend only on this protocol, so unit tests
/// can use a fake and production uses libcurl (`CurlTransport`).
///
/// Implementations must not block the Swift cooperative thread pool while a transfer is in flight.
package protocol HTTPTransport: Sendable {
    /// Performs `request` and returns the whole response. Non-2xx statuses are returned, not thrown;
    /// only failures to exchange a response (DNS, TLS, timeout, cancellation) throw ``TransportError``.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
