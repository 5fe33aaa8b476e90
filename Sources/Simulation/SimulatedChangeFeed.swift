import KubeClient
import KubeModel

/// A watch read synchronously, for a driver that steps its components in a fixed order on one task
/// (`karpenter simulate`): between steps it takes every change the cluster published since the last
/// read, oldest first, without awaiting. It starts at the cluster's current version (no replay) and
/// sees exactly what a ``SimulatedCluster/watch(_:namespace:options:)`` would; the watcher is removed
/// when the feed is released.
package final class SimulatedChangeFeed<Object: KubeResource>: Sendable {
    private let channel: SimulatedWatchChannel
    private let lease: WatchLease

    init(channel: SimulatedWatchChannel, lease: WatchLease) {
        self.channel = channel
        self.lease = lease
    }

    /// The events published since the last call, oldest first (empty when nothing changed).
    package func drain() throws -> [WatchEvent<Object>] {
        try channel.drain().map { entry in
            switch entry.type {
            case "ADDED": .added(try lease.cluster.decodeStored(Object.self, entry.object))
            case "MODIFIED": .modified(try lease.cluster.decodeStored(Object.self, entry.object))
            case "DELETED": .deleted(try lease.cluster.decodeStored(Object.self, entry.object))
            default: .error(try entry.object.decode(Status.self))
            }
        }
    }
}

extension SimulatedCluster {
    /// A feed of every later change to objects of `type` (in `namespace` when given).
    package func changeFeed<Object: KubeResource>(_ type: Object.Type, namespace: String? = nil) -> SimulatedChangeFeed<Object> {
        let channel = SimulatedWatchChannel()
        let watcher = Watcher(kind: Kind(Object.resourceType), namespace: namespace, labels: nil, fields: nil, channel: channel)
        let id = state.withLock { state in
            let id = state.nextWatcherID
            state.nextWatcherID += 1
            state.watchers[id] = watcher
            return id
        }
        return SimulatedChangeFeed(channel: channel, lease: WatchLease(cluster: self, id: id))
    }
}
