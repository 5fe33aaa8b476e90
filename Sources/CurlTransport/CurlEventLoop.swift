import CCurl
import Foundation
import HTTPCore
import Synchronization

/// One dedicated thread driving a curl multi handle. Transfers are submitted, cancelled and unpaused
/// through a locked inbox and a `curl_multi_wakeup`, so the thread reacts within milliseconds; it never
/// runs on the Swift cooperative pool. Connections are cached by the multi handle and reused.
///
/// Invariant: only the event thread touches the multi handle (except `curl_multi_wakeup`, which is
/// called under the inbox lock so it cannot race the handle's cleanup).
final class CurlEventLoop: @unchecked Sendable {
    private struct Inbox {
        var added: [CurlTransfer] = []
        var cancelled: [UInt64: TransportError] = [:]
        var unpaused: Set<UInt64> = []
        var stopping = false
        var stopped = false
    }

    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    private let nextID = Atomic<UInt64>(1)
    /// Event-thread state: live transfers by easy handle and by ID.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    private var byID: [UInt64: CurlTransfer] = [:]

    /// Creates the multi handle and starts the event thread.
    init() throws(TransportError) {
        Self.ignoreSIGPIPE
        guard let multi = curl_multi_init() else { throw TransportError.other(detail: "curl_multi_init failed") }
        self.multi = multi
        let thread = Thread { [self] in run() }
        thread.name = "curl-event-loop"
        thread.start()
    }

    /// libcurl runs with `CURLOPT_NOSIGNAL`, so a peer closing a socket must not kill the process.
    private static let ignoreSIGPIPE: Void = {
        signal(SIGPIPE, SIG_IGN)
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
    }()

    /// A fresh transfer ID.
    func makeID() -> UInt64 { nextID.wrappingAdd(1, ordering: .relaxed).oldValue }

    /// Hands a configured transfer to the event thread.
    func submit(_ transfer: CurlTransfer) {
        let rejected = inbox.withLock { inbox -> Bool in
            if inbox.stopping { return true }
            inbox.added.append(transfer)
            curl_multi_wakeup(multi)
            return false
        }
        if rejected { transfer.complete(code: CURLE_OK, cancelled: .other(detail: "transport shut down")) }
    }

    /// Aborts transfer `id` if it is still running; its caller sees `error`.
    func cancel(_ id: UInt64, error: TransportError = .cancelled) {
        inbox.withLock { inbox in
            guard !inbox.stopped else { return }
            inbox.cancelled[id] = error
            curl_multi_wakeup(multi)
        }
    }

    /// Resumes a paused streaming transfer.
    func unpause(_ id: UInt64) {
        inbox.withLock { inbox in
            guard !inbox.stopped else { return }
            inbox.unpaused.insert(id)
            curl_multi_wakeup(multi)
        }
    }

    /// Stops the thread; running transfers fail with `.cancelled`.
    func shutdown() {
        inbox.withLock { inbox in
            guard !inbox.stopping else { return }
            inbox.stopping = true
            curl_multi_wakeup(multi)
        }
    }

    private func run() {
        while true {
            let work = inbox.withLock { inbox -> Inbox in
                let snapshot = inbox
                inbox.added = []
                inbox.cancelled = [:]
                inbox.unpaused = []
                return snapshot
            }
            for transfer in work.added { start(transfer) }
            for (id, error) in work.cancelled { abort(id, error: error) }
            for id in work.unpaused { if let transfer = byID[id] { curl_easy_pause(transfer.easy, kcurl_pause_cont) } }
            if work.stopping {
                for id in Array(byID.keys) { abort(id, error: .cancelled) }
                inbox.withLock { inbox in
                    inbox.stopped = true
                    curl_multi_cleanup(multi)
                }
                return
            }
            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            drainFinished()
            var ready: Int32 = 0
            _ = curl_multi_poll(multi, nil, 0, 1_000, &ready)
        }
    }

    private func start(_ transfer: CurlTransfer) {
        let code = curl_multi_add_handle(multi, transfer.easy)
        guard code == CURLM_OK else {
            transfer.complete(code: CURLE_OK, cancelled: .other(detail: "curl_multi_add_handle failed (\(code.rawValue))"))
            return
        }
        active[transfer.easy] = transfer
        byID[transfer.id] = transfer
    }

    private func abort(_ id: UInt64, error: TransportError) {
        guard let transfer = byID.removeValue(forKey: id) else { return }
        active[transfer.easy] = nil
        curl_multi_remove_handle(multi, transfer.easy)
        transfer.complete(code: CURLE_OK, cancelled: error)
    }

    private func drainFinished() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let code = message.pointee.data.result
            curl_multi_remove_handle(multi, easy)
            guard let transfer = active.removeValue(forKey: easy) else { continue }
            byID[transfer.id] = nil
            transfer.complete(code: code)
        }
    }
}
