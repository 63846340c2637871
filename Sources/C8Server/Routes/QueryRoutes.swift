import C8Core
import C8Net
import C8Query

/// C8QL administration (C8-PROTOCOL.md §8): validate, explain, the running
/// and slow queries, killing one, and the slow query log's properties.
struct QueryRoutes: RouteGroup {
    let services: APIServices

    var routes: [Route] {
        [
            Route(.post, "/query", access: .fabric(.read), validate),
            Route(.post, "/query/explain", access: .fabric(.read), explain),
            Route(.get, "/query/current", access: .fabric(.read), current),
            Route(.get, "/query/slow", access: .fabric(.read), slow),
            Route(.delete, "/query/slow", access: .fabric(.administer), clearSlow),
            Route(.get, "/query/properties", access: .fabric(.read), properties),
            Route(.put, "/query/properties", access: .fabric(.administer), setProperties),
            Route(.delete, "/query/{id}", access: .fabric(.administer), kill),
        ]
    }

    /// `{parsed: true, collections, bindVars}`; syntax errors are 400/1501.
    func validate(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let query = try QueryBody.query(try context.objectBody())
        return APIResponse.envelope(200, merging: try services.queries.validate(query))
    }

    /// `{plan, warnings, stats, cacheable}`, or `{plans: [plan], …}` with
    /// `options.allPlans` (there is only ever one plan).
    func explain(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let body = try context.objectBody()
        var explained = try services.queries.explain(
            try QueryBody.query(body), bindVariables: try QueryBody.bindVariables(body), fabric: try context.fabric(),
            access: QueryAccess.check(context))
        if try LenientBoolean.member(body["options"], "allPlans") == true, var object = explained.objectValue {
            object["plans"] = .array([object["plan"] ?? .null])
            object.removeValue(forKey: "plan")
            explained = .object(object)
        }
        return APIResponse.envelope(200, merging: explained)
    }

    /// The queries running in this fabric, as a bare array (ArangoDB's shape).
    func current(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let fabric = try context.fabric()
        return APIResponse.json(200, .array(services.queries.runningQueries().filter { $0.fabric == fabric.name }.map(\.json)))
    }

    func slow(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        _ = try context.fabric()
        let entries = services.slowQueries.entries(tenant: context.tenantName, fabric: context.path.fabric)
        return APIResponse.json(200, .array(entries.map(\.json)))
    }

    func clearSlow(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        _ = try context.fabric()
        services.slowQueries.clear(tenant: context.tenantName, fabric: context.path.fabric)
        return APIResponse.envelope(200)
    }

    func properties(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        APIResponse.envelope(200, merging: services.slowQueries.properties.json)
    }

    /// Accepts `enabled`/`trackSlowQueries`, `slowQueryThreshold` and
    /// `maxSlowQueries`; other ArangoDB properties are fixed.
    func setProperties(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let body = try context.objectBody()
        var enabled = try LenientBoolean.member(body, "trackSlowQueries")
        if enabled == nil { enabled = try LenientBoolean.member(body, "enabled") }
        let threshold = body["slowQueryThreshold"]
        guard threshold.isNull || (threshold.doubleValue ?? -1) >= 0 else {
            throw C8Error(.badParameter, "slowQueryThreshold must be a number of seconds")
        }
        let capacity = body["maxSlowQueries"]
        guard capacity.isNull || (capacity.intValue ?? -1) >= 0 else {
            throw C8Error(.badParameter, "maxSlowQueries must be a non-negative integer")
        }
        services.slowQueries.configure { properties in
            if let enabled { properties.enabled = enabled }
            if let seconds = threshold.doubleValue { properties.threshold = seconds }
            if let count = capacity.intValue { properties.capacity = Int(count) }
        }
        return APIResponse.envelope(200, merging: services.slowQueries.properties.json)
    }

    /// Kills a query of this fabric. - Throws: 404 (1591) when none runs.
    func kill(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let id = try context.parameter("id")
        let fabric = try context.fabric()
        guard services.queries.runningQueries().contains(where: { $0.id == id && $0.fabric == fabric.name }) else {
            throw C8Error(.queryNotFound, detail: "query \(id)")
        }
        try services.queries.kill(id)
        return APIResponse.envelope(200)
    }
}
