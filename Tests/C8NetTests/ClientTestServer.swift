@testable import C8Net
import Foundation
import Glibc
import Synchronization
import XCTest

/// A scripted TCP server on 127.0.0.1 for the client tests: every accepted
/// connection runs `script` on its own thread, so a test says exactly what
/// the server does (answer, stall, close, send garbage).
final class ClientTestServer: Sendable {
    let port: Int
    private let listener: Int32
    private let accepted = Atomic<Int>(0)
    private let stopped = Atomic<Bool>(false)

    /// How many connections were accepted so far.
    var acceptedConnections: Int { accepted.load(ordering: .acquiring) }

    init(script: @escaping @Sendable (ClientTestConnection) -> Void) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ClientTestServerError("socket: errno \(errno)") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            Glibc.close(fd)
            throw ClientTestServerError("bind/listen: errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        listener = fd
        Thread.detachNewThread { [self] in
            while !stopped.load(ordering: .acquiring) {
                let descriptor = accept(listener, nil, nil)
                if descriptor < 0 {
                    if errno == EINTR { continue }
                    return
                }
                if stopped.load(ordering: .acquiring) {
                    Glibc.close(descriptor)
                    return
                }
                accepted.add(1, ordering: .acquiringAndReleasing)
                let connection = ClientTestConnection(descriptor: descriptor)
                Thread.detachNewThread {
                    script(connection)
                    connection.close()
                }
            }
        }
    }

    /// "http://127.0.0.1:<port>" with `scheme` and `path`.
    func url(_ scheme: String = "http", _ path: String = "") -> String {
        "\(scheme)://127.0.0.1:\(port)\(path)"
    }

    func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        Glibc.close(listener)
    }

    deinit { stop() }
}

struct ClientTestServerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// One accepted connection of a ``ClientTestServer``, with blocking helpers.
final class ClientTestConnection: ConnectionOutput, @unchecked Sendable {
    // @unchecked: the parser is used only by the script's thread; writes
    // and close are serialised by `writeLock`.
    let descriptor: Int32
    private var parser = HTTPRequestParser()
    private let writeLock = Mutex<Bool>(false)

    init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { Glibc.close(descriptor) }

    /// The next request, or nil when the client closed the connection.
    func readRequest() -> HTTPRequest? {
        while true {
            switch parser.next() {
            case .request(let request): return request
            case .rejected(let error): XCTFail("test server could not parse a request: \(error)"); return nil
            case .continueRequested, nil: break
            }
            guard let bytes = readSome() else { return nil }
            parser.feed(bytes)
        }
    }

    /// Whatever arrives next (after any bytes the parser still holds), or
    /// nil at the end of the stream.
    func readSome() -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 { return Array(buffer[0..<count]) }
            if count < 0 && errno == EINTR { continue }
            return nil
        }
    }

    /// Writes `response` as the server would.
    func respond(_ response: HTTPResponse, closing: Bool = false, method: HTTPMethod = .get) {
        write(HTTPResponseWriter.serialize(response, framing: .init(
            requestMethod: method, requestVersion: .http1_1, closesConnection: closing)))
    }

    func write(_ text: String) { write(Array(text.utf8)) }

    func write(_ bytes: [UInt8]) {
        writeLock.withLock { closed in
            guard !closed else { return }
            var offset = 0
            while offset < bytes.count {
                let count = bytes[offset...].withUnsafeBytes {
                    send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
                }
                if count <= 0 {
                    if count < 0 && errno == EINTR { continue }
                    return
                }
                offset += count
            }
        }
    }

    /// Shuts the connection down (both ways), waking a blocked reader.
    func close() {
        writeLock.withLock { closed in
            guard !closed else { return }
            closed = true
            shutdown(descriptor, Int32(SHUT_RDWR))
        }
    }

    /// Serves one WebSocket: answers the handshake with
    /// ``WebSocketServerHandshake`` and pumps bytes into the resulting
    /// ``WebSocketConnection`` the way the server transport does, until the
    /// connection ends. Returns the handshake response.
    @discardableResult
    func serveWebSocket(_ handler: any WebSocketHandler,
                        configuration: WebSocketConfiguration = WebSocketConfiguration()) -> HTTPResponse? {
        guard let request = readRequest() else { return nil }
        let response = WebSocketServerHandshake.response(to: request, configuration: configuration, handler: handler)
        respond(response, closing: response.upgrade == nil)
        guard let upgrade = response.upgrade else { return response }
        upgrade.start(output: self)
        let early = parser.takeUnparsedBytes()
        if !early.isEmpty { early.withUnsafeBytes { upgrade.received($0) } }
        while let bytes = readSome() {
            bytes.withUnsafeBytes { upgrade.received($0) }
        }
        upgrade.closed()
        return response
    }
}

/// A value shared between a test and its server scripts.
final class TestBox<Value: Sendable>: Sendable {
    private let value: Mutex<Value>
    init(_ value: Value) { self.value = Mutex(value) }
    func get() -> Value { value.withLock { $0 } }
    func update<Result: Sendable>(_ change: (inout Value) -> Result) -> Result { value.withLock { change(&$0) } }
}

/// Waits up to `timeout` for `condition`; whether it came true.
func eventually(_ timeout: Duration = .seconds(5), _ condition: () -> Bool) -> Bool {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        if ContinuousClock.now >= deadline { return false }
        usleep(2_000)
    }
    return true
}
