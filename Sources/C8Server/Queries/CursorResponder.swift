import C8Core
import C8Net
import C8Query
import Foundation

/// Hands out cursor batches — of `/cursor` and of RESTQL — and keeps the
/// server's record of them: who may continue a cursor, where it was opened,
/// and which finished queries were slow.
struct CursorResponder {
    let services: APIServices

    static let forwardedHeader = "x-c8-request-forwarded-to"

    /// Answers the first batch of a query (201), remembering the cursor
    /// when more batches follow.
    func first(_ body: JSON, query: String, bindVariables: JSONObject, timeToLive: Double?, context: RouteContext) -> HTTPResponse {
        let now = Date()
        let origin = CursorOrigins.Origin(
            cursorId: body["id"].stringValue ?? "", tenant: context.tenantName, fabric: context.path.fabric, region: context.region, query: query,
            bindVariables: bindVariables, started: now, lastUsed: now,
            timeToLive: timeToLive ?? services.queries.cursors.defaultTimeToLive)
        var body = body
        if body["id"].stringValue != nil, body["hasMore"].boolValue == true {
            body = Self.naming(body, services.cursorOrigins.record(origin))
        } else {
            finished(body, origin: origin, id: body["id"].stringValue ?? "", in: services)
        }
        return APIResponse.envelope(201, merging: body)
    }

    /// The next batch of cursor `id` (200). A cursor opened in another
    /// region is served by that region's query engine, which holds it, and
    /// the answer says so with `x-c8-request-forwarded-to`.
    /// - Throws: 404 (1600) for a cursor unknown, expired, or of another tenant.
    func next(_ id: String, context: RouteContext) throws(C8Error) -> HTTPResponse {
        let origin = try owned(id, context: context)
        let holder = context.services(of: origin.region)
        let body: JSON
        do {
            body = try holder.queries.cursors.next(origin.cursorId)
        } catch {
            services.cursorOrigins.remove(id)
            throw error
        }
        if body["hasMore"].boolValue != true {
            services.cursorOrigins.remove(id)
            finished(body, origin: origin, id: id, in: holder)
        }
        return APIResponse.envelope(200, merging: Self.naming(body, id), headers: forwarded(origin, context))
    }

    /// Deletes cursor `id`, in the region holding it: 202 `{"id": …}`.
    func delete(_ id: String, context: RouteContext) throws(C8Error) -> HTTPResponse {
        let origin = try owned(id, context: context)
        services.cursorOrigins.remove(id)
        try context.services(of: origin.region).queries.cursors.delete(origin.cursorId)
        return APIResponse.envelope(202, ["id": .string(id)], headers: forwarded(origin, context))
    }

    /// `x-c8-request-forwarded-to` when another region than the request's served it.
    private func forwarded(_ origin: CursorOrigins.Origin, _ context: RouteContext) -> HTTPHeaders {
        var headers = HTTPHeaders()
        if origin.region != context.region { headers.set(Self.forwardedHeader, origin.region) }
        return headers
    }

    /// A batch with the server-wide cursor id in place of the region's own.
    private static func naming(_ body: JSON, _ id: String) -> JSON {
        guard case .object(var members) = body, members["id"] != nil else { return body }
        members["id"] = .string(id)
        return .object(members)
    }

    private func owned(_ id: String, context: RouteContext) throws(C8Error) -> CursorOrigins.Origin {
        guard let origin = services.cursorOrigins.touch(id), origin.tenant == context.tenantName else {
            throw C8Error(.cursorNotFound, detail: id)
        }
        return origin
    }

    /// Records a finished query in the slow query log of the region that ran it.
    private func finished(_ body: JSON, origin: CursorOrigins.Origin, id: String, in holder: APIServices) {
        let runTime = body["extra"]["stats"]["executionTime"].doubleValue ?? Date().timeIntervalSince(origin.started)
        holder.slowQueries.record(SlowQueryLog.Entry(
            id: id, tenant: origin.tenant, fabric: origin.fabric, query: origin.query,
            bindVariables: origin.bindVariables, started: origin.started, runTime: runTime))
    }
}
