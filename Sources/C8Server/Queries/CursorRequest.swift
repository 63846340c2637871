import C8Core
import C8Query

/// The body of `POST /_api/cursor`: `{query, bindVars, batchSize, count,
/// ttl, options: {…}}`. pyC8 repeats every option at the top level, so
/// options are read from both places (``QueryOptions/init(json:)``).
struct CursorRequest {
    var query: String
    var bindVariables: JSONObject
    var batchSize: Int
    var count: Bool
    var timeToLive: Double?
    var options: QueryOptions

    /// - Throws: 1502 for a missing or empty query, 400 for malformed members.
    init(_ body: JSON) throws(C8Error) {
        query = try QueryBody.query(body)
        bindVariables = try QueryBody.bindVariables(body)
        batchSize = try QueryBody.batchSize(body)
        count = try LenientBoolean.member(body, "count") ?? false
        switch body["ttl"] {
        case .null: timeToLive = nil
        case let value:
            guard let seconds = value.doubleValue, seconds > 0 else { throw C8Error(.badParameter, "ttl must be a positive number of seconds") }
            timeToLive = seconds
        }
        options = QueryOptions(json: body)
    }
}
