import C8Core
import C8Net

/// Document revisions in HTTP headers: `ETag` on the way out, `If-Match`
/// and `If-None-Match` on the way in (quoted or not, as clients differ).
enum Revisions {
    /// The ETag value of a revision: the revision in double quotes.
    static func etag(_ rev: String) -> String { "\"" + rev + "\"" }

    /// Headers carrying a document's revision.
    static func headers(_ rev: String?) -> HTTPHeaders {
        var headers = HTTPHeaders()
        if let rev, !rev.isEmpty { headers.set("ETag", etag(rev)) }
        return headers
    }

    /// The revision a precondition header names; nil for none or `*`
    /// (which any revision satisfies).
    static func expected(_ header: String?) -> String? {
        guard var value = header?.trimmingSpaces, !value.isEmpty, value != "*" else { return nil }
        if value.hasPrefix("W/") { value = String(value.dropFirst(2)) }
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
        return value
    }

    /// Whether an error is a revision precondition failure (1200 answered
    /// with 412), which ArangoDB clients tell from a write conflict by the
    /// status.
    static func isPreconditionFailure(_ error: C8Error) -> Bool {
        error.matches(.conflict) && error.code == 412
    }

    /// The 412 body ArangoDB sends: the error envelope plus the current
    /// `_id`, `_key` and `_rev`, so the client can retry against them.
    static func preconditionFailed(_ error: C8Error, current document: JSON?) -> HTTPResponse {
        var body = error.json.objectValue ?? JSONObject()
        body["code"] = 412
        body["errorMessage"] = "precondition failed"
        var headers = HTTPHeaders()
        if let document {
            body["_id"] = document["_id"]
            body["_key"] = document["_key"]
            body["_rev"] = document["_rev"]
            headers = self.headers(document["_rev"].stringValue)
        }
        return APIResponse.json(412, .object(body), headers: headers)
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return String(text)
    }
}
