import C8Core
import C8Net
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import XCTest

/// Shared pieces of the crash and fault campaigns against a `c8 serve`
/// child process (ServeCrashTests, ServeStreamCrashTests, DiskFaultTests):
/// the knobs, a server on a given data directory that can be killed with
/// SIGKILL and started again on it, and a small admin HTTP client.
enum CrashCampaign {
    static let adminKey = "crash-key"

    /// `name` from the environment as an integer, or `fallback`.
    static func knob(_ name: String, _ fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap { Int($0) } ?? fallback
    }

    static func seed(_ fallback: UInt64) -> UInt64 {
        ProcessInfo.processInfo.environment["C8_CRASH_SEED"].flatMap { UInt64($0) } ?? fallback
    }
}

/// `c8 serve --port 0` on a data directory the caller owns (it is not
/// removed): started, killed with SIGKILL, started again on the same data.
final class CrashServer {
    let server: ServerProcess
    let port: Int

    init(dataDir: String, extra: [String] = []) throws {
        server = try ServerProcess(arguments: ["serve", "--data-dir", dataDir, "--port", "0",
                                               "--admin-key", CrashCampaign.adminKey] + extra)
        let listening = try server.waitForLine(containing: "c8 serve: http on 127.0.0.1:")
        guard let port = Int(listening.split(separator: ":").last ?? "") else {
            server.kill()
            throw ServeTestFailure(description: "no port in \"\(listening)\"")
        }
        self.port = port
    }

    deinit { server.kill() }

    /// SIGKILL, and waits until the process is gone (its locks released).
    func kill9() throws {
        server.kill()
        _ = try server.waitForExitStatus()
    }

    func client() throws -> AdminClient { try AdminClient(port: port) }
}

/// HTTP as the admin to 127.0.0.1:port; one keep-alive connection per
/// instance, so give each thread its own.
final class AdminClient: Sendable {
    private let client: HTTPClient

    init(port: Int, timeout: Duration = .seconds(30)) throws {
        client = try HTTPClient(baseURL: ClientURL("http://127.0.0.1:\(port)"),
                                configuration: HTTPClientConfiguration(requestTimeout: timeout))
    }

    /// The response status and its body as JSON (`.null` when empty or not JSON).
    func json(_ method: HTTPMethod, _ target: String, _ body: String? = nil) throws -> (status: Int, json: JSON) {
        var request = HTTPRequest(method: method, target: target, headers: HTTPHeaders(), body: Array((body ?? "").utf8))
        request.headers.add("Authorization", "apikey " + CrashCampaign.adminKey)
        if body != nil { request.headers.add("Content-Type", "application/json") }
        let response = try client.send(request)
        return (response.status, (try? JSON.parse(response.body)) ?? .null)
    }

    /// A C8QL query's whole result (follows the cursor); throws on an error answer.
    func query(_ text: String, bind: JSONObject = [:]) throws -> [JSON] {
        let body: JSON = ["query": .string(text), "bindVars": .object(bind), "batchSize": 1000]
        var answer = try json(.post, "/_fabric/_system/_api/cursor", body.jsonString())
        var rows: [JSON] = []
        while true {
            guard answer.status == 201 || answer.status == 200 else {
                throw ServeTestFailure(description: "query \(text): \(answer.status) \(answer.json.jsonString())")
            }
            rows += answer.json["result"].arrayValue ?? []
            guard answer.json["hasMore"].boolValue == true, let id = answer.json["id"].stringValue else { return rows }
            answer = try json(.put, "/_fabric/_system/_api/cursor/\(id)")
        }
    }
}

/// A lock-guarded value for the campaign threads.
final class Guarded<Value>: @unchecked Sendable {
    // @unchecked: every access goes through `lock`.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// Runs `body(i)` on `count` threads and waits for all of them.
func runThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for index in 0..<count {
        DispatchQueue.global().async(group: group) { body(index) }
    }
    group.wait()
}
