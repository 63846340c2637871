import Glibc
import Synchronization

/// An outgoing TCP connection with a timeout on every wait.
///
/// The descriptor is non-blocking and each call waits in `poll`, so connect,
/// read and write each take their own deadline; `close` only shuts the
/// socket down (which wakes a reader blocked on another thread), and the
/// descriptor is released when the last reference goes, so it can never
/// be reused under a thread still using it.
public final class TCPClientSocket: BlockingByteStream {
    private let descriptor: Int32
    private let isShutDown = Atomic<Bool>(false)
    /// "host:port", for error messages.
    public let peerDescription: String

    private init(descriptor: Int32, peerDescription: String) {
        self.descriptor = descriptor
        self.peerDescription = peerDescription
    }

    deinit { Glibc.close(descriptor) }

    /// Resolves `host` and connects to the first address that answers.
    ///
    /// - Parameter timeout: for the whole attempt, all addresses together.
    /// - Throws: ``NetworkClientError`` `.resolveFailed`, `.connectFailed`
    ///   or `.timedOut`.
    public static func connect(host: String, port: Int, timeout: Duration?) throws -> TCPClientSocket {
        let peer = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0 else {
            throw NetworkClientError(.resolveFailed, "resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        let deadline = timeout.map { ContinuousClock.now + $0 }
        var lastError = NetworkClientError(.resolveFailed, "resolve \(host): no address")
        var entry = list
        while let info = entry?.pointee {
            do {
                return try connect(info, peer: peer, deadline: deadline)
            } catch let error as NetworkClientError {
                lastError = error
                if error.kind == .timedOut { break }
            }
            entry = info.ai_next
        }
        throw lastError
    }

    private static func connect(
        _ info: addrinfo, peer: String, deadline: ContinuousClock.Instant?
    ) throws -> TCPClientSocket {
        let flags = Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
        let descriptor = socket(info.ai_family, info.ai_socktype | flags, info.ai_protocol)
        guard descriptor >= 0 else { throw NetworkClientError.system(.connectFailed, "socket for \(peer)", errno: errno) }
        var connected = false
        defer { if !connected { Glibc.close(descriptor) } }

        // Requests and frames are written whole; Nagle's algorithm would
        // only hold back the last segment of each.
        var one: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))

        if Glibc.connect(descriptor, info.ai_addr, info.ai_addrlen) != 0 {
            let code = errno
            guard code == EINPROGRESS else { throw NetworkClientError.system(.connectFailed, "connect to \(peer)", errno: code) }
            try wait(descriptor, for: Int16(POLLOUT), until: deadline, doing: "connect to \(peer)")
            var socketError: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &socketError, &length)
            guard socketError == 0 else {
                throw NetworkClientError.system(.connectFailed, "connect to \(peer)", errno: socketError)
            }
        }
        connected = true
        return TCPClientSocket(descriptor: descriptor, peerDescription: peer)
    }

    // MARK: BlockingByteStream

    public func read(into buffer: UnsafeMutableRawBufferPointer, timeout: Duration?) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let deadline = timeout.map { ContinuousClock.now + $0 }
        while true {
            // Try first: when bytes are already there, poll is a wasted call.
            let count = recv(descriptor, base, buffer.count, 0)
            if count >= 0 { return count }
            let code = errno
            switch code {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK:
                try Self.wait(descriptor, for: Int16(POLLIN), until: deadline, doing: "read from \(peerDescription)")
            default:
                throw NetworkClientError.system(.ioFailed, "read from \(peerDescription)", errno: code)
            }
        }
    }

    public func write(_ bytes: UnsafeRawBufferPointer, timeout: Duration?) throws {
        guard let base = bytes.baseAddress else { return }
        let deadline = timeout.map { ContinuousClock.now + $0 }
        var offset = 0
        while offset < bytes.count {
            // MSG_NOSIGNAL: a peer that went away is an error to report,
            // not a SIGPIPE that kills the process.
            let count = send(descriptor, base + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if count >= 0 {
                offset += count
                continue
            }
            let code = errno
            switch code {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK:
                try Self.wait(descriptor, for: Int16(POLLOUT), until: deadline, doing: "write to \(peerDescription)")
            default:
                throw NetworkClientError.system(.ioFailed, "write to \(peerDescription)", errno: code)
            }
        }
    }

    public func hasInputWhileIdle() -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&entry, 1, 0)
        return ready != 0 || isShutDown.load(ordering: .acquiring)
    }

    public func close() {
        guard !isShutDown.exchange(true, ordering: .acquiringAndReleasing) else { return }
        shutdown(descriptor, Int32(SHUT_RDWR))
    }

    /// Waits until `descriptor` is ready for `events` (or has an error or
    /// hang-up, which the next call reports).
    private static func wait(
        _ descriptor: Int32, for events: Int16, until deadline: ContinuousClock.Instant?, doing action: String
    ) throws {
        while true {
            let milliseconds = deadline.map { (ContinuousClock.now.duration(to: $0)).pollMilliseconds } ?? -1
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&entry, 1, milliseconds)
            if ready > 0 { return }
            if ready == 0 {
                if milliseconds == 0 { throw NetworkClientError(.timedOut, "\(action) timed out") }
                continue
            }
            let code = errno
            if code == EINTR { continue }
            throw NetworkClientError.system(.ioFailed, "\(action): poll", errno: code)
        }
    }
}
