import C8Core
import C8Net

/// Builders for the two body styles of the C8 API: the admin envelope
/// `{"error":false,"code":…,…}` and bare ArangoDB-style bodies (documents,
/// document metadata, batch results).
public enum APIResponse {
    /// A response with `value` serialized as its JSON body.
    public static func json(_ status: Int, _ value: JSON, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var headers = headers
        headers.set("Content-Type", "application/json; charset=utf-8")
        return HTTPResponse(status: status, headers: headers, body: value.serialized())
    }

    /// `{"error":false,"code":status}` followed by `members`; pyC8 reads the
    /// members, and treats any non-null `errorNum` as a failure, so none is sent.
    public static func envelope(_ status: Int, _ members: JSONObject = JSONObject(), headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var object = JSONObject(minimumCapacity: members.count + 2)
        object.appendUnique("error", false)
        object.appendUnique("code", .int(Int64(status)))
        for member in members.members where member.key != "error" && member.key != "code" {
            object.appendUnique(member.key, member.value)
        }
        return json(status, .object(object), headers: headers)
    }

    /// The envelope with an object's members merged in (collection and index
    /// descriptions are answered that way); a non-object lands under `result`.
    public static func envelope(_ status: Int, merging value: JSON, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        guard case .object(let members) = value else { return result(status, value, headers: headers) }
        return envelope(status, members, headers: headers)
    }

    /// `{"error":false,"code":status,"result":value}`.
    public static func result(_ status: Int, _ value: JSON, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        envelope(status, ["result": value], headers: headers)
    }

    /// A response without a body (HEAD, 304).
    public static func empty(_ status: Int, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        HTTPResponse(status: status, headers: headers)
    }
}
