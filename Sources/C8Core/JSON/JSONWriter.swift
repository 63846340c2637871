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
        string.withUTF8 { bytes in
            buffer.reserve(bytes.count + 2)
            buffer.append(UInt8(ascii: "\""))
            var runStart = 0
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b >= 0x20 && b != 0x22 && b != 0x5C {
                    i += 1
                    continue
                }
                if i > runStart { buffer.append(UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
                writeEscape(b)
                i += 1
                runStart = i
            }
            if n > runStart { buffer.append(UnsafeBufferPointer(rebasing: bytes[runStart..<n])) }
            buffer.append(UInt8(ascii: "\""))
        }
    }

    private mutating func writeEscape(_ b: UInt8) {
        switch b {
        case 0x22: buffer.append(literal: "\\\"")
        case 0x5C: buffer.append(literal: "\\\\")
        case 0x0A: buffer.append(literal: "\\n")
        case 0x0D: buffer.append(literal: "\\r")
        case 0x09: buffer.append(literal: "\\t")
        case 0x08: buffer.append(literal: "\\b")
        case 0x0C: buffer.append(literal: "\\f")
        default:
            let hex: StaticString = "0123456789abcdef"
            buffer.append(literal: "\\u00")
            buffer.append(hex.utf8Start[Int(b >> 4)])
            buffer.append(hex.utf8Start[Int(b & 0xF)])
        }
    }
}
