import CCurl
import Foundation
import HTTPCore

/// One easy handle and everything that must outlive it (header list, error buffer, request body),
/// plus where its response goes. Only the event thread touches a transfer after it is submitted,
/// except for the thread-safe ``CurlLineBuffer`` of a streamed response.
final class CurlTransfer: @unchecked Sendable {
    /// Where the response goes.
    enum Sink {
        /// Collect the whole body, then resume the caller.
        case buffered(CheckedContinuation<HTTPResponse, any Error>)
        /// Hand lines to a consumer as they arrive.
        case streaming(CurlLineBuffer)
    }

    /// Identifies the transfer for cancellation and unpausing.
    let id: UInt64
    /// The easy handle; owned, cleaned up in `deinit`.
    let easy: UnsafeMutableRawPointer
    /// Host name for error messages (never the URL's query, which could carry data).
    let host: String
    private(set) var sink: Sink?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private(set) var responseHeaders: [HTTPHeader] = []
    private var body = Data()
    private var headPublished = false

    /// Configures an easy handle for `request` with `settings` and `token`; throws on invalid options.
    init(id: UInt64, request: HTTPRequest, settings: HTTPConnectionSettings, token: String?, sink: Sink) throws(TransportError) {
        guard let easy = curl_easy_init() else { throw TransportError.other(detail: "curl_easy_init failed") }
        self.id = id
        self.easy = easy
        self.host = request.url.host ?? "unknown host"
        self.sink = sink
        errorBuffer = .allocate(capacity: Int(kcurl_error_size))
        errorBuffer.initialize(repeating: 0, count: Int(kcurl_error_size))
        try configure(request: request, settings: settings, token: token)
    }

    deinit {
        curl_easy_cleanup(easy)
        if let headerList { curl_slist_free_all(headerList) }
        errorBuffer.deallocate()
    }

    private func check(_ code: CURLcode, _ what: String) throws(TransportError) {
        guard code == CURLE_OK else {
            throw TransportError.other(detail: "setting \(what) failed: \(String(cString: curl_easy_strerror(code)))")
        }
    }

    private func configure(request: HTTPRequest, settings: HTTPConnectionSettings, token: String?) throws(TransportError) {
        try check(kcurl_setopt_str(easy, CURLOPT_URL, request.url.absoluteString), "URL")
        try check(kcurl_setopt_long(easy, CURLOPT_NOSIGNAL, 1), "NOSIGNAL")
        try check(kcurl_setopt_ptr(easy, CURLOPT_ERRORBUFFER, errorBuffer), "ERRORBUFFER")
        try check(kcurl_setopt_str(easy, CURLOPT_ACCEPT_ENCODING, ""), "ACCEPT_ENCODING")
        try check(kcurl_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1), "TCP_KEEPALIVE")
        try check(kcurl_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(settings.connectTimeout)), "CONNECTTIMEOUT")
        if let timeout = request.timeout {
            try check(kcurl_setopt_long(easy, CURLOPT_TIMEOUT_MS, max(1, Self.milliseconds(timeout))), "TIMEOUT")
        }
        try configureTLS(settings)
        try configureMethodAndBody(request)

        var list: UnsafeMutablePointer<curl_slist>?
        var headers = request.headers
        if let token, request.header("Authorization") == nil {
            headers.append(HTTPHeader(name: "Authorization", value: "Bearer \(token)"))
        }
        // curl would otherwise send `Expect: 100-continue` for larger bodies and wait for the answer.
        headers.append(HTTPHeader(name: "Expect", value: ""))
        for header in headers {
            let line = header.value.isEmpty ? "\(header.name):" : "\(header.name): \(header.value)"
            guard let appended = curl_slist_append(list, line) else {
                if let list { curl_slist_free_all(list) }
                throw TransportError.other(detail: "cannot build request headers")
            }
            list = appended
        }
        headerList = list
        try check(kcurl_setopt_ptr(easy, CURLOPT_HTTPHEADER, list), "HTTPHEADER")

        let context = Unmanaged.passUnretained(self).toOpaque()
        try check(kcurl_setopt_ptr(easy, CURLOPT_HEADERDATA, context), "HEADERDATA")
        try check(kcurl_setopt_header(easy, CURLOPT_HEADERFUNCTION, curlHeaderCallback), "HEADERFUNCTION")
        try check(kcurl_setopt_ptr(easy, CURLOPT_WRITEDATA, context), "WRITEDATA")
        try check(kcurl_setopt_write(easy, CURLOPT_WRITEFUNCTION, curlWriteCallback), "WRITEFUNCTION")
    }

    private func configureTLS(_ settings: HTTPConnectionSettings) throws(TransportError) {
        if settings.insecureSkipTLSVerify {
            try check(kcurl_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 0), "SSL_VERIFYPEER")
            try check(kcurl_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 0), "SSL_VERIFYHOST")
        }
        switch settings.certificateAuthority {
        case let .file(path)?: try check(kcurl_setopt_str(easy, CURLOPT_CAINFO, path), "CAINFO")
        case let .data(pem)?: try setBlob(CURLOPT_CAINFO_BLOB, pem, "CAINFO_BLOB")
        case nil: break
        }
        switch settings.clientCertificate {
        case let .file(path)?: try check(kcurl_setopt_str(easy, CURLOPT_SSLCERT, path), "SSLCERT")
        case let .data(pem)?: try setBlob(CURLOPT_SSLCERT_BLOB, pem, "SSLCERT_BLOB")
        case nil: break
        }
        switch settings.clientKey {
        case let .file(path)?: try check(kcurl_setopt_str(easy, CURLOPT_SSLKEY, path), "SSLKEY")
        case let .data(pem)?: try setBlob(CURLOPT_SSLKEY_BLOB, pem, "SSLKEY_BLOB")
        case nil: break
        }
        if settings.clientCertificate != nil {
            try check(kcurl_setopt_str(easy, CURLOPT_SSLCERTTYPE, "PEM"), "SSLCERTTYPE")
        }
    }

    private func setBlob(_ option: CURLoption, _ data: Data, _ what: String) throws(TransportError) {
        let code = data.withUnsafeBytes { kcurl_setopt_blob(easy, option, $0.baseAddress, $0.count) }
        try check(code, what)
    }

    private func configureMethodAndBody(_ request: HTTPRequest) throws(TransportError) {
        let method = request.method.uppercased()
        if method == "GET", request.body.isEmpty {
            try check(kcurl_setopt_long(easy, CURLOPT_HTTPGET, 1), "HTTPGET")
            return
        }
        if method == "HEAD" {
            try check(kcurl_setopt_long(easy, CURLOPT_NOBODY, 1), "NOBODY")
            return
        }
        // COPYPOSTFIELDS copies the bytes, so the request body need not outlive this call.
        try check(kcurl_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)), "POSTFIELDSIZE")
        let code = request.body.withUnsafeBytes { bytes in
            kcurl_setopt_ptr(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(errorBuffer)))
        }
        try check(code, "COPYPOSTFIELDS")
        if method != "POST" { try check(kcurl_setopt_str(easy, CURLOPT_CUSTOMREQUEST, method), "CUSTOMREQUEST") }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1_000 + Int(attoseconds / 1_000_000_000_000_000)
    }

    // MARK: event-thread callbacks

    fileprivate func receiveHeader(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            // End of a header block: a final (non-1xx) status means the body follows, so a stream's
            // consumer can start now, before the first body byte (a quiet watch may send none for minutes).
            if case let .streaming(buffer)? = sink, !headPublished, statusCode >= 200 {
                headPublished = true
                buffer.publishHead(status: statusCode, headers: responseHeaders)
            }
        } else if trimmed.hasPrefix("HTTP/") {
            responseHeaders = []
        } else if let colon = trimmed.firstIndex(of: ":") {
            let name = String(trimmed[..<colon])
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            responseHeaders.append(HTTPHeader(name: name, value: value))
        }
    }

    fileprivate func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        switch sink {
        case .buffered?:
            body.append(contentsOf: bytes)
            return true
        case let .streaming(buffer)?:
            if !headPublished {
                headPublished = true
                buffer.publishHead(status: statusCode, headers: responseHeaders)
            }
            return buffer.offer(bytes)
        case nil:
            return true
        }
    }

    /// The response status as curl saw it (0 when no response arrived).
    var statusCode: Int {
        var code = 0
        _ = kcurl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    /// Delivers the outcome exactly once: `code` is the transfer's result, `cancelled` overrides it.
    func complete(code: CURLcode, cancelled: TransportError? = nil) {
        guard let sink else { return }
        self.sink = nil
        let failure = cancelled ?? (code == CURLE_OK ? nil : transportError(for: code))
        switch sink {
        case let .buffered(continuation):
            if let failure {
                continuation.resume(throwing: failure)
            } else {
                continuation.resume(returning: HTTPResponse(status: statusCode, headers: responseHeaders, body: body))
            }
        case let .streaming(buffer):
            buffer.finish(status: statusCode, headers: responseHeaders, failure: failure)
        }
    }

    private func transportError(for code: CURLcode) -> TransportError {
        let detail = errorBuffer[0] != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(host: host)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_SEND_ERROR, CURLE_RECV_ERROR,
             CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
            return .connectionFailed(host: host, detail: detail)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ISSUER_ERROR,
             CURLE_SSL_CRL_BADFILE, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            return .tls(host: host, detail: detail)
        default:
            return .other(detail: "\(detail) (curl \(code.rawValue), host \(host))")
        }
    }
}

/// Recovers the transfer from a callback's context pointer (unretained: the event loop owns it).
private func transfer(from context: UnsafeMutableRawPointer?) -> CurlTransfer? {
    context.map { Unmanaged<CurlTransfer>.fromOpaque($0).takeUnretainedValue() }
}

private let curlHeaderCallback: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    buffer, size, count, context in
    let length = size * count
    guard let buffer, let transfer = transfer(from: context) else { return length }
    let bytes = UnsafeRawBufferPointer(start: buffer, count: length)
    transfer.receiveHeader(String(decoding: bytes, as: UTF8.self))
    return length
}

private let curlWriteCallback: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    buffer, size, count, context in
    let length = size * count
    guard let buffer, let transfer = transfer(from: context) else { return length }
    let accepted = transfer.receiveBody(UnsafeRawBufferPointer(start: buffer, count: length))
    return accepted ? length : kcurl_writefunc_pause
}
