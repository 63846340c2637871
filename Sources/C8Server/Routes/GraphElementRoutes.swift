import C8Core
import C8Engine
import C8Net

/// Vertices and edges through a named graph (gharial): the same five
/// operations under `/graph/{g}/vertex/{collection}` and
/// `/graph/{g}/edge/{collection}`, checked against the graph's definitions.
/// Answers wrap the document as `{"vertex": …}` or `{"edge": …}`, with
/// `new`/`old` beside it.
struct GraphElementRoutes: RouteGroup {
    let services: APIServices

    /// Which kind of graph element a route handles.
    enum Element: String, Sendable, CaseIterable {
        case vertex, edge

        func insert(_ store: GraphStore, _ graph: String, _ collection: String, _ body: JSON, _ options: WriteOptions) throws(C8Error) -> DocumentResult {
            switch self {
            case .vertex: try store.insertVertex(graph, collection: collection, body, options: options)
            case .edge: try store.insertEdge(graph, collection: collection, body, options: options)
            }
        }

        func read(_ store: GraphStore, _ graph: String, _ collection: String, _ key: String) throws(C8Error) -> JSON {
            switch self {
            case .vertex: try store.vertex(graph, collection: collection, key: key)
            case .edge: try store.edge(graph, collection: collection, key: key)
            }
        }

        func update(_ store: GraphStore, _ graph: String, _ collection: String, _ key: String, _ body: JSON, _ options: WriteOptions) throws(C8Error) -> DocumentResult {
            switch self {
            case .vertex: try store.updateVertex(graph, collection: collection, key: key, body, options: options)
            case .edge: try store.updateEdge(graph, collection: collection, key: key, body, options: options)
            }
        }

        func replace(_ store: GraphStore, _ graph: String, _ collection: String, _ key: String, _ body: JSON, _ options: WriteOptions) throws(C8Error) -> DocumentResult {
            switch self {
            case .vertex: try store.replaceVertex(graph, collection: collection, key: key, body, options: options)
            case .edge: try store.replaceEdge(graph, collection: collection, key: key, body, options: options)
            }
        }

        func remove(_ store: GraphStore, _ graph: String, _ collection: String, _ key: String, _ options: WriteOptions) throws(C8Error) -> DocumentResult {
            switch self {
            case .vertex: try store.removeVertex(graph, collection: collection, key: key, options: options)
            case .edge: try store.removeEdge(graph, collection: collection, key: key, options: options)
            }
        }
    }

    var routes: [Route] {
        let named = RouteValue.path("collection")
        return Element.allCases.flatMap { element -> [Route] in
            let base = "/graph/{graph}/\(element.rawValue)/{collection}"
            return [
                Route(.post, base, access: .collection(named, .write)) { context throws(C8Error) in try insert(element, context) },
                Route(.get, base + "/{key}", access: .collection(named, .read)) { context throws(C8Error) in try read(element, context) },
                Route(.patch, base + "/{key}", access: .collection(named, .write)) { context throws(C8Error) in
                    try modify(element, context) { store, graph, collection, key, body, options throws(C8Error) in
                        try element.update(store, graph, collection, key, body, options)
                    }
                },
                Route(.put, base + "/{key}", access: .collection(named, .write)) { context throws(C8Error) in
                    try modify(element, context) { store, graph, collection, key, body, options throws(C8Error) in
                        try element.replace(store, graph, collection, key, body, options)
                    }
                },
                Route(.delete, base + "/{key}", access: .collection(named, .write)) { context throws(C8Error) in try remove(element, context) },
            ]
        }
    }

    /// `{"vertex": {_id, _key, _rev[, _oldRev]}, "new"?, "old"?}`.
    private func answer(_ element: Element, _ result: DocumentResult) -> JSONObject {
        var meta = result
        meta.new = nil
        meta.old = nil
        var object: JSONObject = [element.rawValue: meta.json]
        if let new = result.new { object["new"] = new }
        if let old = result.old { object["old"] = old }
        return object
    }

    private func status(_ options: WriteOptions, _ context: RouteContext) throws(C8Error) -> Int {
        DocumentResponses.status(synced: DocumentResponses.synced(options, try context.collection()))
    }

    func insert(_ element: Element, _ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let options = try WriteOptions(context, singleDocument: false)
        let result = try element.insert(
            try context.fabric().graphs, try context.parameter("graph"), try context.parameter("collection"), try context.body(), options)
        return APIResponse.envelope(try status(options, context), answer(element, result), headers: Revisions.headers(result.rev))
    }

    func read(_ element: Element, _ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let document = try element.read(
            try context.fabric().graphs, try context.parameter("graph"), try context.parameter("collection"), try context.parameter("key"))
        return DocumentResponses.read(document, request: context.request) { document, headers in
            APIResponse.envelope(200, [element.rawValue: document], headers: headers)
        }
    }

    private func modify(
        _ element: Element, _ context: RouteContext,
        _ write: (GraphStore, String, String, String, JSON, WriteOptions) throws(C8Error) -> DocumentResult
    ) throws(C8Error) -> HTTPResponse {
        let collection = try context.collection()
        let key = try context.parameter("key")
        let options = try WriteOptions(context, singleDocument: true)
        let body = try context.body()
        guard case .object = body else { throw C8Error(.documentTypeInvalid, "the body must be a JSON object") }
        return try DocumentResponses.guardingRevision(in: collection, key: key) { () throws(C8Error) in
            let result = try write(try context.fabric().graphs, try context.parameter("graph"), collection.name, key, body, options)
            return APIResponse.envelope(try status(options, context), answer(element, result), headers: Revisions.headers(result.rev))
        }
    }

    /// `{"removed": true[, "old": …]}`; removing a vertex removes its edges.
    func remove(_ element: Element, _ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let collection = try context.collection()
        let key = try context.parameter("key")
        let options = try WriteOptions(context, singleDocument: true)
        return try DocumentResponses.guardingRevision(in: collection, key: key) { () throws(C8Error) in
            let result = try element.remove(try context.fabric().graphs, try context.parameter("graph"), collection.name, key, options)
            var object: JSONObject = ["removed": true]
            if let old = result.old { object["old"] = old }
            return APIResponse.envelope(try status(options, context), object)
        }
    }
}
