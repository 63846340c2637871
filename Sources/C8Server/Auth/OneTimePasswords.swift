import C8Core
import C8Crypto
import C8Net
import Foundation
import Synchronization

/// One-time passwords for stream WebSockets opened by clients that cannot
/// set an `Authorization` header (browsers): `POST /apid/otp` hands one
/// out, `?otp=` on a `/_ws/` URL spends it. Each stands for the credentials
/// of the request that asked for it, works once, and expires after a minute.
final class OneTimePasswords: Sendable {
    private struct Issued {
        var authorization: String
        var expires: Date
    }

    static let lifetime: TimeInterval = 60
    /// Keyed by the SHA-256 of each password: looking a presented password
    /// up compares digests, so the time a lookup takes says nothing about
    /// how much of a guessed password was right.
    private let issued = Mutex<[[UInt8]: Issued]>([:])

    /// A fresh password standing for `authorization` (the header value).
    func issue(for authorization: String, now: Date = Date()) -> String {
        let password = Hex.encode(SecureRandom.bytes(16))
        issued.withLock { all in
            all = all.filter { $0.value.expires > now }
            all[Digest.sha256(password.utf8)] = Issued(authorization: authorization, expires: now.addingTimeInterval(Self.lifetime))
        }
        return password
    }

    /// The credentials `password` stands for, once; nil when unknown, spent or expired.
    func redeem(_ password: String, now: Date = Date()) -> String? {
        issued.withLock { all in
            guard let entry = all.removeValue(forKey: Digest.sha256(password.utf8)), entry.expires > now else { return nil }
            return entry.authorization
        }
    }
}

/// `POST /apid/otp` → `{"otp": "…"}`.
struct OneTimePasswordRoutes: RouteGroup {
    let passwords: OneTimePasswords

    var routes: [Route] {
        [Route(.post, "/apid/otp", in: .server, access: .authenticated, issue)]
    }

    func issue(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        guard let authorization = context.request.headers["Authorization"] else {
            throw C8Error(.httpUnauthorized, "a one-time password is issued for the credentials of the request")
        }
        return APIResponse.json(200, ["otp": .string(passwords.issue(for: authorization))])
    }
}
