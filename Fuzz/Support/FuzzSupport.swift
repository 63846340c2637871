// Shared by every harness: compiled into each harness executable.
//
// A harness is `@_cdecl("LLVMFuzzerTestOneInput")` over these helpers. A
// property a harness checks fails with `fuzzFailure`, which traps, so
// libFuzzer records the input as a crash like any other.
import C8Core

/// Stops the process with a message libFuzzer prints above the crash report.
func fuzzFailure(_ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    fatalError("fuzz property violated: " + message(), file: file, line: line)
}

/// The input as a byte array (the harness owns a copy; libFuzzer's buffer
/// is only valid for the call).
@inline(__always)
func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// Splits `bytes` into chunks whose sizes cycle through `sizes` (each at
/// least 1): how a socket could deliver the same bytes.
func fuzzChunks(_ bytes: [UInt8], sizes: [Int]) -> [ArraySlice<UInt8>] {
    var chunks: [ArraySlice<UInt8>] = []
    var start = 0
    var i = 0
    while start < bytes.count {
        let size = max(1, sizes.isEmpty ? bytes.count : sizes[i % sizes.count])
        let end = min(bytes.count, start + size)
        chunks.append(bytes[start..<end])
        start = end
        i += 1
    }
    return chunks
}

/// Structural identity of two JSON values: int and double told apart,
/// doubles by bit pattern, object members in order. (`==` on JSON is the
/// query language's comparison, which calls 1 and 1.0 equal.)
func identical(_ a: JSON, _ b: JSON) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.int(let x), .int(let y)): return x == y
    case (.double(let x), .double(let y)): return x.bitPattern == y.bitPattern
    case (.string(let x), .string(let y)): return Array(x.utf8) == Array(y.utf8)
    case (.array(let x), .array(let y)):
        guard x.count == y.count else { return false }
        for (u, v) in zip(x, y) where !identical(u, v) { return false }
        return true
    case (.object(let x), .object(let y)):
        guard x.count == y.count else { return false }
        for (u, v) in zip(x.members, y.members) {
            guard Array(u.key.utf8) == Array(v.key.utf8), identical(u.value, v.value) else { return false }
        }
        return true
    default: return false
    }
}
