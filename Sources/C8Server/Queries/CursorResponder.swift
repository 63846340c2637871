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
            tenant: context.tenantName, fabric: context.path.fabric, region: context.region, query: query,
            bindVariables: bindVariables, started: now, lastUsed: now,
            timeToLive: timeToLive ?? services.queries.cursors.defaultTimeToLive)
        if let id = body["id"].stringValue, body["hasMore"].boolValue == true {
            services.cursorOrigins.record(id, origin)
        } else {
            finished(body, origin: origin, id: body["id"].stringValue ?? "")
        }
        return APIResponse.envelope(201, merging: body)
    }

    /// The next batch of cursor `id` (200). A cursor opened in another
    /// region is served there — one engine serves every region today — and
    /// the answer says so with `x-c8-request-forwarded-to`.
    /// - Throws: 404 (1600) for a cursor unknown, expired, or of another tenant.
    func next(_ id: String, context: RouteContext) throws(C8Error) -> HTTPResponse {
        let origin = try owned(id, context: context)
        let body: JSON
        do {
            body = try services.queries.cursors.next(id)
        } catch {
            services.cursorOrigins.remove(id)
            throw error
        }
        if body["hasMore"].boolValue != true {
            services.cursorOrigins.remove(id)
            finished(body, origin: origin, id: id)
        }
        var headers = HTTPHeaders()
        if origin.region != context.region { headers.set(Self.forwardedHeader, origin.region) }
        return APIResponse.envelope(200, merging: body, headers: headers)
    }

    /// Deletes cursor `id`: 202 `{"id": …}`.
    func delete(_ id: String, context: RouteContext) throws(C8Error) -> HTTPResponse {
        _ = try owned(id, context: context)
        services.cursorOrigins.remove(id)
        try services.queries.cursors.delete(id)
        return APIResponse.envelope(202, ["id": .string(id)])
    }

    private func owned(_ id: String, context: RouteContext) throws(C8Error) -> CursorOrigins.Origin {
        guard let origin = services.cursorOrigins.touch(id), origin.tenant == context.tenantName else {
            throw C8Error(.cursorNotFound, detail: id)
        }
        return origin
    }

    private func finished(_ body: JSON, origin: CursorOrigins.Origin, id: String) {
        let runTime = body["extra"]["stats"]["executionTime"].doubleValue ?? Date().timeIntervalSince(origin.started)
        services.slowQueries.record(SlowQueryLog.Entry(
            id: id, tenant: origin.tenant, fabric: origin.fabric, query: origin.query,
            bindVariables: origin.bindVariables, started: origin.started, runTime: runTime))
    }
}
