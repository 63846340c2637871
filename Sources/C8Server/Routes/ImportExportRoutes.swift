import C8Core
import C8Engine
import C8Net
import C8Query

/// Bulk transfer (C8-PROTOCOL.md §5, §8): `POST /import/{collection}`,
/// `GET /export/{collection}` and the read-only query export `POST /export`.
struct ImportExportRoutes: RouteGroup {
    let services: APIServices

    var routes: [Route] {
        let named = RouteValue.path("collection")
        return [
            Route(.post, "/import/{collection}", access: .collection(named, .write), importDocuments),
            Route(.get, "/export/{collection}", access: .collection(named, .read), exportCollection),
            Route(.post, "/export", access: .fabric(.read), exportQuery),
        ]
    }

    /// `{data: [...], details, primaryKey?, replace}` (or a bare array) →
    /// `{result: {created, errors, updated, ignored, unprocessed,
    /// details?: {errors: [...], unprocessed: []}}}`. With `replace`, an
    /// existing `_key` is replaced; `?onDuplicate=` takes ArangoDB's modes.
    func importDocuments(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let collection = try context.collection()
        let body = try context.body()
        let documents: [JSON]
        switch body {
        case .array(let array): documents = array
        case .object: documents = body["data"].arrayValue ?? []
        default: throw C8Error(.badParameter, "the body must be {\"data\": [...]} or an array of documents")
        }
        var options = WriteOptions()
        options.waitForSync = try context.query.bool("waitForSync", default: false)
        options.overwriteMode = try overwriteMode(body, context.query)
        let primaryKey = body["primaryKey"].stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let keyed = primaryKey.map { name in documents.map { withKey($0, from: name) } } ?? documents
        let results = try collection.insert(many: keyed, options: options)

        var created = 0, updated = 0, ignored = 0
        var errors: [JSON] = []
        for (position, result) in results.enumerated() {
            switch result {
            case .success(let written):
                if written.ignored { ignored += 1 } else if written.oldRev != nil { updated += 1 } else { created += 1 }
            case .failure(let error):
                errors.append(.string("at position \(position): creating document failed with error '\(error.message)', offending document: \(keyed[position].jsonString())"))
            }
        }
        var summary: JSONObject = [
            "created": .int(Int64(created)), "errors": .int(Int64(errors.count)), "updated": .int(Int64(updated)),
            "ignored": .int(Int64(ignored)), "unprocessed": 0,
        ]
        var details = try LenientBoolean.member(body, "details")
        if details == nil { details = try context.query.bool("details", default: false) }
        if details == true {
            summary["details"] = ["errors": .array(errors), "unprocessed": []]
        }
        return APIResponse.result(200, .object(summary))
    }

    private func overwriteMode(_ body: JSON, _ query: QueryParameters) throws(C8Error) -> OverwriteMode {
        switch query["onDuplicate"] {
        case nil, ""?: return try LenientBoolean.member(body, "replace") == true ? .replace : .conflict
        case "error"?: return .conflict
        case "update"?: return .update
        case "replace"?: return .replace
        case "ignore"?: return .ignore
        case let other?: throw C8Error(.badParameter, "onDuplicate must be error, update, replace or ignore, not '\(other)'")
        }
    }

    /// The document with `_key` taken from attribute `name` (stringified
    /// numbers included), when it has one.
    private func withKey(_ document: JSON, from name: String) -> JSON {
        guard case .object(var object) = document, object.index(forKey: "_key") == nil, let value = object[name] else { return document }
        switch value {
        case .string(let text): object["_key"] = .string(text)
        case .int(let n): object["_key"] = .string(String(n))
        default: return document
        }
        return .object(object)
    }

    /// Documents in `_key` order (`?order=desc` reverses), without `_id` and
    /// `_rev`, skipping `offset`; `limit` 0 or absent means all.
    func exportCollection(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let collection = try context.collection()
        let offset = try context.query.int("offset") ?? 0
        let limit = try context.query.int("limit") ?? 0
        guard offset >= 0, limit >= 0 else { throw C8Error(.badParameter, "offset and limit must not be negative") }
        let scanner = collection.scan(reverse: try context.query.descendingOrder())
        var skipped = 0
        while skipped < offset, scanner.skip() { skipped += 1 }
        var documents: [JSON] = []
        while limit == 0 || documents.count < limit, let document = try scanner.next() {
            guard case .object(var object) = document else { continue }
            object.removeValue(forKey: "_id")
            object.removeValue(forKey: "_rev")
            documents.append(.object(object))
        }
        return APIResponse.result(200, .array(documents))
    }

    /// `{query, bindVars?}` → `{result: [...]}`; queries that write are
    /// refused (400, errorNum 10), as GDN refuses them.
    func exportQuery(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let body = try context.objectBody()
        let query = try QueryBody.query(body)
        try ModificationCheck.requireReadOnly(query, endpoint: "Export")
        let results = try services.queries.query(
            query, bindVariables: try QueryBody.bindVariables(body), fabric: try context.fabric(),
            access: QueryAccess.check(context))
        return APIResponse.result(200, .array(results))
    }
}
