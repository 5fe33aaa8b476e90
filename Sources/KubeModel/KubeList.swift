/// A list response (`PodList`, `NodeList`, ...): the items plus the list's resourceVersion, which a
/// watch starts from, and the `continue` token for the next page.
package struct KubeList<Item: KubeResource>: Codable, Sendable {
    /// `apiVersion` of the list.
    package var apiVersion: String?
    /// `<Kind>List`.
    package var kind: String?
    /// List metadata.
    package var metadata: ListMeta
    /// The objects; the server sends `null` for an empty list, decoded as `[]`.
    package var items: [Item]

    private enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, items }

    /// Creates a list.
    package init(items: [Item], metadata: ListMeta = ListMeta()) {
        self.apiVersion = Item.resourceType.apiVersion
        self.kind = Item.resourceType.kind + "List"
        self.metadata = metadata
        self.items = items
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        metadata = try container.decodeIfPresent(ListMeta.self, forKey: .metadata) ?? ListMeta()
        items = try container.decodeIfPresent([Item].self, forKey: .items) ?? []
    }
}

/// `metav1.ListMeta`.
package struct ListMeta: Codable, Sendable, Hashable {
    /// Version of the collection at the time of the list.
    package var resourceVersion: String?
    /// Token for the next page; absent or empty on the last page.
    package var `continue`: String?
    /// Items left after this page, when the server knows.
    package var remainingItemCount: Int64?

    /// Creates list metadata.
    package init(resourceVersion: String? = nil, continue: String? = nil, remainingItemCount: Int64? = nil) {
        self.resourceVersion = resourceVersion
        self.continue = `continue`
        self.remainingItemCount = remainingItemCount
    }
}
