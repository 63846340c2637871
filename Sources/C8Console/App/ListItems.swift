import C8Client

/// A fabric as the Fabrics list shows it.
public struct FabricItem: ListViewItem, Sendable {
    public let info: FabricInfo
    public var id: String { info.name }
    public var columns: [String] {
        [info.name, info.spotRegion.isEmpty ? info.regions.joined(separator: ",") : "spot \(info.spotRegion)"]
    }
    public var badge: ListBadge? { info.isSystem ? ListBadge("sys", role: .textMuted) : nil }
}

/// A collection as the Collections list shows it: name, count, and a badge
/// for its kind (D document, E edge, KV key/value) and spot/local.
public struct CollectionItem: ListViewItem, Sendable {
    public let info: CollectionInfo
    public var id: String { info.name }
    public var columns: [String] { [info.name, info.count.map { Self.abbreviated($0) } ?? ""] }
    public var badge: ListBadge? {
        var text = switch info.kind {
        case .document: "D"
        case .edge: "E"
        case .keyValue: "KV"
        }
        if info.isSpot { text += " spot" }
        if info.isLocal { text += " local" }
        let role: ThemeRole = info.isSpot ? .badgeSpot : info.isLocal ? .badgeLocal : info.kind == .edge ? .badgeEdge : info.kind == .keyValue ? .badgeKeyValue : .textMuted
        return ListBadge(text, role: role)
    }

    static func abbreviated(_ n: Int) -> String {
        switch n {
        case ..<10_000: String(n)
        case ..<1_000_000: String(format: "%.1fk", Double(n) / 1000)
        default: String(format: "%.1fM", Double(n) / 1_000_000)
        }
    }
}

import Foundation
