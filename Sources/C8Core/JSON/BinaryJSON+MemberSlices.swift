extension BinaryJSON {
    /// One member of an encoded object, as slices of the object's bytes.
    public struct MemberSlice {
        /// The key's UTF-8.
        public var key: UnsafeBufferPointer<UInt8>
        /// The value's encoding.
        public var value: UnsafeBufferPointer<UInt8>
        /// The whole member as an object body holds it: key length, key,
        /// value. Copying these bytes copies the member.
        public var bytes: UnsafeBufferPointer<UInt8>
    }

    /// Whether `bytes` starts an encoded object (and not any other value).
    public static func isObject(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.first == Tag.object
    }

    /// Calls `body` with each member of the encoded object `bytes`, in
    /// order, without decoding any: a bulk load finds `_key` and the system
    /// attributes this way and copies the other members' bytes as they are
    /// into the stored form.
    ///
    /// - Throws: ``BinaryJSONError`` when `bytes` is not exactly one
    ///   well-formed encoded object (bounds are checked before every read;
    ///   values are walked, not validated).
    public static func forEachMember(
        ofObject bytes: UnsafeBufferPointer<UInt8>, _ body: (MemberSlice) -> Void
    ) throws(BinaryJSONError) {
        _ = try walkMembers(ofObject: bytes) { member in
            body(member)
            return false
        }
    }

    /// The first member of the encoded object `bytes` whose key satisfies
    /// `matches`, found without reading past it (nor decoding anything):
    /// a bulk load looks up each document's `_key`, usually its first
    /// member. Nil when no key matches.
    ///
    /// - Throws: ``BinaryJSONError`` when `bytes` is not an encoded object
    ///   or is corrupt up to the member found.
    public static func firstMember(
        ofObject bytes: UnsafeBufferPointer<UInt8>, where matches: (UnsafeBufferPointer<UInt8>) -> Bool
    ) throws(BinaryJSONError) -> MemberSlice? {
        try walkMembers(ofObject: bytes) { matches($0.key) }
    }

    /// The encoded value of the member whose key is `name` (UTF-8) in the
    /// encoded object `bytes`, or nil. Keys are compared by length first,
    /// so most members are passed over without looking at their bytes:
    /// this is a FILTER's `d.attribute` on a document not yet decoded.
    public static func memberValue(
        named name: UnsafeBufferPointer<UInt8>, ofObject bytes: UnsafeBufferPointer<UInt8>
    ) throws(BinaryJSONError) -> UnsafeBufferPointer<UInt8>? {
        var scanner = BinaryJSONScanner(bytes)
        guard try scanner.byte() == Tag.object else { throw scanner.fail("not an object") }
        let count = try scanner.varint()
        _ = try scanner.uint32()
        var index: UInt64 = 0
        while index < count {
            index += 1
            let keyLength = try scanner.length()
            let keyStart = scanner.offset
            try scanner.skip(keyLength)
            let valueStart = scanner.offset
            try scanner.skipValue()
            guard keyLength == name.count else { continue }
            var same = true
            for i in 0..<keyLength where bytes[keyStart + i] != name[i] {
                same = false
                break
            }
            if same { return UnsafeBufferPointer(rebasing: bytes[valueStart..<scanner.offset]) }
        }
        return nil
    }

    /// Walks the members in order until `stop` returns true, and returns
    /// that member; nil after the last (whose end must be the object's).
    private static func walkMembers(
        ofObject bytes: UnsafeBufferPointer<UInt8>, until stop: (MemberSlice) -> Bool
    ) throws(BinaryJSONError) -> MemberSlice? {
        var scanner = BinaryJSONScanner(bytes)
        guard try scanner.byte() == Tag.object else { throw scanner.fail("not an object") }
        let count = try scanner.varint()
        let bodyLength = try scanner.uint32()
        guard bodyLength == bytes.count - scanner.offset else { throw scanner.fail("object body length mismatch") }
        var index: UInt64 = 0
        while index < count {
            index += 1
            let memberStart = scanner.offset
            let keyLength = try scanner.length()
            let keyStart = scanner.offset
            try scanner.skip(keyLength)
            let valueStart = scanner.offset
            try scanner.skipValue()
            let member = MemberSlice(key: UnsafeBufferPointer(rebasing: bytes[keyStart..<valueStart]),
                                     value: UnsafeBufferPointer(rebasing: bytes[valueStart..<scanner.offset]),
                                     bytes: UnsafeBufferPointer(rebasing: bytes[memberStart..<scanner.offset]))
            if stop(member) { return member }
        }
        guard scanner.offset == bytes.count else { throw scanner.fail("object body length mismatch") }
        return nil
    }

    /// Appends member bytes taken from encoded objects (``MemberSlice/bytes``)
    /// to an object begun with ``appendObject(count:into:_:)``.
    public static func appendMemberBytes(_ bytes: UnsafeBufferPointer<UInt8>, into buffer: inout ByteBuffer) {
        buffer.append(bytes)
    }
}
