import Glibc

/// An IPv4 or IPv6 socket address, as the kernel takes and returns it.
struct SocketAddress {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)

    var family: Int32 { Int32(storage.ss_family) }

    /// The addresses `host` names for listening on `port` (`0.0.0.0`, `::`,
    /// `localhost`, a literal); an empty host means every interface.
    ///
    /// - Throws: `TransportError` when the name does not resolve.
    static func resolve(host: String, port: Int) throws(TransportError) -> [SocketAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = host.isEmpty
            ? getaddrinfo(nil, String(port), &hints, &list)
            : getaddrinfo(host, String(port), &hints, &list)
        guard status == 0 else {
            throw TransportError(operation: "resolve \(host)", code: 0, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }
        var addresses: [SocketAddress] = []
        var entry = list
        while let info = entry?.pointee {
            if let source = info.ai_addr, info.ai_family == AF_INET || info.ai_family == AF_INET6 {
                var address = SocketAddress()
                address.length = info.ai_addrlen
                withUnsafeMutableBytes(of: &address.storage) { target in
                    target.copyMemory(from: UnsafeRawBufferPointer(start: source, count: Int(info.ai_addrlen)))
                }
                addresses.append(address)
            }
            entry = info.ai_next
        }
        return addresses
    }

    /// The address text and port (`127.0.0.1`, `::1`).
    var hostAndPort: (host: String, port: Int) {
        var copy = storage
        return withUnsafePointer(to: &copy) { raw in
            var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
            switch Int32(storage.ss_family) {
            case AF_INET:
                return raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                    var address = v4.pointee.sin_addr
                    inet_ntop(AF_INET, &address, &text, socklen_t(text.count))
                    return (text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }, Int(UInt16(bigEndian: v4.pointee.sin_port)))
                }
            case AF_INET6:
                return raw.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                    var address = v6.pointee.sin6_addr
                    inet_ntop(AF_INET6, &address, &text, socklen_t(text.count))
                    return (text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }, Int(UInt16(bigEndian: v6.pointee.sin6_port)))
                }
            default:
                return ("unknown", 0)
            }
        }
    }

    /// Calls `body` with the address as the `sockaddr` pointer system calls take.
    func withSocketAddress<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
        var copy = storage
        return withUnsafePointer(to: &copy) { raw in
            raw.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }

    /// The local address of a bound socket.
    static func local(of descriptor: Int32) throws(TransportError) -> SocketAddress {
        var address = SocketAddress()
        let status = withUnsafeMutablePointer(to: &address.storage) { raw in
            raw.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &address.length) }
        }
        guard status == 0 else { throw .errno("getsockname") }
        return address
    }
}
