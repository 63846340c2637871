import C8Core

/// Where in the query text an error was found, attached to the
/// ``C8Error`` the parser throws as its `underlying` value so that the
/// console can point at the spot without parsing the message.
public struct QueryErrorPosition: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line and column (columns count characters).
    public var position: SourcePosition
    /// Byte offset into the UTF-8 query text.
    public var offset: Int

    public init(position: SourcePosition, offset: Int) {
        self.position = position
        self.offset = offset
    }

    public var line: Int { position.line }
    public var column: Int { position.column }
    public var description: String { "position \(position)" }
}

extension C8Error {
    /// The place in the query text this error refers to, when the query
    /// parser raised it.
    public var queryErrorPosition: QueryErrorPosition? { underlying as? QueryErrorPosition }
}
