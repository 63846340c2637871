import C8Core
import C8Engine
import C8Net

extension Authenticator {
    /// Who sent `request`, from its `Authorization` header.
    /// - Throws: 401 (errorNum 11) without valid credentials.
    func principal(of request: HTTPRequest) throws(C8Error) -> Principal {
        try principal(authorization: request.headers["Authorization"])
    }
}
