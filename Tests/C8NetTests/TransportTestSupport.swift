@testable import C8Net
import Foundation
import Glibc
import Synchronization
import XCTest

/// A response as read off a raw socket.
struct RawHTTPResponse {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// A blocking client socket that speaks HTTP by hand, so tests can send
/// exactly the bytes a rule is about and read exactly what comes back.
/// Every read gives up after `timeout`, so a broken server fails a test
/// instead of hanging it.
final class RawHTTPConnection {
    let descriptor: Int32
    private var tls: TLSStream?
    private var buffer: [UInt8] = []
    private var closed = false

    init(port: Int, timeout: Double = 5) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TransportError.errno("socket") }
        var time = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard status == 0 else {
            let error = TransportError.errno("connect to \(port)")
            Glibc.close(descriptor)
            throw error
        }
    }

    /// Switches the connection to TLS, verifying as `context` says.
    func startTLS(context: TLSContext, serverName: String?) throws {
        let stream = try TLSStream(fileDescriptor: descriptor, context: context, serverName: serverName)
        do {
            try stream.handshake()
        } catch {
            closed = true // the stream owns the socket and closes it
            throw error
        }
        tls = stream
    }

    deinit { close() }

    func close() {
        guard !closed else { return }
        closed = true
        if let tls { tls.close() } else { Glibc.close(descriptor) }
    }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        if let tls {
            try tls.write(bytes)
            return
        }
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw TransportError.errno("send") }
            offset += sent
        }
    }

    /// Half-closes: the server sees the end of the request stream.
    func finishSending() { shutdown(descriptor, Int32(SHUT_WR)) }

    /// More bytes into `buffer`; false at end of stream or timeout.
    private func fill() -> Bool {
        if let tls {
            return ((try? tls.read(into: &buffer)) ?? 0) > 0
        }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }

    /// The next response; nil when the stream ends or times out first.
    /// `bodyless` for answers to HEAD, which announce a length they do not send.
    func readResponse(bodyless: Bool = false) -> RawHTTPResponse? {
        let terminator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while headEnd == nil {
            if buffer.count >= 4 {
                headEnd = (0...(buffer.count - 4)).first { Array(buffer[$0..<($0 + 4)]) == terminator }
            }
            if headEnd == nil && !fill() { return nil }
        }
        let head = String(decoding: buffer[0..<headEnd!], as: UTF8.self)
        buffer.removeFirst(headEnd! + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, statusLine[0] == "HTTP/1.1", let status = Int(statusLine[1]) else { return nil }
        let headers = lines.map { line -> (name: String, value: String) in
            let parts = line.split(separator: ":", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : "")
        }
        var response = RawHTTPResponse(status: status, headers: headers, body: [])
        let length = bodyless || status == 204 || status == 304 || status < 200
            ? 0 : Int(response.header("Content-Length") ?? "0") ?? 0
        while buffer.count < length {
            if !fill() { return nil }
        }
        response.body = Array(buffer[0..<length])
        buffer.removeFirst(length)
        return response
    }

    /// Bytes after the responses read so far, waiting up to the timeout
    /// for at least `count`.
    func readBytes(_ count: Int) -> [UInt8] {
        while buffer.count < count && fill() {}
        let taken = Array(buffer.prefix(count))
        buffer.removeFirst(taken.count)
        return taken
    }

    /// Whether the server closes the connection (before the read timeout),
    /// with nothing more to read.
    func readsEndOfStream() -> Bool {
        while buffer.isEmpty {
            if tls != nil {
                guard let count = try? tls!.read(into: &buffer) else { return false }
                if count == 0 { return true }
                continue
            }
            var byte: UInt8 = 0
            let count = recv(descriptor, &byte, 1, 0)
            if count == 0 { return true }
            if count < 0 {
                // A reset after our unread bytes is a close as well.
                return errno == ECONNRESET
            }
            buffer.append(byte)
        }
        return false
    }

    /// Whether bytes are waiting right now, without blocking.
    func hasDataWaiting() -> Bool {
        if !buffer.isEmpty { return true }
        var descriptorSet = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&descriptorSet, 1, 0) > 0
    }
}

/// A handler whose paths do what a test needs: echo, wait on a gate,
/// close, report the peer, return a large body, switch protocols.
final class TransportTestHandler: HTTPHandler {
    /// Requests to `/gate` wait until the test opens it.
    let gate = DispatchSemaphore(value: 0)
    /// Targets of requests whose handler has started / finished, in order.
    let started = Mutex<[String]>([])
    let finished = Mutex<[String]>([])
    let upgradeClosed = DispatchSemaphore(value: 0)

    func handle(_ request: HTTPRequest, peer: PeerInfo) -> HTTPResponse {
        let path = String(request.rawPath)
        started.withLock { $0.append(request.target) }
        defer { finished.withLock { $0.append(request.target) } }
        switch path {
        case "/gate":
            gate.wait()
            return HTTPResponse(status: 200, body: Array("gate \(request.rawQuery)".utf8))
        case "/close":
            return HTTPResponse(status: 200, headers: HTTPHeaders([("Connection", "close")]), body: Array("bye".utf8))
        case "/peer":
            return HTTPResponse(status: 200, body: Array("\(peer.isTLS) \(peer.localPort) \(peer.address)".utf8))
        case "/big":
            let size = Int(request.rawQuery) ?? 1024 * 1024
            return HTTPResponse(status: 200, body: [UInt8](repeating: UInt8(ascii: "b"), count: size))
        case "/upgrade":
            let upgrade = UppercasingUpgrade(closed: upgradeClosed)
            return HTTPResponse(status: 101, headers: HTTPHeaders([("Upgrade", "shout"), ("Connection", "Upgrade")]),
                                upgrade: upgrade)
        default:
            let body = "\(request.method.rawValue) \(request.target) \(String(decoding: request.body, as: UTF8.self))"
            return HTTPResponse(status: 200, body: Array(body.utf8))
        }
    }

    func finishedTargets() -> [String] { finished.withLock { $0 } }

    /// Waits (up to 5 s) until `count` handlers have started.
    func waitUntilStarted(_ count: Int) {
        let deadline = Date().addingTimeInterval(5)
        while started.withLock({ $0.count }) < count && Date() < deadline { usleep(1000) }
    }
}

/// A toy protocol after `101`: sends back what it receives, uppercased;
/// `bye` makes it close.
final class UppercasingUpgrade: ConnectionUpgrade {
    private let output = Mutex<ConnectionOutput?>(nil)
    private let closedSignal: DispatchSemaphore

    init(closed: DispatchSemaphore) { closedSignal = closed }

    func start(output: ConnectionOutput) { self.output.withLock { $0 = output } }

    func received(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        let output = self.output.withLock { $0 }
        output?.write(Array(text.uppercased().utf8))
        if text.contains("bye") { output?.close() }
    }

    func closed() {
        output.withLock { $0 = nil }
        closedSignal.signal()
    }
}

/// Answers `/fast` on the event loop and hands everything else to
/// `TransportTestHandler`.
final class LoopAnsweringHandler: EventLoopHTTPHandler {
    let inner = TransportTestHandler()
    /// How many times `/fast` was answered.
    let answeredOnLoop = Mutex(0)

    func respondOnEventLoop(to request: HTTPRequest, peer: PeerInfo) -> HTTPResponse? {
        guard request.rawPath == "/fast" else { return nil }
        answeredOnLoop.withLock { $0 += 1 }
        return HTTPResponse(status: 200, body: Array("fast".utf8))
    }

    func handle(_ request: HTTPRequest, peer: PeerInfo) -> HTTPResponse {
        inner.handle(request, peer: peer)
    }
}

/// Log lines captured for assertions.
final class CapturedLog: Sendable {
    private let lines = Mutex<[(HTTPServerLog.Level, String)]>([])

    var log: HTTPServerLog {
        HTTPServerLog(minimumLevel: .debug) { [self] level, message in lines.withLock { $0.append((level, message)) } }
    }

    func messages(at level: HTTPServerLog.Level) -> [String] {
        lines.withLock { $0.filter { $0.0 == level }.map(\.1) }
    }
}

extension XCTestCase {
    /// A running server on an ephemeral port, stopped when the test ends.
    func startServer(handler: any HTTPHandler = TransportTestHandler(), limits: HTTPLimits = HTTPLimits(),
                     tls: TLSContext? = nil, log: HTTPServerLog = .disabled,
                     configure: (inout HTTPServerConfiguration) -> Void = { _ in }) throws -> HTTPServer {
        var listeners = [HTTPListenerConfiguration(host: "127.0.0.1", port: 0)]
        if let tls { listeners.append(HTTPListenerConfiguration(host: "127.0.0.1", port: 0, tls: tls)) }
        var configuration = HTTPServerConfiguration(listeners: listeners, limits: limits, eventLoopCount: 2, workerCount: 4,
                                                    lingerTimeout: .milliseconds(500), shutdownGracePeriod: .seconds(2),
                                                    log: log)
        configure(&configuration)
        let server = HTTPServer(configuration: configuration, handler: handler)
        try server.start()
        addTeardownBlock { server.stop() }
        return server
    }
}
