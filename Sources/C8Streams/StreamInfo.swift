/// What the stream list says about a stream.
public struct StreamInfo: Sendable, Equatable {
    public let name: StreamName
    /// Persistent streams keep a log in storage; non-persistent ones exist
    /// in memory only.
    public let persistent: Bool

    public init(name: StreamName, persistent: Bool) {
        self.name = name
        self.persistent = persistent
    }

    public var topic: String { name.topic }
    public var isLocal: Bool { name.isLocal }
    public var isCollectionStream: Bool { name.kind == .collection }
}
