import C8Core
import C8Engine
import C8Net

/// Documents (C8-PROTOCOL.md §6, ArangoDB's `/_api/document`): single and
/// batch insert, update, replace and remove with every option, reads with
/// `ETag`, `If-Match` (412) and `If-None-Match` (304), and HEAD.
struct DocumentRoutes: RouteGroup {
    let services: APIServices

    var routes: [Route] {
        let named = RouteValue.path("collection")
        return [
            Route(.get, "/document/{collection}/{key}", access: .collection(named, .read), read),
            Route(.post, "/document/{collection}", access: .collection(named, .write), insert),
            Route(.patch, "/document/{collection}/{key}", access: .collection(named, .write), update),
            Route(.put, "/document/{collection}/{key}", access: .collection(named, .write), replace),
            Route(.delete, "/document/{collection}/{key}", access: .collection(named, .write), remove),
            Route(.patch, "/document/{collection}", access: .collection(named, .write), updateMany),
            Route(.put, "/document/{collection}", access: .collection(named, .write), replaceMany),
            Route(.delete, "/document/{collection}", access: .collection(named, .write), removeMany),
        ]
    }

    /// GET and HEAD (the handler strips HEAD bodies). The document goes
    /// from its stored binary form straight to JSON text, with no `JSON`
    /// tree in between. On an event loop (``DocumentReadOnEventLoop``) only
    /// a cached document is answered; anything else is handed back to be
    /// served by a worker.
    func read(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let collection = try context.collection()
        let key = try context.parameter("key")
        let text: DocumentText?
        if let loop = DocumentReadOnEventLoop.current {
            guard !context.request.headers.contains("If-Match"),
                  let cached = try collection.cachedDocumentText(key) else { return loop.handBack() }
            text = cached
            loop.served = true
        } else {
            text = try collection.documentText(key)
        }
        guard let text else {
            throw C8Error(.documentNotFound, detail: "\(collection.name)/\(key)")
        }
        return DocumentTextResponse.read(text, request: context.request, collection: collection, key: key)
    }

    /// One document (an object body) or many (an array body).
    func insert(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let collection = try context.collection()
        let body = try context.body()
        switch body {
        case .object:
            let options = try WriteOptions(context, singleDocument: false)
            let result = try collection.insert(body, options: options)
            return DocumentResponses.written(result, options: options, status: status(options, collection))
        case .array(let documents):
            let options = try WriteOptions(context, singleDocument: false)
            let results = try collection.insert(many: documents, options: options)
            return DocumentResponses.batch(results, options: options, status: status(options, collection))
        default:
            throw C8Error(.documentTypeInvalid, "the body must be a document or an array of documents")
        }
    }

    func update(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        try modify(context) { collection, selector, body, options throws(C8Error) in
            try collection.update(selector, with: body, options: options)
        }
    }

    func replace(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        try modify(context) { collection, selector, body, options throws(C8Error) in
            try collection.replace(selector, with: body, options: options)
        }
    }

    func remove(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let collection = try context.collection()
        let key = try context.parameter("key")
        let options = try WriteOptions(context, singleDocument: true)
        return try DocumentResponses.guardingRevision(in: collection, key: key) { () throws(C8Error) in
            let result = try collection.remove(DocumentSelector(key: key), options: options)
            return DocumentResponses.written(result, options: options, status: status(options, collection, removal: true))
        }
    }

    func updateMany(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        try batch(context) { collection, items, options throws(C8Error) in try collection.update(many: items, options: options) }
    }

    func replaceMany(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        try batch(context) { collection, items, options throws(C8Error) in try collection.replace(many: items, options: options) }
    }

    /// The body lists keys, handles or `{_key[, _rev]}` objects.
    func removeMany(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        try batch(context, removal: true) { collection, items, options throws(C8Error) in try collection.remove(many: items, options: options) }
    }

    // MARK: - Shared shapes

    private func status(_ options: WriteOptions, _ collection: DocumentCollection, removal: Bool = false) -> Int {
        DocumentResponses.status(synced: DocumentResponses.synced(options, collection), removal: removal)
    }

    /// An update or replace of the document the URL names. Its revision is
    /// guarded by `If-Match`, or — with `ignoreRevs=false` — by the body's
    /// `_rev` (pyC8's only guard).
    private func modify(
        _ context: RouteContext,
        _ write: (DocumentCollection, DocumentSelector, JSON, WriteOptions) throws(C8Error) -> DocumentResult
    ) throws(C8Error) -> HTTPResponse {
        let collection = try context.collection()
        let key = try context.parameter("key")
        let body = try context.body()
        guard case .object = body else { throw C8Error(.documentTypeInvalid, "the body must be a JSON object") }
        let options = try WriteOptions(context, singleDocument: true)
        return try DocumentResponses.guardingRevision(in: collection, key: key) { () throws(C8Error) in
            let result = try write(collection, DocumentSelector(key: key, rev: body["_rev"].stringValue), body, options)
            return DocumentResponses.written(result, options: options, status: status(options, collection))
        }
    }

    private func batch(
        _ context: RouteContext, removal: Bool = false,
        _ write: (DocumentCollection, [JSON], WriteOptions) throws(C8Error) -> [Result<DocumentResult, C8Error>]
    ) throws(C8Error) -> HTTPResponse {
        let collection = try context.collection()
        guard case .array(let items) = try context.body() else {
            throw C8Error(.badParameter, "the body must be an array")
        }
        let options = try WriteOptions(context, singleDocument: false)
        let results = try write(collection, items, options)
        return DocumentResponses.batch(results, options: options, status: status(options, collection, removal: removal))
    }
}
