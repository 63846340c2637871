/// Number text as C8 writes it: integers without a fraction, doubles in the
/// shortest form that reads back to the same value, laid out as JavaScript's
/// `Number.prototype.toString` does (`2e-7`, `1.5`, `100`, `1e+21`), which is
/// also what ArangoDB's TO_STRING produces.
public enum NumberFormatting {
    /// The text of a double, e.g. for TO_STRING.
    public static func string(_ value: Double) -> String {
        var buffer = ByteBuffer(capacity: 32)
        writeDouble(value, to: &buffer)
        return String(decoding: buffer.takeBytes(), as: UTF8.self)
    }

    public static func writeInteger(_ value: Int64, to buffer: inout ByteBuffer) {
        if value >= 0 && value < 10 {
            buffer.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var i = 20
            while magnitude > 0 {
                i -= 1
                digits[i] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
            if value < 0 { buffer.append(UInt8(ascii: "-")) }
            buffer.append(UnsafeBufferPointer(rebasing: digits[i..<20]))
        }
    }

    public static func writeDouble(_ value: Double, to buffer: inout ByteBuffer) {
        guard value.isFinite else { return buffer.append(literal: "null") }
        // Integral doubles below 2^53 print as integers, the common case.
        if value == value.rounded(.towardZero), abs(value) < 9_007_199_254_740_992 {
            if value == 0 { return buffer.append(UInt8(ascii: "0")) }
            return writeInteger(Int64(value), to: &buffer)
        }
        // Swift's description holds the shortest round-trip digits; only the
        // layout differs from JavaScript's.
        var text = value.description
        text.withUTF8 { writeJavaScriptLayout(of: $0, to: &buffer) }
    }

    /// Re-lays out Swift's `[-]d[.ddd][e±x]` text as JavaScript would.
    private static func writeJavaScriptLayout(of text: UnsafeBufferPointer<UInt8>, to buffer: inout ByteBuffer) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { scratch in
            // Collect every digit; value = 0.<digits> × 10^n once n is known.
            var count = 0
            var integerDigits = -1
            var exponent = 0
            var i = 0
            let negative = text[0] == UInt8(ascii: "-")
            if negative { i = 1 }
            while i < text.count {
                let c = text[i]
                if c == UInt8(ascii: ".") {
                    integerDigits = count
                } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                    i += 1
                    var sign = 1
                    if text[i] == UInt8(ascii: "-") { sign = -1; i += 1 } else if text[i] == UInt8(ascii: "+") { i += 1 }
                    while i < text.count {
                        exponent = exponent * 10 + Int(text[i] - UInt8(ascii: "0"))
                        i += 1
                    }
                    exponent *= sign
                    break
                } else if count < 40 {
                    scratch[count] = c
                    count += 1
                }
                i += 1
            }
            if integerDigits < 0 { integerDigits = count }
            var first = 0
            while first < count - 1 && scratch[first] == UInt8(ascii: "0") { first += 1 }
            var last = count
            while last > first + 1 && scratch[last - 1] == UInt8(ascii: "0") { last -= 1 }
            let digits = UnsafeBufferPointer(rebasing: scratch[first..<last])
            let k = digits.count
            let n = integerDigits + exponent - first

            if negative { buffer.append(UInt8(ascii: "-")) }
            if k <= n && n <= 21 {
                buffer.append(digits)
                buffer.append(repeating: UInt8(ascii: "0"), count: n - k)
            } else if 0 < n && n <= 21 {
                buffer.append(UnsafeBufferPointer(rebasing: digits[0..<n]))
                buffer.append(UInt8(ascii: "."))
                buffer.append(UnsafeBufferPointer(rebasing: digits[n..<k]))
            } else if -6 < n && n <= 0 {
                buffer.append(literal: "0.")
                buffer.append(repeating: UInt8(ascii: "0"), count: -n)
                buffer.append(digits)
            } else {
                buffer.append(digits[0])
                if k > 1 {
                    buffer.append(UInt8(ascii: "."))
                    buffer.append(UnsafeBufferPointer(rebasing: digits[1..<k]))
                }
                buffer.append(UInt8(ascii: "e"))
                let e = n - 1
                buffer.append(e < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
                writeInteger(Int64(abs(e)), to: &buffer)
            }
        }
    }
}
