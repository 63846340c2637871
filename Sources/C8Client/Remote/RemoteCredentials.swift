/// How a ``RemoteConnection`` proves who it is.
public enum RemoteCredentials: Sendable, Equatable {
    /// `Authorization: apikey KEY`, the console's usual way (`--api-key`).
    case apiKey(String)
    /// A password login (`POST /_open/auth`) whose JWT is then sent as
    /// `Authorization: bearer …`, and renewed when the server stops taking it.
    case password(email: String, password: String)
    /// No `Authorization` header: only open routes will answer.
    case anonymous
}
