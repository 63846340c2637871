import C8Core
import C8Engine
import C8Net

/// Named graphs (gharial, C8-PROTOCOL.md §9): graphs, their vertex
/// collections and edge definitions. Vertices and edges themselves are
/// ``GraphElementRoutes``.
struct GraphRoutes: RouteGroup {
    let services: APIServices

    var routes: [Route] {
        [
            Route(.get, "/graph", access: .fabric(.read), list),
            Route(.post, "/graph", access: .fabric(.administer), create),
            Route(.get, "/graph/{graph}", access: .fabric(.read), describe),
            Route(.delete, "/graph/{graph}", access: .fabric(.administer), drop),
            Route(.get, "/graph/{graph}/vertex", access: .fabric(.read), vertexCollections),
            Route(.post, "/graph/{graph}/vertex", access: .fabric(.administer), addVertexCollection),
            Route(.delete, "/graph/{graph}/vertex/{collection}", access: .fabric(.administer), removeVertexCollection),
            Route(.get, "/graph/{graph}/edge", access: .fabric(.read), edgeCollections),
            Route(.post, "/graph/{graph}/edge", access: .fabric(.administer), addEdgeDefinition),
            Route(.put, "/graph/{graph}/edge/{definition}", access: .fabric(.administer), replaceEdgeDefinition),
            Route(.delete, "/graph/{graph}/edge/{definition}", access: .fabric(.administer), removeEdgeDefinition),
        ]
    }

    /// A graph as gharial describes it, with the sharding fields pyC8 reads.
    static func json(_ graph: GraphDefinition) -> JSON {
        var object = graph.json.objectValue ?? JSONObject()
        object["numberOfShards"] = 1
        object["replicationFactor"] = 1
        object["isSmart"] = false
        return .object(object)
    }

    /// Graph definition changes answer 202, or 201 when `waitForSync` asked.
    private func changed(_ graph: GraphDefinition, _ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let status = try context.query.bool("waitForSync", default: false) ? 201 : 202
        return APIResponse.envelope(status, ["graph": Self.json(graph)])
    }

    private func graphs(_ context: RouteContext) throws(C8Error) -> GraphStore {
        try context.fabric().graphs
    }

    func list(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        APIResponse.envelope(200, ["graphs": .array(try graphs(context).graphs().map(Self.json))])
    }

    /// `{name, edgeDefinitions?, orphanCollections?, numberOfShards?}`;
    /// collections that do not exist yet are created.
    func create(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let definition = try GraphDefinition(json: try context.objectBody())
        return try changed(try graphs(context).create(definition), context)
    }

    func describe(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        APIResponse.envelope(200, ["graph": Self.json(try graphs(context).graph(try context.parameter("graph")))])
    }

    func drop(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let dropCollections = try context.query.bool("dropCollections", default: false)
        try graphs(context).drop(try context.parameter("graph"), dropCollections: dropCollections)
        return APIResponse.envelope(202, ["removed": true])
    }

    func vertexCollections(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let graph = try graphs(context).graph(try context.parameter("graph"))
        return APIResponse.envelope(200, ["collections": .array(graph.vertexCollections.map { .string($0) })])
    }

    func addVertexCollection(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let collection = try context.requiredString(try context.objectBody(), "collection")
        return try changed(try graphs(context).addVertexCollection(try context.parameter("graph"), collection), context)
    }

    func removeVertexCollection(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let graph = try graphs(context).removeVertexCollection(
            try context.parameter("graph"), try context.parameter("collection"), dropCollection: try dropsCollection(context))
        return try changed(graph, context)
    }

    func edgeCollections(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let graph = try graphs(context).graph(try context.parameter("graph"))
        return APIResponse.envelope(200, ["collections": .array(graph.edgeCollections.map { .string($0) })])
    }

    func addEdgeDefinition(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let edge = try EdgeDefinition(json: try context.objectBody())
        return try changed(try graphs(context).addEdgeDefinition(try context.parameter("graph"), edge), context)
    }

    /// The body's `collection`, when given, must be the one the URL names.
    func replaceEdgeDefinition(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let name = try context.parameter("definition")
        var body = try context.objectBody().objectValue ?? JSONObject()
        if let given = body["collection"]?.stringValue, given != name {
            throw C8Error(.graphCreateMalformedEdgeDefinition, detail: "the body names \(given), the URL \(name)")
        }
        body["collection"] = .string(name)
        let edge = try EdgeDefinition(json: .object(body))
        return try changed(try graphs(context).replaceEdgeDefinition(try context.parameter("graph"), edge), context)
    }

    func removeEdgeDefinition(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let graph = try graphs(context).removeEdgeDefinition(
            try context.parameter("graph"), try context.parameter("definition"), dropCollection: try dropsCollection(context))
        return try changed(graph, context)
    }

    /// pyC8 sends `dropCollection`; ArangoDB documents `dropCollections` too.
    private func dropsCollection(_ context: RouteContext) throws(C8Error) -> Bool {
        if let drop = try context.query.bool("dropCollection") { return drop }
        return try context.query.bool("dropCollections", default: false)
    }
}
