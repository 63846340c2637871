import C8Core
import C8Net

extension HTTPResponse {
    /// The C8 error shape every failing route answers with (C8-PROTOCOL.md
    /// §0.3): `{"error":true,"code":<status>,"errorNum":<n>,"errorMessage":"…"}`,
    /// with the HTTP status equal to `code`. Server errors leave out file
    /// paths and error dumps (``ErrorDisclosure``).
    public static func error(_ error: C8Error, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        let error = ErrorDisclosure.redacted(error)
        return APIResponse.json(error.code, error.json, headers: headers)
    }
}
