import C8Core
import C8Net
import Foundation
import XCTest

/// A `c8 serve` process on a fresh data directory with an admin key, and
/// an HTTP client to it: for end-to-end tests of what only the command
/// sets up (background work, options).
final class ServeSession {
    static let adminKey = "session-key"

    let server: ServerProcess
    private let directory: String
    private let client: HTTPClient

    /// Starts `c8 serve --port 0` with `arguments` added, and waits until
    /// it listens.
    init(_ arguments: [String] = []) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("c8-serve-\(UUID().uuidString)").path
        server = try ServerProcess(arguments: ["serve", "--data-dir", directory, "--port", "0", "--admin-key", Self.adminKey] + arguments)
        let listening = try server.waitForLine(containing: "c8 serve: http on 127.0.0.1:")
        guard let port = Int(listening.split(separator: ":").last ?? "") else {
            throw ServeTestFailure(description: "no port in \"\(listening)\"")
        }
        client = try HTTPClient(baseURL: "http://127.0.0.1:\(port)")
    }

    deinit {
        server.kill()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Sends a request as the admin, with `body` as JSON.
    func send(_ method: HTTPMethod, _ target: String, _ body: String? = nil, headers: [(String, String)] = []) throws -> HTTPResponse {
        var request = HTTPRequest(method: method, target: target, headers: HTTPHeaders(headers), body: Array((body ?? "").utf8))
        request.headers.add("Authorization", "apikey " + Self.adminKey)
        if body != nil { request.headers.add("Content-Type", "application/json") }
        return try client.send(request)
    }

    /// ``send(_:_:_:headers:)`` with the response body parsed; `.null` when empty.
    func json(_ method: HTTPMethod, _ target: String, _ body: String? = nil) throws -> (status: Int, json: JSON) {
        let response = try send(method, target, body)
        return (response.status, response.body.isEmpty ? .null : try JSON.parse(response.body))
    }
}
