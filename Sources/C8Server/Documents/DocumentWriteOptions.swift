import C8Core
import C8Engine

extension WriteOptions {
    /// The options of a document write as a request gives them: query
    /// parameters with ArangoDB's defaults (`ignoreRevs`, `keepNull`,
    /// `mergeObjects` true; the rest false), and for single-document
    /// operations the revision of `If-Match` (or `?rev=`).
    ///
    /// `overwrite` is honoured on inserts (replace an existing key);
    /// pyC8 also sends it on update, replace and remove, where it has no
    /// meaning and is ignored.
    /// - Throws: 400 for a malformed boolean or an unknown `overwriteMode`.
    init(_ context: RouteContext, singleDocument: Bool) throws(C8Error) {
        self.init()
        let query = context.query
        waitForSync = try query.bool("waitForSync", default: false)
        returnNew = try query.bool("returnNew", default: false)
        returnOld = try query.bool("returnOld", default: false)
        silent = try query.bool("silent", default: false)
        ignoreRevs = try query.bool("ignoreRevs", default: true)
        keepNull = try query.bool("keepNull", default: true)
        mergeObjects = try query.bool("mergeObjects", default: true)
        if let mode = query["overwriteMode"], !mode.isEmpty {
            guard let parsed = OverwriteMode(rawValue: mode) else {
                throw C8Error(.badParameter, "overwriteMode must be conflict, ignore, replace or update, not '\(mode)'")
            }
            overwriteMode = parsed
        } else if try query.bool("overwrite", default: false) {
            overwriteMode = .replace
        }
        if singleDocument {
            ifMatch = Revisions.expected(context.request.headers["If-Match"]) ?? query["rev"].flatMap { $0.isEmpty ? nil : $0 }
        }
    }
}
