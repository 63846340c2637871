import C8Cluster
import C8Core
import C8Net

/// The region simulator (Docs/SERVER.md, "Simulator"): the federation's
/// status, and faults and latency injected into it. Server admins only,
/// since a partition or a region taken down affects every tenant. Every
/// call answers 200 with the federation's status as it is afterwards, in
/// the shape of `GET /_api/simulator`.
///
/// These routes are about the federation, not a region: the handler
/// serves them even while the region a request names is down, so a
/// region can be brought back up through its own host name.
struct SimulatorRoutes: RouteGroup {
    let federation: Federation

    var routes: [Route] {
        var routes = [
            Route(.get, "/simulator", access: .serverAdmin, status),
            Route(.post, "/simulator/partition", access: .serverAdmin, partition),
            Route(.post, "/simulator/heal", access: .serverAdmin, heal),
            Route(.put, "/simulator/latency", access: .serverAdmin, latency),
        ]
        for up in [false, true] {
            let state = up ? "up" : "down"
            routes.append(Route(.post, "/simulator/region/{region}/\(state)", access: .serverAdmin) { context throws(C8Error) in
                try federation.setRegion(try context.parameter("region"), up: up)
                return status(context)
            })
            routes.append(Route(.post, "/simulator/node/{region}/{node}/\(state)", access: .serverAdmin) { context throws(C8Error) in
                try federation.setNode(try context.parameter("node"), of: try context.parameter("region"), up: up)
                return status(context)
            })
        }
        return routes
    }

    func status(_ context: RouteContext) -> HTTPResponse {
        APIResponse.json(200, federation.status().json)
    }

    /// `{"a": R1, "b": R2}`: cuts the link both ways.
    func partition(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let link = try SimulatorLink(try context.objectBody(), context)
        try federation.partition(link.a, link.b)
        return status(context)
    }

    /// `{}` heals every link, `{"a": R1, "b": R2}` one.
    func heal(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let body = try context.objectBody()
        if body["a"].isNull, body["b"].isNull {
            try federation.heal()
        } else {
            let link = try SimulatorLink(body, context)
            try federation.heal(link.a, link.b)
        }
        return status(context)
    }

    /// `{"a": R1, "b": R2, "ms": N}`: the one-way latency of the link, both ways.
    func latency(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let body = try context.objectBody()
        let link = try SimulatorLink(body, context)
        guard let milliseconds = body["ms"].doubleValue else {
            throw C8Error(.badParameter, "'ms' is required and must be a number of milliseconds")
        }
        try federation.setLatency(link.a, link.b, milliseconds: milliseconds)
        return status(context)
    }
}

/// The two regions of a link named by a simulator body, `{"a": R1, "b": R2}`.
private struct SimulatorLink {
    let a: String
    let b: String

    /// - Throws: 400 (errorNum 10) when either is missing or not a string.
    init(_ body: JSON, _ context: RouteContext) throws(C8Error) {
        a = try context.requiredString(body, "a")
        b = try context.requiredString(body, "b")
    }
}
