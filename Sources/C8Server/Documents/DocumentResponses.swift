import C8Core
import C8Engine
import C8Net

/// Responses of document operations, shared by `/document` and the graph
/// vertex and edge routes: revision headers and preconditions, the status
/// ArangoDB gives synced and unsynced writes, and batch results.
enum DocumentResponses {
    /// 201 for a write that was synced to disk, 202 for one that was not;
    /// removals answer 200 when synced.
    static func status(synced: Bool, removal: Bool = false) -> Int {
        synced ? (removal ? 200 : 201) : 202
    }

    /// Whether a write to `collection` with `options` was synced.
    static func synced(_ options: WriteOptions, _ collection: DocumentCollection) -> Bool {
        options.waitForSync || collection.properties.waitForSync
    }

    /// A read of one document: 304 when `If-None-Match` names its revision,
    /// 412 when `If-Match` names another, else `answer` (by default 200 with
    /// the bare document) given the `ETag` headers.
    static func read(
        _ document: JSON, request: HTTPRequest,
        answer: (JSON, HTTPHeaders) -> HTTPResponse = { APIResponse.json(200, $0, headers: $1) }
    ) -> HTTPResponse {
        let rev = document["_rev"].stringValue ?? ""
        let headers = Revisions.headers(rev)
        if let unwanted = Revisions.expected(request.headers["If-None-Match"]), unwanted == rev {
            return APIResponse.empty(304, headers: headers)
        }
        if let expected = Revisions.expected(request.headers["If-Match"]), expected != rev {
            return Revisions.preconditionFailed(C8Error(.conflict, httpStatus: 412), current: document)
        }
        return answer(document, headers)
    }

    /// One write's response: the result's metadata (`{}` when silent), the
    /// new revision as `ETag`.
    static func written(_ result: DocumentResult, options: WriteOptions, status: Int) -> HTTPResponse {
        let body: JSON = options.silent ? .object(JSONObject()) : result.json
        return APIResponse.json(status, body, headers: Revisions.headers(result.rev))
    }

    /// A batch's response: one item per input, failures as
    /// `{"error":true,"errorNum":…,"errorMessage":…}` — never with `_id`,
    /// which pyC8 takes as the mark of success. Silent batches list only
    /// their failures.
    static func batch(_ results: [Result<DocumentResult, C8Error>], options: WriteOptions, status: Int) -> HTTPResponse {
        var items: [JSON] = []
        items.reserveCapacity(results.count)
        for result in results {
            switch result {
            case .success(let written): if !options.silent { items.append(written.json) }
            case .failure(let error): items.append(failure(error))
            }
        }
        return APIResponse.json(status, .array(items))
    }

    static func failure(_ error: C8Error) -> JSON {
        ["error": true, "errorNum": .int(Int64(error.errorNum)), "errorMessage": .string(error.message)]
    }

    /// Runs a single-document write; a revision precondition failure becomes
    /// ArangoDB's 412 body carrying the document's current revision.
    static func guardingRevision(
        in collection: DocumentCollection, key: String, _ write: () throws(C8Error) -> HTTPResponse
    ) throws(C8Error) -> HTTPResponse {
        do {
            return try write()
        } catch where Revisions.isPreconditionFailure(error) {
            return Revisions.preconditionFailed(error, current: try? collection.document(key))
        }
    }
}
