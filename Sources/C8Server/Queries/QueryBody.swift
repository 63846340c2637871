import C8Core

/// The members every query-running request body shares (`/cursor`,
/// `/query`, `/query/explain`, `/export`, `/restql/execute`), read once
/// with the errors ArangoDB gives for them.
enum QueryBody {
    static let defaultBatchSize = 100

    /// `query`. - Throws: 1502 when missing or blank.
    static func query(_ body: JSON) throws(C8Error) -> String {
        guard let query = body["query"].stringValue, !query.allSatisfy(\.isWhitespace) else {
            throw C8Error(.queryEmpty)
        }
        return query
    }

    /// `bindVars`, empty when absent. - Throws: 1550 when not an object.
    static func bindVariables(_ body: JSON) throws(C8Error) -> JSONObject {
        switch body["bindVars"] {
        case .null: return JSONObject()
        case .object(let object): return object
        default: throw C8Error(.queryBindParametersInvalid, "bindVars must be an object")
        }
    }

    /// `batchSize`, 100 when absent. - Throws: 400 unless a positive integer.
    static func batchSize(_ body: JSON) throws(C8Error) -> Int {
        let value = body["batchSize"]
        if value.isNull { return defaultBatchSize }
        guard let size = value.intValue, size > 0 else { throw C8Error(.badParameter, "batchSize must be a positive integer") }
        return Int(size)
    }
}
