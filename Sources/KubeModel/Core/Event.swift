/// `core/v1 Event`: what `kubectl describe` shows (`Nominated`, `FailedScheduling`, ...).
package struct Event: KubeResource, Hashable {
    package static let resourceType = ResourceType(group: "", version: "v1", kind: "Event", plural: "events", namespaced: true)

    /// `v1`.
    package var apiVersion: String? = "v1"
    /// `Event`.
    package var kind: String? = "Event"
    /// Metadata.
    package var metadata: ObjectMeta
    /// The object the event is about.
    package var involvedObject: ObjectReference
    /// Machine-readable reason, e.g. `Nominated`.
    package var reason: String?
    /// Human-readable message.
    package var message: String?
    /// `Normal` or `Warning`.
    package var type: String?
    /// Occurrences aggregated into this event.
    package var count: Int32?
    /// First occurrence.
    package var firstTimestamp: KubeTime?
    /// Latest occurrence.
    package var lastTimestamp: KubeTime?
    /// Reporting component.
    package var source: EventSource?
    /// Reporting controller (events.k8s.io style).
    package var reportingComponent: String?
    /// Reporting instance.
    package var reportingInstance: String?

    /// Creates an event.
    package init(metadata: ObjectMeta, involvedObject: ObjectReference, reason: String? = nil, message: String? = nil, type: String? = nil, count: Int32? = nil, firstTimestamp: KubeTime? = nil, lastTimestamp: KubeTime? = nil, source: EventSource? = nil, reportingComponent: String? = nil, reportingInstance: String? = nil) {
        self.metadata = metadata
        self.involvedObject = involvedObject
        self.reason = reason
        self.message = message
        self.type = type
        self.count = count
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.source = source
        self.reportingComponent = reportingComponent
        self.reportingInstance = reportingInstance
    }
}

/// `core/v1 ObjectReference`.
package struct ObjectReference: Codable, Sendable, Hashable {
    /// Referenced kind.
    package var kind: String?
    /// Referenced namespace.
    package var namespace: String?
    /// Referenced name.
    package var name: String?
    /// Referenced UID.
    package var uid: String?
    /// Referenced apiVersion.
    package var apiVersion: String?
    /// Referenced resourceVersion.
    package var resourceVersion: String?

    /// Creates a reference.
    package init(kind: String? = nil, namespace: String? = nil, name: String? = nil, uid: String? = nil, apiVersion: String? = nil, resourceVersion: String? = nil) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.apiVersion = apiVersion
        self.resourceVersion = resourceVersion
    }
}

/// `core/v1 EventSource`.
package struct EventSource: Codable, Sendable, Hashable {
    /// Component name, e.g. `karpenter`.
    package var component: String?
    /// Host name.
    package var host: String?

    /// Creates a source.
    package init(component: String? = nil, host: String? = nil) {
        self.component = component
        self.host = host
    }
}
