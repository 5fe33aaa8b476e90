import KubeModel

/// The events of one watch, pulled one at a time (so a slow consumer slows the connection instead of
/// growing a buffer). Ends (`nil`) when the server closes the watch; throws on a broken connection.
/// Dropping the sequence closes the watch.
package struct KubeWatch<Object: KubeResource>: AsyncSequence, Sendable {
    /// One watch event.
    package typealias Element = WatchEvent<Object>

    private let pull: @Sendable () async throws -> WatchEvent<Object>?

    /// Wraps a function returning the next event, or nil when the watch ended.
    package init(pull: @escaping @Sendable () async throws -> WatchEvent<Object>?) { self.pull = pull }

    /// Iterator forwarding to the pull function.
    package struct AsyncIterator: AsyncIteratorProtocol {
        fileprivate let pull: @Sendable () async throws -> WatchEvent<Object>?
        /// The next event, or nil when the watch ended.
        package mutating func next() async throws -> WatchEvent<Object>? { try await pull() }
    }

    /// An iterator over the remaining events (the watch is single-pass).
    package func makeAsyncIterator() -> AsyncIterator { AsyncIterator(pull: pull) }
}
