/// One reply of the Redis serialization protocol, version 2 (RESP2) — what
/// `c8 bench streams` needs to drive Redis: simple strings, errors,
/// integers, bulk strings and arrays, each possibly null.
enum RESPValue: Equatable {
    case simple(String)
    case error(String)
    case integer(Int)
    case bulk([UInt8]?)
    case array([RESPValue]?)

    /// Parses one reply from `bytes[index...]`; nil when the bytes end
    /// before it does (read more and try again from the same index).
    /// - Returns: the reply and the index just past it.
    /// - Throws: ``RESPError`` for bytes that are not RESP2.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) throws(RESPError) -> (RESPValue, Int)? {
        guard index < bytes.count else { return nil }
        guard let (line, next) = Self.line(bytes, from: index + 1) else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "+"): return (.simple(text(bytes, line)), next)
        case UInt8(ascii: "-"): return (.error(text(bytes, line)), next)
        case UInt8(ascii: ":"): return (.integer(try number(bytes, line)), next)
        case UInt8(ascii: "$"):
            let length = try number(bytes, line)
            if length < 0 { return (.bulk(nil), next) }
            guard next + length + 2 <= bytes.count else { return nil }
            return (.bulk(Array(bytes[next..<next + length])), next + length + 2)
        case UInt8(ascii: "*"):
            let count = try number(bytes, line)
            if count < 0 { return (.array(nil), next) }
            var elements: [RESPValue] = []
            elements.reserveCapacity(count)
            var position = next
            for _ in 0..<count {
                guard let (element, after) = try parse(bytes, at: position) else { return nil }
                elements.append(element)
                position = after
            }
            return (.array(elements), position)
        default:
            throw RESPError("unexpected reply type byte \(bytes[index])")
        }
    }

    /// The range of the line starting at `start` (without CR LF), and the index after its LF.
    private static func line(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (Range<Int>, Int)? {
        var i = start
        while i + 1 < bytes.count {
            if bytes[i] == 13 && bytes[i + 1] == 10 { return (start..<i, i + 2) }
            i += 1
        }
        return nil
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(RESPError) -> Int {
        var value = 0
        var negative = false
        for i in range {
            let byte = bytes[i]
            if i == range.lowerBound && byte == UInt8(ascii: "-") { negative = true; continue }
            guard byte >= 48 && byte <= 57 else { throw RESPError("bad number in reply") }
            value = value * 10 + Int(byte - 48)
        }
        return negative ? -value : value
    }
}

/// Redis answered something the benchmark cannot use, or with an error.
struct RESPError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
