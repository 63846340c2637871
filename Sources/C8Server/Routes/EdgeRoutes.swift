import C8Core
import C8Engine
import C8Net

/// `GET /edges/{collection}?vertex=<id>[&direction=in|out]`: the edges of
/// a vertex in one edge collection, with the stats pyC8 reads.
struct EdgeRoutes: RouteGroup {
    let services: APIServices

    var routes: [Route] {
        [Route(.get, "/edges/{collection}", access: .collection(.path("collection"), .read), edges)]
    }

    func edges(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let collection = try context.collection()
        guard let vertex = context.query["vertex"], !vertex.isEmpty else {
            throw C8Error(.badParameter, "query parameter 'vertex' is required")
        }
        guard DocumentHandle.isValid(vertex) else { throw C8Error(.documentHandleBad, detail: vertex) }
        let direction: EdgeIndex.Direction
        switch context.query["direction"]?.lowercased() {
        case nil, ""?, "any"?: direction = .any
        case "in"?, "inbound"?: direction = .inbound
        case "out"?, "outbound"?: direction = .outbound
        case let other?: throw C8Error(.badParameter, "direction must be in, out or any, not '\(other)'")
        }
        let edges = try collection.edges(of: vertex, direction: direction)
        return APIResponse.envelope(200, [
            "edges": .array(edges),
            "stats": ["scannedIndex": .int(Int64(edges.count)), "filtered": 0],
        ])
    }
}
