import C8Core
import C8Engine
import C8Net

/// The response to a single-document read from its JSON text
/// (``DocumentCollection/documentText(_:)``): the same status, headers and
/// bytes as ``DocumentResponses/read(_:request:answer:)`` gives for the
/// decoded document, without decoding it.
enum DocumentTextResponse {
    /// 304 when `If-None-Match` names the revision, 412 when `If-Match`
    /// names another (its body needs the document's `_id`/`_key`/`_rev`,
    /// read the ordinary way: a rare answer), else 200 with the text.
    static func read(_ text: DocumentText, request: HTTPRequest, collection: DocumentCollection, key: String) -> HTTPResponse {
        var headers = Revisions.headers(text.rev)
        if let unwanted = Revisions.expected(request.headers["If-None-Match"]), unwanted == text.rev {
            return APIResponse.empty(304, headers: headers)
        }
        if let expected = Revisions.expected(request.headers["If-Match"]), expected != text.rev {
            return Revisions.preconditionFailed(C8Error(.conflict, httpStatus: 412), current: try? collection.document(key))
        }
        headers.set("Content-Type", "application/json; charset=utf-8")
        return HTTPResponse(status: 200, headers: headers, body: text.json)
    }
}
