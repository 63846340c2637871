extension BinaryJSON {
    /// Appends an object of `count` members that `writeMembers` appends,
    /// each with ``appendMember(_:_:into:)``: the same bytes as encoding a
    /// `JSONObject` of those members in that order, without building one
    /// (a bulk load assembles documents' stored forms from their parts).
    /// `writeMembers` must append exactly `count` members.
    public static func appendObject(count: Int, into buffer: inout ByteBuffer, _ writeMembers: (inout ByteBuffer) -> Void) {
        buffer.append(Tag.object)
        writeVarint(UInt64(count), into: &buffer)
        let lengthOffset = buffer.count
        buffer.append(repeating: 0, count: 4)
        writeMembers(&buffer)
        buffer.patchUInt32(UInt32(buffer.count - lengthOffset - 4), at: lengthOffset)
    }

    /// Appends one member of an object begun with ``appendObject(count:into:_:)``.
    public static func appendMember(_ key: String, _ value: JSON, into buffer: inout ByteBuffer) {
        var key = key
        key.withUTF8 { bytes in
            writeVarint(UInt64(bytes.count), into: &buffer)
            buffer.append(bytes)
        }
        encode(value, into: &buffer)
    }
}
