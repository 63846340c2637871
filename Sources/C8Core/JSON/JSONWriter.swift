extension JSON {
    /// The JSON text of this value as UTF-8 bytes: compact, or pretty with a
    /// two-space indent. Non-finite doubles (which JSON cannot express) are
    /// written as `null`.
    public func serialized(pretty: Bool = false) -> [UInt8] {
        var writer = JSONWriter(pretty: pretty)
        writer.write(self)
        return writer.finish()
    }

    /// The JSON text of this value as a string.
    public func jsonString(pretty: Bool = false) -> String {
        String(decoding: serialized(pretty: pretty), as: UTF8.self)
    }
}

/// Writes JSON text into a growable byte buffer.
///
/// Strings are copied in runs between the bytes RFC 8259 requires escaping
/// (quote, backslash, control characters); Swift strings are always valid
/// UTF-8, so the output is too.
public struct JSONWriter: ~Copyable {
    private var buffer: ByteBuffer
    private let pretty: Bool
    private var indent = 0

    public init(pretty: Bool = false, capacity: Int = 1024) {
        self.pretty = pretty
        self.buffer = ByteBuffer(capacity: capacity)
    }

    /// The bytes written so far, leaving the writer empty.
    public mutating func finish() -> [UInt8] {
        buffer.takeBytes()
    }

    public mutating func write(_ value: JSON) {
        switch value {
        case .null: buffer.append(literal: "null")
        case .bool(let b): buffer.append(literal: b ? "true" : "false")
        case .int(let i): NumberFormatting.writeInteger(i, to: &buffer)
        case .double(let d): NumberFormatting.writeDouble(d, to: &buffer)
        case .string(let s): writeString(s)
        case .array(let elements): writeArray(elements)
        case .object(let object): writeObject(object)
        }
    }

    private mutating func writeArray(_ elements: [JSON]) {
        if elements.isEmpty { return buffer.append(literal: "[]") }
        buffer.append(UInt8(ascii: "["))
        indent += 1
        for (i, element) in elements.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            newline()
            write(element)
        }
        indent -= 1
        newline()
        buffer.append(UInt8(ascii: "]"))
    }

    private mutating func writeObject(_ object: JSONObject) {
        if !pretty, let bytes = object.binaryBytes,
           let text = bytes.withUnsafeBufferPointer({ try? BinaryJSON.jsonText($0) }) {
            return text.withUnsafeBufferPointer { buffer.append($0) }
        }
        if object.isEmpty { return buffer.append(literal: "{}") }
        buffer.append(UInt8(ascii: "{"))
        indent += 1
        var first = true
        for member in object.members {
            if !first { buffer.append(UInt8(ascii: ",")) }
            first = false
            newline()
            writeString(member.key)
            buffer.append(UInt8(ascii: ":"))
            if pretty { buffer.append(UInt8(ascii: " ")) }
            write(member.value)
        }
        indent -= 1
        newline()
        buffer.append(UInt8(ascii: "}"))
    }

    @inline(__always)
    private mutating func newline() {
        guard pretty else { return }
        buffer.append(UInt8(ascii: "\n"))
        buffer.append(repeating: UInt8(ascii: " "), count: indent * 2)
    }

    public mutating func writeString(_ string: String) {
        var string = string
        string.withUTF8 { JSONStringEscaping.write($0, to: &buffer) }
    }
}
