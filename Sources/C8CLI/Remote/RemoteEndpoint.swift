import C8Client
import C8Core
import C8Net

/// A remote C8 endpoint as the command line names it: `--url` (or
/// `C8_URL`, or a profile's `url`), the login — `--api-key` (or
/// `C8_API_KEY`, or the profile's `api-key`), or `--email` (or `C8_EMAIL`)
/// with a password — and `--insecure`.
struct RemoteEndpoint {
    var url: String
    var apiKey: String?
    /// A password login's user; the password is found at ``connect(context:)``.
    var email: String?
    var insecure: Bool

    /// The endpoint the arguments name, the options taking precedence over
    /// the profile's values; nil when neither names a URL (embedded mode).
    /// What is typed beats what is inherited: `--data-dir` on the command
    /// line means the embedded engine even with `C8_URL` set or a profile
    /// naming a URL.
    static func resolve(_ arguments: ParsedArguments, profileURL: String? = nil, profileAPIKey: String? = nil) -> RemoteEndpoint? {
        if arguments.source(of: .dataDir) == .commandLine && arguments.source(of: .url) != .commandLine { return nil }
        guard let url = arguments.value(.url) ?? profileURL, !url.isEmpty else { return nil }
        return RemoteEndpoint(url: url, arguments: arguments, profileAPIKey: profileAPIKey)
    }

    /// `url` with the login and `--insecure` of the arguments. A key and
    /// an email from different places: the nearer one logs in (`--email`
    /// typed beats `C8_API_KEY` or a profile's key).
    init(url: String, arguments: ParsedArguments, profileAPIKey: String? = nil) {
        var apiKey = arguments.value(.apiKey) ?? profileAPIKey
        var email = arguments.value(.email)
        if apiKey != nil, email != nil {
            let keyNearness = Self.nearness(arguments.source(of: .apiKey)), emailNearness = Self.nearness(arguments.source(of: .email))
            if keyNearness > emailNearness { email = nil } else if emailNearness > keyNearness { apiKey = nil }
        }
        self.url = url
        self.apiKey = apiKey
        self.email = email
        insecure = arguments.isSet(.insecure)
    }

    /// The command line, then the environment, then a profile.
    private static func nearness(_ source: ParsedArguments.Source?) -> Int {
        switch source {
        case .commandLine: 2
        case .environment: 1
        case nil: 0
        }
    }

    /// Opens the connection and checks it with one request, so a wrong URL,
    /// key or password fails before any work starts.
    /// - Throws: `CommandFailure` naming the endpoint and the problem.
    func connect(context: CommandContext) throws -> RemoteConnection {
        let credentials = try self.credentials(context)
        do throws(C8Error) {
            let connection = try RemoteConnection(url: url, credentials: credentials,
                                                  tlsVerification: insecure ? .none : .systemTrustStore)
            _ = try AsyncBridge.wait { () async throws(C8Error) in try await connection.verify() }
            return connection
        } catch where error.code == 401 {
            switch credentials {
            case .anonymous: throw CommandFailure("\(url) wants credentials: pass --api-key KEY (or set C8_API_KEY), or --email EMAIL")
            case .apiKey: throw CommandFailure("\(url) refused the API key: \(error.message)")
            case .password(let email, _): throw CommandFailure("\(url) refused the login of \(email): \(error.message)")
            }
        } catch {
            throw CommandFailure("[\(error.errorNum)] \(error.message)")
        }
    }

    /// The API key, or the email with its password: from `C8_PASSWORD`, or
    /// asked for on the terminal when the command's input is one.
    private func credentials(_ context: CommandContext) throws -> RemoteCredentials {
        guard let email else { return apiKey.map { .apiKey($0) } ?? .anonymous }
        guard apiKey == nil else {
            throw UsageError.invalid("both an API key and an email name a login, from the same place; give one")
        }
        if let password = context.environment["C8_PASSWORD"] { return .password(email: email, password: password) }
        guard context.standardInput.isTerminal, let password = PasswordPrompt.ask("Password for \(email): ") else {
            throw CommandFailure("--email \(email) needs a password: set C8_PASSWORD, or run on a terminal to be asked for it")
        }
        return .password(email: email, password: password)
    }
}
