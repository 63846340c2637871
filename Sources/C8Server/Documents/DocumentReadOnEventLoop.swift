import C8Net

/// Single-document reads answered on the transport's event loop when the
/// document is in the engine's document cache.
///
/// Handing a request to the worker pool and the response back costs two
/// thread switches, more than the cached read itself; and the pool's many
/// threads contend for the locks a hot document's read takes (the cache
/// shard, the principal cache). So a `GET` or `HEAD` of
/// `…/_api/document/{collection}/{key}` runs through the ordinary
/// ``C8APIHandler/handle(_:peer:)`` — routing, authentication, permissions,
/// CORS and headers are exactly the worker path's — with this marker
/// bound; ``DocumentRoutes`` then answers only from the cache and
/// otherwise hands the request back, and a worker serves it from the
/// start. A request whose answer did not come from the cache (not cached,
/// not found, an `If-Match`, refused access, an unknown route) is handed
/// back too, so the event loop never waits for storage for a document.
/// (Authentication may read storage once per API key or token, until the
/// authenticator's principal cache holds it.)
final class DocumentReadOnEventLoop: @unchecked Sendable {
    // @unchecked: bound to one handle() call on one thread, never shared.

    /// Set by the route when the answer came from the document cache.
    var served = false

    @TaskLocal static var current: DocumentReadOnEventLoop?

    /// What the route returns when it cannot answer from the cache; never
    /// sent (``served`` stays false, so the request goes to a worker).
    func handBack() -> HTTPResponse {
        served = false
        return HTTPResponse(status: 503)
    }

    /// Whether `request` may be a single-document read: a cheap look at the
    /// method and the target's bytes before any `?`, before any parsing
    /// (`rawPath` splits by characters, and `contains` on strings goes
    /// through Foundation: both showed in profiles of this path).
    static func mayServe(_ request: HTTPRequest) -> Bool {
        guard request.method == .get || request.method == .head else { return false }
        let target = request.target.utf8
        let path = target.prefix { $0 != UInt8(ascii: "?") }
        let marker = documentSegment.utf8
        guard path.count >= marker.count else { return false }
        var start = path.startIndex
        while let slash = path[start...].firstIndex(of: UInt8(ascii: "/")) {
            if path[slash...].starts(with: marker) { return true }
            start = path.index(after: slash)
        }
        return false
    }

    private static let documentSegment = "/_api/document/"
}

extension C8APIHandler: EventLoopHTTPHandler {
    public func respondOnEventLoop(to request: HTTPRequest, peer: PeerInfo) -> HTTPResponse? {
        guard DocumentReadOnEventLoop.mayServe(request) else { return nil }
        let marker = DocumentReadOnEventLoop()
        let response = DocumentReadOnEventLoop.$current.withValue(marker) { handle(request, peer: peer) }
        return marker.served ? response : nil
    }
}
