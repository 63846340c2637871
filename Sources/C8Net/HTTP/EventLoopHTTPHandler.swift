/// A handler that can answer some requests on the event loop itself.
///
/// Handing a request to the worker pool and its response back costs two
/// thread switches, which dominates a request that is a cache lookup. A
/// handler adopting this protocol is asked first, on the loop; it returns
/// a response only when it can produce one without blocking and within
/// microseconds (a cached document, a static answer), and nil to have
/// `handle` run on the worker pool as usual. A slow answer here stalls
/// every connection of the loop.
public protocol EventLoopHTTPHandler: HTTPHandler {
    func respondOnEventLoop(to request: HTTPRequest, peer: PeerInfo) -> HTTPResponse?
}
