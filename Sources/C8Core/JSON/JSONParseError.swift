/// Why a text is not JSON, and where.
///
/// `offset` is the 0-based byte offset of the offending byte; `line` and
/// `column` are 1-based (column counts bytes), so an editor can jump there.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var offset: Int
    public var line: Int
    public var column: Int

    public init(message: String, offset: Int, line: Int, column: Int) {
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// Locates `offset` in `bytes` to fill in line and column.
    init(_ message: String, at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        var line = 1
        var lineStart = 0
        var i = 0
        let limit = min(offset, bytes.count)
        while i < limit {
            if bytes[i] == UInt8(ascii: "\n") {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        self.init(message: message, offset: offset, line: line, column: offset - lineStart + 1)
    }

    public var description: String {
        "\(message) at line \(line), column \(column) (byte \(offset))"
    }
}
