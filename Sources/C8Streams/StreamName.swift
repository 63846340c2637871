import C8Core

/// The name of a stream as C8 spells it, with the tenant and fabric it
/// belongs to.
///
/// A global stream `X` is the Pulsar topic `c8globals.X` in namespace
/// `c8global.<fabric>`; a local one is `c8locals.X` in `c8local.<fabric>`;
/// a collection stream is the topic named exactly like its collection, in
/// the local namespace (a collection's changes never leave its region).
public struct StreamName: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case global, local, collection
    }

    public static let globalTopicPrefix = "c8globals."
    public static let localTopicPrefix = "c8locals."
    /// C8's limit on stream names (`POST …/streams/{name}`).
    public static let maximumLength = 230

    public let tenant: String
    public let fabric: String
    public let kind: Kind
    /// The name without its `c8globals.` / `c8locals.` prefix.
    public let name: String

    public init(tenant: String, fabric: String, kind: Kind, name: String) {
        self.tenant = tenant
        self.fabric = fabric
        self.kind = kind
        self.name = name
    }

    /// The Pulsar topic: `c8globals.X`, `c8locals.X`, or the collection name.
    public var topic: String {
        switch kind {
        case .global: Self.globalTopicPrefix + name
        case .local: Self.localTopicPrefix + name
        case .collection: name
        }
    }

    /// `c8global.<fabric>` or `c8local.<fabric>`.
    public var namespace: String { (isLocal ? "c8local." : "c8global.") + fabric }

    /// Local and collection streams live in one region only.
    public var isLocal: Bool { kind != .global }

    /// `tenant/namespace/topic`, the path Pulsar's URLs use.
    public var description: String { tenant + "/" + namespace + "/" + topic }

    /// Reads a stream name as the API gives it: `c8globals.X` and
    /// `c8locals.X` carry their kind; a bare name takes `bareKind`
    /// (global or local for user streams, collection for collection streams).
    /// - Throws: 1208 (400) for an empty name, one longer than 230
    ///   characters, or one with a character outside letters, digits,
    ///   `_`, `-` and `.` (a `/` would break Pulsar's topic paths).
    public static func parse(_ text: String, tenant: String, fabric: String, bareKind: Kind) throws(C8Error) -> StreamName {
        let kind: Kind
        let name: String
        if text.hasPrefix(globalTopicPrefix) {
            (kind, name) = (.global, String(text.dropFirst(globalTopicPrefix.count)))
        } else if text.hasPrefix(localTopicPrefix) {
            (kind, name) = (.local, String(text.dropFirst(localTopicPrefix.count)))
        } else {
            (kind, name) = (bareKind, text)
        }
        try validate(name)
        return StreamName(tenant: tenant, fabric: fabric, kind: kind, name: name)
    }

    /// - Throws: 1208 when `name` cannot be a stream name.
    public static func validate(_ name: String) throws(C8Error) {
        guard !name.isEmpty else { throw C8Error(.illegalName, detail: "a stream name cannot be empty") }
        guard name.utf8.count <= maximumLength else {
            throw C8Error(.illegalName, detail: "stream names have at most \(maximumLength) characters")
        }
        for byte in name.utf8 {
            let ok = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            guard ok else {
                throw C8Error(.illegalName, detail: "'\(name)': use letters, digits, _, - and . in stream names")
            }
        }
    }
}
