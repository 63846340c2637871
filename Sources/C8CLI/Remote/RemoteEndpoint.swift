import C8Client
import C8Core
import C8Net

/// A remote C8 endpoint as the command line names it: `--url` (or
/// `C8_URL`, or a profile's `url`), `--api-key` (or `C8_API_KEY`, or the
/// profile's `api-key`) and `--insecure`.
struct RemoteEndpoint {
    var url: String
    var apiKey: String?
    var insecure: Bool

    /// The endpoint the arguments name, the options taking precedence over
    /// the profile's values; nil when neither names a URL (embedded mode).
    /// What is typed beats what is inherited: `--data-dir` on the command
    /// line means the embedded engine even with `C8_URL` set or a profile
    /// naming a URL.
    static func resolve(_ arguments: ParsedArguments, profileURL: String? = nil, profileAPIKey: String? = nil) -> RemoteEndpoint? {
        if arguments.source(of: .dataDir) == .commandLine && arguments.source(of: .url) != .commandLine { return nil }
        guard let url = arguments.value(.url) ?? profileURL, !url.isEmpty else { return nil }
        return RemoteEndpoint(url: url, apiKey: arguments.value(.apiKey) ?? profileAPIKey, insecure: arguments.isSet(.insecure))
    }

    /// Opens the connection and checks it with one request, so a wrong URL
    /// or key fails before any work starts.
    /// - Throws: `CommandFailure` naming the endpoint and the problem.
    func connect() throws -> RemoteConnection {
        let credentials: RemoteCredentials = apiKey.map { .apiKey($0) } ?? .anonymous
        do throws(C8Error) {
            let connection = try RemoteConnection(url: url, credentials: credentials,
                                                  tlsVerification: insecure ? .none : .systemTrustStore)
            _ = try AsyncBridge.wait { () async throws(C8Error) in try await connection.verify() }
            return connection
        } catch where error.code == 401 {
            throw CommandFailure(apiKey == nil
                ? "\(url) wants credentials: pass --api-key KEY (or set C8_API_KEY)"
                : "\(url) refused the API key: \(error.message)")
        } catch {
            throw CommandFailure("[\(error.errorNum)] \(error.message)")
        }
    }
}
