import C8Client
import C8Core

/// `c8 query --url`: the query runs on the endpoint and its cursor is
/// followed batch by batch, so results stream to the output as they do
/// embedded, never all in memory.
struct RemoteQuery {
    /// Large enough that round trips cost little next to the rows.
    static let batchSize = 1000

    let connection: any C8Connection
    let fabric: String

    /// Prints the plan of `text`, as `--explain` does embedded.
    func explain(_ text: String, bindVariables: JSONObject, context: CommandContext) throws {
        let request = QueryRequest(query: text, bindVariables: .object(bindVariables))
        let plan = try failing { [connection, fabric] () async throws(C8Error) in try await connection.explain(request, in: fabric) }
        context.standardOutput.writeLine(plan.jsonString(pretty: true))
    }

    /// Writes every result to `writer`; the warnings of the finished query
    /// go to standard error.
    func run(_ text: String, bindVariables: JSONObject, writer: ResultWriter, context: CommandContext) throws {
        let request = QueryRequest(query: text, bindVariables: .object(bindVariables), batchSize: Self.batchSize)
        var page = try failing { [connection, fabric] () async throws(C8Error) in try await connection.query(request, in: fabric) }
        while true {
            for value in page.results { writer.write(value) }
            guard page.hasMore, let id = page.cursorId else { break }
            page = try failing { [connection, fabric] () async throws(C8Error) in try await connection.nextPage(of: id, in: fabric) }
        }
        writer.finish()
        for warning in page.warnings {
            QueryCommand.reportWarning(code: Int(warning["code"].intValue ?? 0), message: warning["message"].stringValue ?? "",
                                       context: context)
        }
    }

    /// A server error reads as the embedded one does: `[errorNum] message`.
    private func failing<T: Sendable>(_ body: @escaping @Sendable () async throws(C8Error) -> T) throws -> T {
        do {
            return try AsyncBridge.wait(body)
        } catch {
            throw CommandFailure("[\(error.errorNum)] \(error.message)")
        }
    }
}
