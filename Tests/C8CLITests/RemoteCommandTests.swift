import C8Core
import C8Net
import Foundation
import XCTest

/// `c8 query`, `c8 import` and `c8 export` with `--url` against a real
/// `c8 serve` process: the same output as on the embedded engine.
final class RemoteCommandTests: DataDirTestCase {
    private static let key = "remote-cli-key"
    private var server: ServerProcess?
    private var url = ""

    override func setUpWithError() throws {
        let directory = temporaryPath("served")
        let server = try ServerProcess(arguments: ["serve", "--data-dir", directory, "--port", "0", "--admin-key", Self.key])
        self.server = server
        let listening = try server.waitForLine(containing: "c8 serve: http on 127.0.0.1:")
        url = "http://127.0.0.1:\(listening.split(separator: ":").last ?? "")"
    }

    override func tearDown() {
        server?.kill()
        server = nil
        super.tearDown()
    }

    private var remote: [String] { ["--url", url, "--api-key", Self.key] }

    /// The same command on a fresh embedded data dir and on the server.
    private func bothWays(_ words: [String], stdin: String = "") -> (embedded: Run, remote: Run) {
        let embedded = c8(words + ["--data-dir", temporaryPath("data")], stdin: stdin)
        return (embedded, c8(words + remote, stdin: stdin))
    }

    /// `--email` logs in with a password (`POST /_open/auth`) instead of an
    /// API key: from `C8_PASSWORD`, or typed at a prompt that does not echo.
    func testEmailAndPasswordLogInInsteadOfAnAPIKey() throws {
        let password = "Sdk@123456##"
        let client = try HTTPClient(baseURL: ClientURL(url))
        func admin(_ method: HTTPMethod, _ target: String, _ body: String) throws -> Int {
            try client.send(HTTPRequest(method: method, target: target,
                                        headers: HTTPHeaders([("Content-Type", "application/json"), ("Authorization", "apikey \(Self.key)")]),
                                        body: Array(body.utf8))).status
        }
        XCTAssertEqual(try admin(.post, "/_api/user", #"{"user": "ann", "email": "ann@example.com", "passwd": "\#(password)"}"#), 201)
        XCTAssertEqual(try admin(.put, "/_api/user/ann/database/_system", #"{"grant": "rw"}"#), 200)
        let login = ["--url", url, "--email", "ann@example.com"]

        let asAnn = c8(["query", "RETURN CURRENT_USER()"] + login, environment: ["C8_PASSWORD": password])
        XCTAssertEqual(asAnn.status, 0, asAnn.stderr)
        XCTAssertEqual(asAnn.stdout, "[\"ann\"]\n")

        let wrong = c8(["query", "RETURN 1"] + login, environment: ["C8_PASSWORD": "Wrong@123456##"])
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.stderr.contains("refused the login of ann@example.com"), wrong.stderr)
        XCTAssertFalse(wrong.stderr.contains("Wrong@"), wrong.stderr)

        // No password and no terminal to ask on; two logins at once.
        let unasked = c8(["query", "RETURN 1"] + login)
        XCTAssertEqual(unasked.status, 1)
        XCTAssertTrue(unasked.stderr.contains("needs a password: set C8_PASSWORD"), unasked.stderr)
        let both = c8(["query", "RETURN 1"] + login + ["--api-key", Self.key], environment: ["C8_PASSWORD": password])
        XCTAssertEqual(both.status, 2, "a usage error")
        XCTAssertTrue(both.stderr.contains("both an API key and an email"), both.stderr)
        // From different places, the nearer one logs in.
        let typedEmail = c8(["query", "RETURN CURRENT_USER()"] + login, environment: ["C8_PASSWORD": password, "C8_API_KEY": Self.key])
        XCTAssertEqual(typedEmail.stdout, "[\"ann\"]\n", typedEmail.stderr)
        let typedKey = c8(["query", "RETURN CURRENT_USER()", "--url", url, "--api-key", Self.key],
                          environment: ["C8_PASSWORD": password, "C8_EMAIL": "ann@example.com"])
        XCTAssertEqual(typedKey.status, 0, typedKey.stderr)
        XCTAssertNotEqual(typedKey.stdout, "[\"ann\"]\n")

        // On a terminal it asks, and what is typed does not show.
        guard TmuxSession.isAvailable else { return }
        let tmux = try TmuxSession(command: "\(try C8Binary.url().path) query --url \(url) --email ann@example.com 'RETURN 6 * 7'",
                                   width: 80, height: 10, environment: ["LANG": "C.UTF-8"])
        try tmux.waitFor(text: "Password for ann@example.com:")
        try tmux.type(password)
        try tmux.send("Enter")
        try tmux.waitFor(text: "EXIT=0")
        let screen = try tmux.screen()
        XCTAssertTrue(screen.contains("[42]"), screen)
        XCTAssertFalse(screen.contains(password), screen)
    }

    func testQueryOutputMatchesEmbeddedAcrossBatches() throws {
        // 2500 rows take three cursor batches remotely.
        for style in [[], ["--jsonl"], ["--pretty"]] {
            let (embedded, remote) = bothWays(["query"] + style + ["--bind", "{\"n\": 2500}", "FOR i IN 1..@n RETURN {i}"])
            XCTAssertEqual(remote.status, 0, remote.stderr)
            XCTAssertEqual(remote.stdout, embedded.stdout)
            XCTAssertEqual(remote.stderr, embedded.stderr)
        }
        let parsed = try JSON.parse(c8(["query", "FOR i IN 1..2500 RETURN i"] + remote).stdout)
        XCTAssertEqual(parsed.arrayValue?.count, 2500)
        XCTAssertEqual(parsed.arrayValue?.last, 2500)
    }

    func testQueryErrorsAndWarningsMatchEmbedded() {
        for query in ["RETURN", "FOR d IN nowhere RETURN d", "RETURN 1 / 0"] {
            let (embedded, remote) = bothWays(["query", query])
            XCTAssertEqual(remote.status, embedded.status, query)
            XCTAssertEqual(remote.stdout, embedded.stdout, query)
            XCTAssertEqual(remote.stderr, embedded.stderr, query)
        }
        let warned = c8(["query", "RETURN 1 / 0"] + remote)
        XCTAssertTrue(warned.stderr.hasPrefix("c8 query: warning [1562]"), warned.stderr)
    }

    func testExplainShowsThePlan() throws {
        let (embedded, remote) = bothWays(["query", "--explain", "FOR i IN 1..3 RETURN i"])
        XCTAssertEqual(remote.status, 0, remote.stderr)
        let types = { (run: Run) in try JSON.parse(run.stdout)["plan"]["nodes"].arrayValue?.map { $0["type"] } }
        XCTAssertEqual(try types(remote), try types(embedded))
        XCTAssertEqual(try types(remote)?[1], "EnumerateListNode")
    }

    func testEnvironmentNamesTheEndpoint() {
        let environment = ["C8_URL": url, "C8_API_KEY": Self.key]
        let run = c8(["query", "RETURN 6 * 7"], environment: environment)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "[42]\n")
        // A typed --data-dir beats an inherited C8_URL: the query runs embedded.
        let dataDir = temporaryPath("data")
        let embedded = c8(["query", "RETURN 1", "--data-dir", dataDir], environment: environment)
        XCTAssertEqual(embedded.status, 0, embedded.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dataDir), "the embedded engine made its data dir")
        // A typed --url beats an inherited C8_DATA_DIR.
        let remote = c8(["query", "RETURN 2", "--url", url], environment: ["C8_DATA_DIR": dataDir, "C8_API_KEY": Self.key])
        XCTAssertEqual(remote.stdout, "[2]\n", remote.stderr)
    }

    func testCredentialsAreChecked() {
        let wrong = c8(["query", "RETURN 1", "--url", url, "--api-key", "nope"])
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.stderr.hasPrefix("c8 query: \(url) refused the API key"), wrong.stderr)
        let none = c8(["query", "RETURN 1", "--url", url])
        XCTAssertEqual(none.stderr, "c8 query: \(url) wants credentials: pass --api-key KEY (or set C8_API_KEY), or --email EMAIL\n")
    }

    func testImportThenExportRoundTrips() throws {
        let lines = (0..<2345).map { "{\"_key\":\"k\(String(format: "%05d", $0))\",\"n\":\($0)}" }
        let file = try temporaryFile(lines.joined(separator: "\n") + "\n")
        let imported = c8(["import", "--collection", "things", "--create", file] + remote)
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertTrue(imported.stdout.hasPrefix("imported 2,345 documents into things") || imported.stdout.contains("2345")
                      || imported.stdout.contains("2,345"), imported.stdout)

        let exported = c8(["export", "--collection", "things"] + remote)
        XCTAssertEqual(exported.status, 0, exported.stderr)
        let documents = try exported.stdout.split(separator: "\n").map { try JSON.parse(String($0)) }
        XCTAssertEqual(documents.count, 2345)
        XCTAssertEqual(documents.map { $0["_key"].stringValue ?? "" }, lines.indices.map { "k" + String(format: "%05d", $0) })
        XCTAssertEqual(documents[1234]["n"], 1234)
        XCTAssertEqual(documents[0]["_id"], "things/k00000")

        let counted = c8(["query", "FOR d IN things COLLECT WITH COUNT INTO n RETURN n"] + remote)
        XCTAssertEqual(counted.stdout, "[2345]\n")
    }

    func testImportFailuresMatchEmbeddedAndUndo() throws {
        let missing = bothWays(["import", "--collection", "absent", "-"], stdin: "{\"a\":1}\n")
        XCTAssertEqual(missing.remote.status, 1)
        XCTAssertEqual(missing.remote.stderr, missing.embedded.stderr)

        // A duplicate key stops the import; what it inserted is removed again.
        let dataDir = temporaryPath("data")
        for target in [["--data-dir", dataDir], remote] {
            _ = c8(["import", "--collection", "dups", "--create", "-"] + target, stdin: "{\"_key\":\"a\"}\n")
            let run = c8(["import", "--collection", "dups", "--bulk-limit", "0", "-"] + target,
                         stdin: "{\"_key\":\"b\"}\n{\"_key\":\"a\"}\n")
            XCTAssertEqual(run.status, 1, run.stderr)
            let keys = c8(["query", "FOR d IN dups SORT d._key RETURN d._key"] + target)
            XCTAssertEqual(keys.stdout, "[\"a\"]\n", target.joined(separator: " "))
        }
        let stderr = (c8(["import", "--collection", "dups", "--bulk-limit", "0", "-", "--data-dir", dataDir], stdin: "{\"_key\":\"a\"}\n").stderr,
                      c8(["import", "--collection", "dups", "-"] + remote, stdin: "{\"_key\":\"a\"}\n").stderr)
        XCTAssertEqual(stderr.0, stderr.1)
    }

    func testHTTPSVerifiesTheCertificateUnlessInsecure() throws {
        let certificates = try DevelopmentCertificates.write(to: temporaryPath("tls"))
        let tls = try ServerProcess(arguments: [
            "serve", "--data-dir", temporaryPath("served-tls"), "--admin-key", Self.key,
            "--tls-port", "0", "--tls-cert", certificates.certificateFile, "--tls-key", certificates.keyFile,
        ])
        defer { tls.kill() }
        let listening = try tls.waitForLine(containing: "c8 serve: https on 127.0.0.1:")
        let httpsURL = "https://127.0.0.1:\(listening.split(separator: ":").last ?? "")"

        // The development CA is in no trust store.
        let strict = c8(["query", "RETURN 1", "--url", httpsURL, "--api-key", Self.key])
        XCTAssertEqual(strict.status, 1)
        XCTAssertTrue(strict.stderr.hasPrefix("c8 query: [503] TLS with \(httpsURL) failed: "), strict.stderr)
        XCTAssertTrue(strict.stderr.contains("--insecure"), strict.stderr)
        let insecure = c8(["query", "RETURN 1", "--url", httpsURL, "--api-key", Self.key, "--insecure"])
        XCTAssertEqual(insecure.stdout, "[1]\n", insecure.stderr)
    }

    func testExportOfAMissingCollectionFails() {
        let run = c8(["export", "--collection", "absent"] + remote)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("[1203]"), run.stderr)
        XCTAssertEqual(run.stdout, "")
    }
}
