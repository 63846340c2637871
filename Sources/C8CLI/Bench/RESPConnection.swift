import C8Net

/// A minimal Redis client over C8Net's `TCPClientSocket`: writes commands
/// (RESP2 arrays of bulk strings), each in one `write`, and reads replies
/// in order, so callers pipeline by writing several commands before
/// reading their replies.
///
/// One thread may write while another reads (the socket allows it); the
/// read buffer belongs to the reading thread.
final class RESPConnection: @unchecked Sendable {
    private let socket: TCPClientSocket
    private var buffer: [UInt8] = []
    private var start = 0
    private static let timeout: Duration = .seconds(60)

    init(host: String, port: Int) throws {
        socket = try TCPClientSocket.connect(host: host, port: port, timeout: .seconds(10))
    }

    /// `command` encoded as RESP: `*n CRLF` then `$len CRLF bytes CRLF` per argument.
    static func encode(_ command: [[UInt8]]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 + command.reduce(0) { $0 + $1.count + 16 })
        bytes.append(UInt8(ascii: "*"))
        bytes.append(contentsOf: String(command.count).utf8)
        bytes.append(contentsOf: [13, 10])
        for argument in command {
            bytes.append(UInt8(ascii: "$"))
            bytes.append(contentsOf: String(argument.count).utf8)
            bytes.append(contentsOf: [13, 10])
            bytes.append(contentsOf: argument)
            bytes.append(contentsOf: [13, 10])
        }
        return bytes
    }

    static func encode(_ command: [String]) -> [UInt8] { encode(command.map { Array($0.utf8) }) }

    /// Writes encoded command bytes whole.
    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try socket.write($0, timeout: Self.timeout) }
    }

    /// The next reply, reading from the socket as needed.
    func readReply(timeout: Duration? = RESPConnection.timeout) throws -> RESPValue {
        while true {
            let parsed = try buffer.withUnsafeBufferPointer { try RESPValue.parse($0, at: start) }
            if let (value, next) = parsed {
                start = next
                if start == buffer.count {
                    buffer.removeAll(keepingCapacity: true)
                    start = 0
                }
                return value
            }
            if start > 0 && start * 2 >= buffer.count {
                buffer.removeFirst(start)
                start = 0
            }
            let count = try withUnsafeTemporaryAllocation(byteCount: 64 * 1024, alignment: 1) { chunk in
                let count = try socket.read(into: chunk, timeout: timeout)
                buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
                return count
            }
            if count == 0 { throw RESPError("Redis closed the connection") }
        }
    }

    /// Sends one command and returns its reply; a Redis error is thrown.
    @discardableResult
    func call(_ command: [String]) throws -> RESPValue {
        try write(Self.encode(command))
        let reply = try readReply()
        if case .error(let message) = reply { throw RESPError("Redis: \(message) (\(command.prefix(2).joined(separator: " ")))") }
        return reply
    }

    func close() { socket.close() }
}
