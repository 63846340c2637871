import C8Core

/// `:filter` of the console's stream tail: one `POST /_api/cursor` per
/// batch, sized so the whole batch comes back in its first reply.
extension RemoteConnection {
    public func filterMessages(_ expression: String, payloads: [JSON], in fabric: String) async throws(C8Error) -> [Bool] {
        let request = QueryRequest(query: try StreamMessageFilter.readOnlyQuery(for: expression),
                                   bindVariables: .object(StreamMessageFilter.bindVariables(payloads)),
                                   batchSize: max(1, payloads.count))
        return try StreamMessageFilter.verdicts(try await allResults(request, in: fabric), count: payloads.count)
    }
}
