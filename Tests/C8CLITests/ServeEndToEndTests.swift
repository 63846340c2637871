import Foundation
#if canImport(Glibc)
import Glibc
#endif
import XCTest

/// `c8 serve` as a process: it says where it listens, answers HTTP with the
/// C8 API behind its API key, and stops cleanly on SIGTERM.
final class ServeEndToEndTests: XCTestCase {
    /// With both caches off every read goes to storage; a write between
    /// two reads shows that nothing stale is served from anywhere.
    func testServeRunsWithItsCachesTurnedOff() throws {
        let session = try ServeSession(["--document-cache", "0", "--edge-cache", "0"])
        let api = "/_fabric/_system/_api"
        XCTAssertLessThan(try session.json(.post, api + "/collection", #"{"name": "plain"}"#).status, 300)
        XCTAssertLessThan(try session.json(.post, api + "/document/plain", #"{"_key": "a", "n": 1}"#).status, 300)
        XCTAssertEqual(try session.json(.get, api + "/document/plain/a").json["n"], .int(1))
        XCTAssertLessThan(try session.json(.patch, api + "/document/plain/a", #"{"n": 2}"#).status, 300)
        XCTAssertEqual(try session.json(.get, api + "/document/plain/a").json["n"], .int(2))
    }

    func testServeAnswersOverHTTPAndStopsOnSIGTERM() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("c8-serve-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try ServerProcess(arguments: ["serve", "--data-dir", directory, "--port", "0", "--admin-key", "e2e-key"])
        defer { server.kill() }

        let listening = try server.waitForLine(containing: "c8 serve: http on 127.0.0.1:")
        let port = try XCTUnwrap(Int(listening.split(separator: ":").last ?? ""))
        XCTAssertGreaterThan(port, 0)
        _ = try server.waitForLine(containing: "c8 serve: region us-east at api-us-east.localhost")

        let anonymous = try rawRequest(port: port, "GET /_api/version HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        XCTAssertTrue(anonymous.hasPrefix("HTTP/1.1 401 "), anonymous)
        XCTAssertTrue(anonymous.contains("\"errorNum\":11"), anonymous)

        let created = try rawRequest(port: port, """
            POST /_fabric/_system/_api/collection HTTP/1.1\r
            Host: localhost\r
            Authorization: apikey e2e-key\r
            Content-Length: 17\r
            Connection: close\r
            \r
            {"name":"people"}
            """)
        XCTAssertTrue(created.hasPrefix("HTTP/1.1 200 "), created)
        let version = try rawRequest(port: port, "GET /_api/version HTTP/1.1\r\nHost: localhost\r\nAuthorization: apikey e2e-key\r\nConnection: close\r\n\r\n")
        XCTAssertTrue(version.hasPrefix("HTTP/1.1 200 "), version)
        XCTAssertTrue(version.contains("\"server\":\"C8DB\""), version)

        let status = try server.terminate()
        XCTAssertEqual(status, 0)
        XCTAssertTrue(server.standardError.contains("c8 serve: SIGTERM, stopping"), server.standardError)
    }

    /// Sends `text` on a new connection to 127.0.0.1:`port` and reads until
    /// the server closes it.
    private func rawRequest(port: Int, _ text: String) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        let bytes = Array(text.utf8)
        guard send(fd, bytes, bytes.count, 0) == bytes.count else { throw POSIXError(.EIO) }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            response += buffer[0..<count]
        }
        return String(decoding: response, as: UTF8.self)
    }
}

/// A `c8` child process whose standard output is read line by line.
final class ServerProcess: @unchecked Sendable {
    // @unchecked: the buffers are guarded by `lock`.
    private let process = Process()
    private let lock = NSLock()
    private var output = ""
    private var errors = ""

    init(arguments: [String]) throws {
        process.executableURL = try C8Binary.url()
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("C8_") }
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        stdout.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            self?.lock.withLock { self?.output += text }
        }
        stderr.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            self?.lock.withLock { self?.errors += text }
        }
        try process.run()
    }

    var standardError: String { lock.withLock { errors } }
    var standardOutput: String { lock.withLock { output } }

    /// The first output line containing `text`, polling for up to 60 s.
    func waitForLine(containing text: String) throws -> String {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let line = lock.withLock { output.split(separator: "\n").first { $0.contains(text) } }
            if let line { return String(line) }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        let seen = lock.withLock { "stdout: \(output)\nstderr: \(errors)" }
        throw ServeTestFailure(description: "no line with \"\(text)\" from c8 serve; \(seen)")
    }

    /// Sends SIGTERM and waits (up to 30 s) for the exit status.
    func terminate() throws -> Int32 {
        process.terminate()
        return try waitForExit()
    }

    /// Sends SIGINT (Ctrl-C) and waits (up to 30 s) for the exit status.
    func interrupt() throws -> Int32 {
        process.interrupt()
        return try waitForExit()
    }

    /// Waits (up to 30 s) for a process that ends by itself.
    func waitForExitStatus() throws -> Int32 {
        try waitForExit()
    }

    private func waitForExit() throws -> Int32 {
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        guard !process.isRunning else { throw POSIXError(.ETIMEDOUT) }
        Thread.sleep(forTimeInterval: 0.1)  // the last stderr bytes
        return process.terminationStatus
    }

    func kill() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
    }
}

struct ServeTestFailure: Error, CustomStringConvertible {
    var description: String
}
