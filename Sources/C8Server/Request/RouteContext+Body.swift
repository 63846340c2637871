import C8Core

extension RouteContext {
    /// The request body as JSON; `.null` when there is none (pyC8 sends
    /// bodyless POST/PUT/DELETE with `Content-Length: 0`).
    /// - Throws: 400 with errorNum 600 for a body that is not JSON.
    public func body() throws(C8Error) -> JSON {
        let bytes = request.body
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else { return .null }
        do {
            return try JSON.parse(bytes)
        } catch {
            throw C8Error(error)
        }
    }

    /// The body, which must be a JSON object; a missing body reads as `{}`.
    /// - Throws: 600 for bad JSON, 400 for another JSON type.
    public func objectBody() throws(C8Error) -> JSON {
        let json = try body()
        switch json {
        case .null: return .object(JSONObject())
        case .object: return json
        default: throw C8Error(.badParameter, "the request body must be a JSON object")
        }
    }

    /// A string member of an object body that the route requires.
    /// - Throws: 400 naming the member.
    public func requiredString(_ json: JSON, _ name: String) throws(C8Error) -> String {
        guard let value = json[name].stringValue, !value.isEmpty else {
            throw C8Error(.badParameter, "'\(name)' is required and must be a non-empty string")
        }
        return value
    }
}
