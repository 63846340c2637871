import C8Cluster
import C8Client
import C8Console
import C8Core
import C8Engine
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `c8 bench console`: the console's responsiveness against the issue's
/// goals (there is no peer to run side by side, so the figures are
/// absolute):
///
/// 1. one frame — `Renderer.render(state)` plus `changes(since:)` against
///    the previous frame — at 200×60, ≤ 2 ms;
/// 2. opening a data dir of `--count` documents to the first frame that
///    shows its collections, ≤ 200 ms;
/// 3. keypress → redraw while a full-scan query runs in the background,
///    ≤ 50 ms;
/// 4. resident memory while paging through the whole collection with
///    pgdn, flat — the process's own (anonymous) memory: the table files
///    RocksDB reads through mmap are page cache shared with the OS, and
///    their resident pages grow with the data read (reported beside it).
///
/// 2–4 run the real console machinery: `EmbeddedConnection` on the data
/// dir, `ConsoleApp` with its `EffectRunner` and a `MemoryTerminal`, keys
/// through the reducer, pages loaded by the effects. The data dir is built
/// once (`docs`, gen-docs documents) and kept at `--data-dir`.
struct ConsoleBenchmark {
    static let size = (width: 200, height: 60)
    static let renderGoal = 2.0  // ms
    static let startGoal = 200.0  // ms
    static let keyGoal = 50.0  // ms
    static let heavyQuery = "FOR d IN docs COLLECT city = d.city AGGREGATE n = COUNT(1), total = SUM(d.score) RETURN {city, n, total}"

    var dataDirectory: String
    var documents: Int
    /// Frames per render variant, key presses measured during the query.
    var frames: Int
    var keyPresses: Int
    var starts: Int
    /// The engine's limits: the caches' bounds are what resident memory
    /// grows to while paging.
    var limits = EngineLimits()

    struct RenderFigures {
        var variant: String
        var render: Double  // ms, medians
        var diff: Double
        var total: Double
        var totalP99: Double
        var changedCells: Int
    }

    struct StartFigures {
        var open: Double  // ms, first start
        var first: Double
        var median: Double
        var starts: Int
    }

    struct KeyFigures {
        var median: Double
        var p99: Double
        var max: Double
        var presses: Int
        var busyPresses: Int
        var queryRuns: Int
    }

    struct MemoryFigures {
        /// (documents paged past, anonymous resident MB)
        var samples: [(documents: Int, megabytes: Double)]
        /// Resident MB of mapped files (the tables read through mmap) at the start and the end.
        var mappedFiles: (first: Double, last: Double)
        var keyPresses: Int
        var seconds: Double
        var peak: Double
    }

    struct Report {
        var render: [RenderFigures]
        var start: StartFigures
        var keys: KeyFigures
        var memory: MemoryFigures
    }

    func run(log: (String) -> Void) throws -> Report {
        let render = Self.measureRender(frames: frames, log: log)
        try prepareDataDirectory(log: log)
        let start = try measureStart(log: log)
        let keys = try measureKeys(log: log)
        let memory = try measurePaging(log: log)
        return Report(render: render, start: start, keys: keys, memory: memory)
    }

    // MARK: 1. Render + diff

    /// A console state as a user sees it mid-session: a big collection open
    /// in the Documents pane, 200 results of a query in the Query pane.
    static func sessionState(width: Int, height: Int, documents: [JSON], results: [JSON]) -> AppState {
        var state = AppState(endpoint: "/var/lib/c8", readOnly: false, theme: BuiltinTheme.theme.adapted(to: .colors256),
                             size: (width, height))
        _ = Reducer.reduce(&state, .start)
        _ = Reducer.reduce(&state, .completed(.fabrics(.success([
            FabricInfo(name: "_system", isSystem: true), FabricInfo(name: "geo", isSystem: false, regions: ["us-east", "eu-west", "ap-south"]),
        ]))))
        _ = Reducer.reduce(&state, .completed(.collections(fabric: "_system", .success([
            CollectionInfo(name: "docs", kind: .document, count: 1_000_000),
            CollectionInfo(name: "edges", kind: .edge, count: 1_000_000),
            CollectionInfo(name: "sessions", kind: .keyValue, count: 2_000),
            CollectionInfo(name: "verts", kind: .document, count: 100_000),
        ]))))
        _ = Reducer.reduce(&state, .completed(.history(fabric: "_system", [])))
        _ = Reducer.reduce(&state, .command("documents docs"))
        _ = Reducer.reduce(&state, .completed(.documents(collection: "docs", placement: .replace, descending: false, .success(documents))))
        _ = Reducer.reduce(&state, .command("query FOR d IN docs FILTER d.age >= 30 LIMIT 200 RETURN d"))
        _ = Reducer.reduce(&state, .completed(.queryPage(.success(CursorPage(
            results: results, hasMore: true, cursorId: "42", statistics: ["scannedFull": 412, "scannedIndex": 0])),
            first: true, elapsed: 3.2, run: state.query.run)))
        state.pending = 0
        state.focus = .documents
        return state
    }

    /// Stored-looking documents (`_id`, `_rev`) of the gen-docs corpus.
    static func sampleDocuments(_ count: Int, from first: Int = 0) -> [JSON] {
        var corpus = DocumentCorpus()
        for i in 0..<first { _ = corpus.compactDocument(i) }
        return (first..<(first + count)).map { i in
            guard case .object(var object) = corpus.compactDocument(i) else { return .null }
            object["_id"] = .string("docs/d\(i)")
            object["_rev"] = .string("_h\(String(i, radix: 36))_")
            return .object(object)
        }
    }

    /// Medians over `frames` frames of two states: list + table, and one
    /// document's JSON + results as JSON. Each frame follows a key (j/k
    /// alternately) so it differs from the one before, as when scrolling.
    static func measureRender(frames: Int, log: (String) -> Void) -> [RenderFigures] {
        let documents = sampleDocuments(DocumentsState.pageSize)
        let results = sampleDocuments(200, from: 500)
        let listState = sessionState(width: size.width, height: size.height, documents: documents, results: results)
        var viewState = listState
        _ = Reducer.reduce(&viewState, .input(.key(KeyEvent(.enter))))  // the selected document as JSON
        viewState.query.resultView = .json
        var figures: [RenderFigures] = []
        for (variant, state) in [("documents list + query results table", listState),
                                 ("one document's JSON + query results as JSON", viewState)] {
            var state = state
            var previous: ScreenBuffer? = Renderer.render(state)
            var renderTimes: [Double] = [], diffTimes: [Double] = [], totals: [Double] = []
            var changed = 0
            for frame in 0..<(frames + 10) {
                _ = Reducer.reduce(&state, .input(.key(.char(frame % 2 == 0 ? "j" : "k"))))
                let t0 = DispatchTime.now().uptimeNanoseconds
                let screen = Renderer.render(state)
                let t1 = DispatchTime.now().uptimeNanoseconds
                let changes = screen.changes(since: previous)
                let t2 = DispatchTime.now().uptimeNanoseconds
                previous = screen
                guard frame >= 10 else { continue }  // warm-up
                renderTimes.append(Double(t1 - t0) / 1e6)
                diffTimes.append(Double(t2 - t1) / 1e6)
                totals.append(Double(t2 - t0) / 1e6)
                changed += changes.reduce(0) { $0 + $1.cells.count }
            }
            let row = RenderFigures(variant: variant, render: SideBySide.median(renderTimes), diff: SideBySide.median(diffTimes),
                                    total: SideBySide.median(totals), totalP99: percentile(totals, 0.99),
                                    changedCells: changed / max(1, frames))
            log("render \(variant): render \(ms(row.render)) + diff \(ms(row.diff)) = \(ms(row.total)) ms median, "
                + "p99 \(ms(row.totalP99)) ms, \(row.changedCells) cells changed per frame")
            figures.append(row)
        }
        return figures
    }

    // MARK: Data dir

    /// Builds `docs` with `documents` gen-docs documents in the data dir
    /// unless it is there already — with `c8 import` (run in process), as a
    /// user would load it.
    func prepareDataDirectory(log: (String) -> Void) throws {
        if FileManager.default.fileExists(atPath: dataDirectory + "/CURRENT") {
            let federation = try Federation.open(directory: dataDirectory)
            defer { federation.close() }
            let fabric = try federation.localRegion.engine.fabric()
            let count = fabric.hasCollection("docs") ? try fabric.collection("docs").count : 0
            guard count == documents else {
                throw CommandFailure("\(dataDirectory) holds \(count) documents in docs, not \(documents); use another --data-dir")
            }
            log("using \(dataDirectory): \(NumberText.count(count)) documents in docs")
            return
        }
        let stopwatch = Stopwatch()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("c8-bench-console-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        _ = try DocumentFileGenerator(count: documents).write(to: file)
        var output = "", errors = ""
        // One region: the figures are the console's, not replication's
        // (which would apply every document twice more in the background).
        let status = CommandLineTool.run(arguments: ["import", "--data-dir", dataDirectory, "--regions", "us-east",
                                                     "--collection", "docs", "--create", file],
                                         environment: [:], stdout: &output, stderr: &errors)
        guard status == 0 else { throw CommandFailure("c8 import into \(dataDirectory) failed: \(errors)") }
        log("built \(dataDirectory) with c8 import: \(NumberText.count(documents)) documents in \(NumberText.seconds(stopwatch.seconds))")
    }

    /// The console machinery of `c8 console` over `connection`, on an
    /// in-memory terminal of the benchmark's size.
    static func makeApp(_ connection: EmbeddedConnection) -> (ConsoleApp, MemoryTerminal) {
        let terminal = MemoryTerminal(width: size.width, height: size.height)
        let state = AppState(endpoint: connection.endpoint, readOnly: false, theme: BuiltinTheme.theme, size: (80, 24))
        let runner = EffectRunner(connection: connection, historyDirectory: nil, themes: ThemeCatalog(directories: []))
        return (ConsoleApp(state: state, terminal: terminal, runner: runner), terminal)
    }

    /// Steps the loop until `condition` holds (or `timeout` seconds pass).
    static func step(_ app: ConsoleApp, timeout: Double = 30, until condition: () -> Bool) throws {
        let stopwatch = Stopwatch()
        while !condition() {
            guard stopwatch.seconds < timeout else { throw CommandFailure("the console did not get there in \(Int(timeout)) s") }
            app.step(timeout: 0)
            if !condition() { usleep(100) }
        }
    }

    // MARK: 2. First frame

    /// From opening the engine to the first frame that lists the
    /// collections (with their counts), `starts` times.
    func measureStart(log: (String) -> Void) throws -> StartFigures {
        var times: [Double] = []
        var firstOpen = 0.0
        for i in 0..<starts {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let connection = try EmbeddedConnection.open(directory: dataDirectory, limits: limits)
            let opened = DispatchTime.now().uptimeNanoseconds
            let (app, _) = Self.makeApp(connection)
            app.dispatch(.start)
            try Self.step(app) { app.state.collections.contains { $0.name == "docs" } }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
            guard app.frames > 0, app.state.collections.first(where: { $0.name == "docs" })?.count == documents else {
                throw CommandFailure("the first frame does not show docs with \(documents) documents")
            }
            if i == 0 { firstOpen = Double(opened - t0) / 1e6 }
            log("start \(i + 1): first frame with collections after \(Self.ms(elapsed)) ms (engine open \(Self.ms(Double(opened - t0) / 1e6)) ms)")
            times.append(elapsed)
            app.settle(timeout: 5)
            connection.close()
        }
        return StartFigures(open: firstOpen, first: times[0], median: SideBySide.median(times), starts: starts)
    }

    // MARK: 3. Keypress → redraw under load

    /// Runs the full-scan query through the app (again whenever it ends)
    /// and presses j / k in the Collections pane every 10 ms; each press is
    /// timed from queuing the key to the terminal receiving the frame.
    func measureKeys(log: (String) -> Void) throws -> KeyFigures {
        let connection = try EmbeddedConnection.open(directory: dataDirectory, limits: limits)
        defer { connection.close() }
        let (app, terminal) = Self.makeApp(connection)
        app.dispatch(.start)
        try Self.step(app) { app.state.collections.contains { $0.name == "docs" } }
        app.settle()
        var latencies: [Double] = []
        var queryRuns = 0
        var runStarted = Stopwatch()
        var runTimes: [Double] = []
        var busy = 0  // presses while the engine was executing the query
        let deadline = Stopwatch()
        while latencies.count < keyPresses {
            guard deadline.seconds < 600 else { throw CommandFailure("keypress benchmark took over 10 minutes") }
            if app.state.query.running {
                usleep(10_000)  // a key every 10 ms: faster than anyone types
            } else {
                if queryRuns > 0 {
                    if let error = app.state.query.error { throw CommandFailure("the background query failed: \(error)") }
                    runTimes.append(runStarted.seconds)
                }
                app.dispatch(.command("query " + Self.heavyQuery))
                app.dispatch(.command("collections"))
                runStarted = Stopwatch()
                queryRuns += 1
            }
            // The key is read, applied and drawn by the loop's next step —
            // with whatever else arrived meanwhile (a result page), as in
            // the real loop.
            if !connection.queries.runningQueries().isEmpty { busy += 1 }
            let before = terminal.drawCount
            let t0 = DispatchTime.now().uptimeNanoseconds
            terminal.send(.key(.char(latencies.count % 2 == 0 ? "j" : "k")))
            while terminal.pendingInput > 0 || terminal.drawCount == before { app.step(timeout: 0) }
            latencies.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        // The engine closes with the connection: let the last run finish first.
        app.settle(timeout: 300)
        guard !app.state.query.running else { throw CommandFailure("the background query did not finish") }
        log("keys: \(latencies.count) presses (\(busy) while the engine was executing the query) during \(queryRuns) runs of it "
            + "(a run took \(runTimes.isEmpty ? "?" : NumberText.seconds(SideBySide.median(runTimes))) in the console)")
        return KeyFigures(median: SideBySide.median(latencies), p99: Self.percentile(latencies, 0.99),
                          max: latencies.max() ?? 0, presses: latencies.count, busyPresses: busy, queryRuns: queryRuns)
    }

    // MARK: 4. Memory while paging

    /// Opens docs in the Documents pane and presses pgdn until the last
    /// document, waiting for each page the effects load; resident memory
    /// at the start, every 100,000 documents and at the end.
    func measurePaging(log: (String) -> Void) throws -> MemoryFigures {
        let connection = try EmbeddedConnection.open(directory: dataDirectory, limits: limits)
        defer { connection.close() }
        let (app, terminal) = Self.makeApp(connection)
        app.dispatch(.start)
        try Self.step(app) { app.state.collections.contains { $0.name == "docs" } }
        app.settle()
        app.dispatch(.command("documents docs"))
        try Self.step(app) { !app.state.documents.loading && !app.state.documents.rows.isEmpty }
        var loaded = app.state.documents.rows.count  // documents paged in so far
        let start = ResidentMemory.current()
        var samples: [(Int, Double)] = [(0, start.anonymous)]
        var peak = samples[0].1
        log("paging: start \(start)")
        var nextSample = 100_000
        var presses = 0
        let stopwatch = Stopwatch()
        let pageDown = InputEvent.key(KeyEvent(.pageDown))
        while true {
            let window = app.state.documents
            if !window.hasMoreAfter && window.cursor.selected >= window.rows.count - 1 { break }
            let lastKey = window.rows.last?["_key"]
            terminal.send(pageDown)
            app.step(timeout: 0)
            presses += 1
            try Self.step(app) { !app.state.documents.loading }
            let rows = app.state.documents.rows
            if rows.last?["_key"] != lastKey, let old = rows.lastIndex(where: { $0["_key"] == lastKey }) {
                loaded += rows.count - 1 - old
            }
            let position = loaded - (rows.count - 1 - app.state.documents.cursor.selected)
            if position >= nextSample {
                let resident = ResidentMemory.current()
                peak = max(peak, resident.anonymous)
                samples.append((nextSample, resident.anonymous))
                log("paging: \(NumberText.count(nextSample)) documents, \(resident), \(NumberText.seconds(stopwatch.seconds))")
                nextSample += 100_000
            }
            guard presses < 2 * documents + 1000 else { throw CommandFailure("paging did not reach the end") }
        }
        let end = ResidentMemory.current()
        let final = end.anonymous
        peak = max(peak, final)
        guard loaded == documents else {
            throw CommandFailure("paging saw \(loaded) documents, expected \(documents)")
        }
        if samples.last?.0 != loaded { samples.append((loaded, final)) }
        log("paging: end after \(NumberText.count(presses)) pgdn, \(end), \(NumberText.seconds(stopwatch.seconds))")
        return MemoryFigures(samples: samples, mappedFiles: (start.files, end.files), keyPresses: presses,
                             seconds: stopwatch.seconds, peak: peak)
    }

    // MARK: Helpers

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }

    static func ms(_ value: Double) -> String { String(format: value < 10 ? "%.2f" : "%.1f", value) }
    static func mb(_ value: Double) -> String { String(format: "%.1f", value) }
}
