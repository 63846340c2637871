import C8Core
import C8Net

extension RemoteConnection {
    // MARK: Queries

    /// `POST /cursor`; cancelling the task kills the query on the server.
    public func query(_ request: QueryRequest, in fabric: String) async throws(C8Error) -> CursorPage {
        try request.checkReadOnly()
        let killer = RemoteQueryKiller(transport: transport, fabric: fabric, text: request.query)
        let result: Result<JSON, C8Error> = await withTaskCancellationHandler {
            defer { killer.requestEnded() }
            do throws(C8Error) {
                return .success(try await transport.call(.post, RemotePath.api(fabric, "cursor"), body: request.json))
            } catch {
                return .failure(error)
            }
        } onCancel: {
            killer.kill()
        }
        return CursorPage(json: try result.get())
    }

    public func nextPage(of cursor: String, in fabric: String) async throws(C8Error) -> CursorPage {
        CursorPage(json: try await transport.call(.put, RemotePath.api(fabric, "cursor", cursor)))
    }

    public func closeCursor(_ cursor: String, in fabric: String) async throws(C8Error) {
        _ = try await transport.call(.delete, RemotePath.api(fabric, "cursor", cursor))
    }

    /// Every result of `request`, following the cursor to its end.
    func allResults(_ request: QueryRequest, in fabric: String) async throws(C8Error) -> [JSON] {
        var page = try await query(request, in: fabric)
        var results = page.results
        while page.hasMore, let id = page.cursorId {
            page = try await nextPage(of: id, in: fabric)
            results += page.results
        }
        return results
    }

    public func explain(_ request: QueryRequest, in fabric: String) async throws(C8Error) -> JSON {
        let body: JSON = ["query": .string(request.query), "bindVars": request.bindVariables.isNull ? [:] : request.bindVariables]
        return try await transport.call(.post, RemotePath.api(fabric, "query", "explain"), body: body).withoutEnvelope
    }

    public func runningQueries(in fabric: String) async throws(C8Error) -> [JSON] {
        try await transport.call(.get, RemotePath.api(fabric, "query", "current")).arrayValue ?? []
    }

    public func killQuery(_ id: String, in fabric: String) async throws(C8Error) {
        _ = try await transport.call(.delete, RemotePath.api(fabric, "query", id))
    }

    // MARK: Saved queries (RESTQL)

    public func savedQueries(in fabric: String) async throws(C8Error) -> [JSON] {
        try await transport.call(.get, RemotePath.api(fabric, "restql", "user"))["result"].arrayValue ?? []
    }

    /// RESTQL creates (`POST /restql`) and updates (`PUT /restql/{name}`)
    /// separately; which one depends on whether the name is taken.
    public func saveQuery(name: String, text: String, parameters: JSON, in fabric: String) async throws(C8Error) {
        let exists = try await savedQueries(in: fabric).contains { $0["name"].stringValue == name }
        var query: JSONObject = ["value": .string(text), "parameter": parameters.isNull ? [:] : parameters]
        if exists {
            _ = try await transport.call(.put, RemotePath.api(fabric, "restql", name), body: ["query": .object(query)])
        } else {
            query["name"] = .string(name)
            _ = try await transport.call(.post, RemotePath.api(fabric, "restql"), body: ["query": .object(query)])
        }
    }

    public func deleteSavedQuery(_ name: String, in fabric: String) async throws(C8Error) {
        _ = try await transport.call(.delete, RemotePath.api(fabric, "restql", name))
    }

    public func runSavedQuery(_ name: String, bindVariables: JSON, batchSize: Int, in fabric: String) async throws(C8Error) -> CursorPage {
        let body: JSON = ["bindVars": bindVariables.isNull ? [:] : bindVariables, "batchSize": .int(Int64(batchSize))]
        return CursorPage(json: try await transport.call(.post, RemotePath.api(fabric, "restql", "execute", name), body: body))
    }

    // MARK: Graphs

    public func graphs(in fabric: String) async throws(C8Error) -> [JSON] {
        try await transport.call(.get, RemotePath.api(fabric, "graph"))["graphs"].arrayValue ?? []
    }

    public func createGraph(_ definition: JSON, in fabric: String) async throws(C8Error) -> JSON {
        try await transport.call(.post, RemotePath.api(fabric, "graph"), body: definition)["graph"]
    }
}
