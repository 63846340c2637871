import C8Core
import C8Net
import Dispatch
import Synchronization

/// JSON requests to one C8 endpoint: authentication, the error envelope
/// turned back into ``C8Error``, and the blocking HTTP client kept off the
/// caller's thread.
final class RemoteTransport: Sendable {
    /// `host:port` (with any base path), for messages and the status bar.
    let endpoint: String
    let credentials: RemoteCredentials
    private let client: HTTPClient
    /// The JWT of a password login, fetched on first use.
    private let session = Mutex<String?>(nil)
    /// The `Host` of a region chosen with `useRegion` (the URL's host otherwise).
    private let hostOverride = Mutex<String?>(nil)
    private let queue = DispatchQueue(label: "c8.remote-connection", qos: .userInitiated, attributes: .concurrent)

    init(url: String, credentials: RemoteCredentials, configuration: HTTPClientConfiguration) throws(C8Error) {
        do {
            client = try HTTPClient(baseURL: url, configuration: configuration)
        } catch let error as NetworkClientError {
            throw error.c8Error(endpoint: url)
        } catch {
            throw C8Error.wrap(error, as: .badParameter)
        }
        endpoint = client.baseURL.description
        self.credentials = credentials
    }

    func close() {
        client.closeIdleConnections()
    }

    /// Sends later requests with `Host: host` (a region's own host name).
    func setHostOverride(_ host: String) {
        hostOverride.withLock { $0 = host }
    }

    /// Sends a request on the background queue and returns its JSON body
    /// (null when empty).
    func call(_ method: HTTPMethod, _ target: String, body: JSON? = nil,
              headers: [(String, String)] = []) async throws(C8Error) -> JSON {
        let result: Result<JSON, C8Error> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: Result { () throws(C8Error) -> JSON in
                    try self.send(method, target, body: body, headers: headers)
                })
            }
        }
        return try result.get()
    }

    /// The blocking exchange. A password session the server no longer takes
    /// (expired, or the server restarted with a new secret) is renewed once.
    func send(_ method: HTTPMethod, _ target: String, body: JSON? = nil,
              headers: [(String, String)] = []) throws(C8Error) -> JSON {
        var request = HTTPRequest(method: method, target: target)
        if let host = hostOverride.withLock({ $0 }) { request.headers.set("Host", host) }
        for (name, value) in headers { request.headers.add(name, value) }
        if let body {
            request.headers.set("Content-Type", "application/json")
            request.body = body.serialized()
        }
        let hadSession = session.withLock { $0 != nil }
        do throws(C8Error) {
            return try exchange(request, authorization: try authorization())
        } catch where error.code == 401 && hadSession {
            session.withLock { $0 = nil }
            return try exchange(request, authorization: try authorization())
        }
    }

    private func exchange(_ request: HTTPRequest, authorization: String?) throws(C8Error) -> JSON {
        var request = request
        if let authorization { request.headers.set("Authorization", authorization) }
        let response: HTTPResponse
        do {
            response = try client.send(request)
        } catch let error as NetworkClientError {
            throw error.c8Error(endpoint: endpoint)
        } catch {
            throw C8Error.wrap(error, as: .httpServiceUnavailable)
        }
        return try Self.decode(response, endpoint: endpoint)
    }

    /// Opens a WebSocket to `target` on the endpoint's host — `wss` where
    /// the endpoint is `https` — with the connection's credentials and TLS
    /// settings, off the caller's thread.
    /// - Throws: the server's refusal of the handshake as its ``C8Error``
    ///   (404 unknown stream, 403, 409 subscription taken), else a network error.
    func openWebSocket(_ target: String) async throws(C8Error) -> WebSocketClient {
        let result: Result<WebSocketClient, C8Error> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: Result { () throws(C8Error) -> WebSocketClient in
                    try self.connectWebSocket(target)
                })
            }
        }
        return try result.get()
    }

    private func connectWebSocket(_ target: String) throws(C8Error) -> WebSocketClient {
        let base = client.baseURL
        let url = (base.scheme.isSecure ? "wss://" : "ws://") + base.origin.hostHeader + target
        var headers = HTTPHeaders()
        if let host = hostOverride.withLock({ $0 }) { headers.set("Host", host) }
        if let authorization = try authorization() { headers.set("Authorization", authorization) }
        let configuration = WebSocketClientConfiguration(tlsVerification: client.configuration.tlsVerification)
        do {
            return try WebSocketClient.connect(to: url, headers: headers, configuration: configuration)
        } catch let error as NetworkClientError {
            if let response = error.response, response.status >= 400 {
                throw Self.refusal(response, endpoint: endpoint)
            }
            throw error.c8Error(endpoint: endpoint)
        } catch {
            throw C8Error.wrap(error, as: .internalError)
        }
    }

    /// A refused handshake's error envelope as the ``C8Error`` it carries.
    private static func refusal(_ response: HTTPResponse, endpoint: String) -> C8Error {
        do throws(C8Error) { _ = try decode(response, endpoint: endpoint) } catch { return error }
        return C8Error(code: response.status, errorNum: response.status, message: "\(endpoint) refused the stream socket")
    }

    /// The `Authorization` header value, logging in first when needed.
    private func authorization() throws(C8Error) -> String? {
        switch credentials {
        case .anonymous:
            return nil
        case .apiKey(let key):
            return "apikey \(key)"
        case .password(let email, let password):
            if let token = session.withLock({ $0 }) { return "bearer \(token)" }
            var login = HTTPRequest(method: .post, target: "/_open/auth")
            login.headers.set("Content-Type", "application/json")
            login.body = JSON.object(["email": .string(email), "password": .string(password)]).serialized()
            guard let token = try exchange(login, authorization: nil)["jwt"].stringValue else {
                throw C8Error(.httpUnauthorized, "\(endpoint) answered the login without a token")
            }
            session.withLock { $0 = token }
            return "bearer \(token)"
        }
    }

    /// A response's body as JSON; error statuses become the ``C8Error``
    /// their envelope describes (or one made from the bare status).
    static func decode(_ response: HTTPResponse, endpoint: String) throws(C8Error) -> JSON {
        var body = JSON.null
        if !response.body.isEmpty {
            do {
                body = try JSON.parse(response.body)
            } catch {
                guard response.status >= 400 else {
                    throw C8Error(code: 502, errorNum: ErrorCode.corruptedJSON.rawValue,
                                  message: "\(endpoint) answered HTTP \(response.status) with a body that is not JSON: \(error)")
                }
            }
        }
        guard response.status >= 400 else { return body }
        throw C8Error(json: body) ?? C8Error(code: response.status, errorNum: response.status,
                                             message: "\(endpoint) answered HTTP \(response.status)")
    }
}
