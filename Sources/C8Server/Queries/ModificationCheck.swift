import C8Core
import C8Query

/// Read-only checks for endpoints that run queries on the reader's behalf
/// (`POST /_api/export`): GDN refuses queries that modify data with 400
/// (errorNum 10) naming the keyword.
enum ModificationCheck {
    /// The lowercased keyword of the first data modification in `query`,
    /// or nil when it only reads.
    static func modificationKeyword(_ query: ParsedQuery) -> String? {
        for operation in query.query.operations {
            switch operation {
            case .insert: return "insert"
            case .update: return "update"
            case .replace: return "replace"
            case .remove: return "remove"
            case .upsert: return "upsert"
            default: continue
            }
        }
        return nil
    }

    /// - Throws: 400 when `text` modifies data, at its top level (naming
    /// the keyword, as GDN does) or in a subquery; parse errors as they are.
    static func requireReadOnly(_ text: String, endpoint: String) throws(C8Error) {
        let parsed = try QueryParser.parse(text)
        if let keyword = modificationKeyword(parsed) {
            throw C8Error(.badParameter, "\(endpoint) \"query\" cannot contain \"\(keyword)\" keyword.")
        }
        if parsed.modifiesData {
            throw C8Error(.badParameter, "\(endpoint) \"query\" cannot modify data, not even in a subquery.")
        }
    }
}
