import COpenSSL
import Glibc

/// The epoll event bits, as the `UInt32` that `epoll_event.events` holds
/// (glibc declares them as an enum Swift imports with a raw value;
/// the header comes through the COpenSSL shim, see shim.h).
enum EpollEvents {
    static let readable = EPOLLIN.rawValue
    static let writable = EPOLLOUT.rawValue
    static let error = EPOLLERR.rawValue
    static let hangUp = EPOLLHUP.rawValue
}
