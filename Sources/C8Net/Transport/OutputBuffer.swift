/// Bytes waiting to be written to a socket, sent from the front as the
/// socket accepts them.
struct OutputBuffer {
    private var bytes: [UInt8] = []
    private var sent = 0

    /// A buffer that grew past this (a large response) is released once
    /// sent, so idle connections stay small.
    private static let retainedCapacity = 64 * 1024

    var isEmpty: Bool { sent == bytes.count }
    var count: Int { bytes.count - sent }

    mutating func append(_ data: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: data)
    }

    mutating func append(_ data: [UInt8]) {
        if isEmpty {
            // Adopt the array instead of copying it: the common case of one
            // response into an empty buffer.
            bytes = data
            sent = 0
        } else {
            bytes.append(contentsOf: data)
        }
    }

    /// Lets `body` append in place (TLS moves ciphertext in this way).
    mutating func appendInPlace(_ body: (inout [UInt8]) -> Void) {
        body(&bytes)
    }

    /// Calls `send` with the unsent bytes; it returns how many it wrote, or
    /// a negative number when it wrote nothing.
    mutating func drain(_ send: (UnsafeRawBufferPointer) -> Int) -> Int {
        let written = bytes.withUnsafeBytes { all in
            send(UnsafeRawBufferPointer(rebasing: all[sent...]))
        }
        if written > 0 { consume(written) }
        return written
    }

    mutating func removeAll() {
        bytes = []
        sent = 0
    }

    private mutating func consume(_ count: Int) {
        sent += count
        if sent == bytes.count {
            if bytes.capacity > Self.retainedCapacity { bytes = [] } else { bytes.removeAll(keepingCapacity: true) }
            sent = 0
        } else if sent >= Self.retainedCapacity && sent * 2 >= bytes.count {
            bytes.removeFirst(sent)
            sent = 0
        }
    }
}
