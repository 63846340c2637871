import C8Client
import C8Core
import Dispatch
import Foundation

/// Runs effects against the connection and the file system, off the UI
/// thread, and reports each outcome as a ``Completion``.
public final class EffectRunner: Sendable {
    public let connection: any C8Connection
    let historyDirectory: String?
    let themes: ThemeCatalog
    /// The query running now, to cancel.
    private let running = RunningTask()
    /// The stream tails open now, to close.
    let tails = TailRegistry()

    public init(connection: any C8Connection, historyDirectory: String?, themes: ThemeCatalog) {
        self.connection = connection
        self.historyDirectory = historyDirectory
        self.themes = themes
    }

    /// Starts `effect`; `deliver` receives its completion on any thread.
    /// Returns false for effects the app itself must handle (the external
    /// editor, which needs the terminal).
    public func run(_ effect: Effect, deliver: @escaping @Sendable (Completion) -> Void) {
        if runStreamEffect(effect, deliver: deliver) || runRegionEffect(effect, deliver: deliver) { return }
        let connection = self.connection
        switch effect {
        case .runQuery(let request, let fabric, let run):
            let task = Task {
                let start = DispatchTime.now()
                do {
                    let page = try await connection.query(request, in: fabric)
                    deliver(.queryPage(.success(page), first: true, elapsed: Self.milliseconds(since: start), run: run))
                } catch let error as C8Error {
                    deliver(.queryPage(.failure(error), first: true, elapsed: Self.milliseconds(since: start), run: run))
                } catch {
                    deliver(.queryPage(.failure(C8Error.wrap(error)), first: true, elapsed: 0, run: run))
                }
            }
            running.set(task)
        case .runSavedQuery(let name, let fabric, let run):
            Task {
                let start = DispatchTime.now()
                let result = await Self.capture { () async throws(C8Error) in try await connection.runSavedQuery(name, bindVariables: [:], batchSize: 200, in: fabric) }
                deliver(.queryPage(result, first: true, elapsed: Self.milliseconds(since: start), run: run))
            }
        case .cancelQuery(let fabric):
            running.cancel()
            Task {
                for query in (try? await connection.runningQueries(in: fabric)) ?? [] {
                    if let id = query["id"].stringValue { try? await connection.killQuery(id, in: fabric) }
                }
            }
        case .editExternally:
            preconditionFailure("the app handles the external editor itself")
        case .saveHistory(let fabric, let entries):
            guard let directory = historyDirectory else { return }
            DispatchQueue.global(qos: .utility).async {
                try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                let text = entries.suffix(500).map { JSON.string($0).jsonString() }.joined(separator: "\n")
                try? text.write(toFile: Self.historyPath(directory, fabric), atomically: true, encoding: .utf8)
            }
        case .loadHistory(let fabric):
            guard let directory = historyDirectory else { return }
            DispatchQueue.global(qos: .utility).async {
                let text = (try? String(contentsOfFile: Self.historyPath(directory, fabric), encoding: .utf8)) ?? ""
                let entries = text.split(separator: "\n").compactMap { try? JSON.parse(String($0)).stringValue }
                deliver(.history(fabric: fabric, entries))
            }
        case .loadTheme(let name):
            let themes = self.themes
            DispatchQueue.global(qos: .userInitiated).async {
                do {
                    deliver(.theme(.success(try themes.load(named: name))))
                } catch let error as ThemeError {
                    deliver(.theme(.failure(error)))
                } catch {}
            }
        case .export(let path, let source, let fabric):
            Task { deliver(.exported(await Self.capture { () async throws(C8Error) in try await Self.export(path: path, source: source, fabric: fabric, connection) })) }
        default:
            Task { deliver(await Self.perform(effect, connection)) }
        }
    }

    static func historyPath(_ directory: String, _ fabric: String) -> String {
        directory + "/" + fabric + ".jsonl"
    }

    static func milliseconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    }

    static func capture<T: Sendable>(_ body: () async throws(C8Error) -> T) async -> Result<T, C8Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    /// The request-and-reply effects.
    static func perform(_ effect: Effect, _ connection: any C8Connection) async -> Completion {
        switch effect {
        case .loadFabrics:
            return .fabrics(await capture { () async throws(C8Error) in try await connection.fabrics() })
        case .loadCollections(let fabric):
            return .collections(fabric: fabric, await capture { () async throws(C8Error) in try await connection.collections(in: fabric) })
        case .loadDocuments(let fabric, let collection, let after, let descending, let placement):
            let result = await capture { () async throws(C8Error) in
                try await connection.documents(in: collection, fabric: fabric, after: after, limit: DocumentsState.pageSize, descending: descending)
            }
            return .documents(collection: collection, placement: placement, descending: descending, result)
        case .loadIndexes(let fabric, let collection):
            return .indexes(collection: collection, await capture { () async throws(C8Error) in try await connection.indexes(of: collection, in: fabric) })
        case .nextQueryPage(let cursor, let fabric, let run):
            return .queryPage(await capture { () async throws(C8Error) in try await connection.nextPage(of: cursor, in: fabric) },
                              first: false, elapsed: 0, run: run)
        case .closeCursor(let cursor, let fabric):
            try? await connection.closeCursor(cursor, in: fabric)
            return .changed(.success(""), reload: .nothing)
        case .explain(let request, let fabric):
            return .explained(await capture { () async throws(C8Error) in try await connection.explain(request, in: fabric) })
        case .loadSavedQueries(let fabric):
            return .savedQueries(await capture { () async throws(C8Error) in try await connection.savedQueries(in: fabric) })
        case .createFabric(let name):
            return await change("fabric \(name) created", .fabrics) { () async throws(C8Error) in try await connection.createFabric(name, options: [:]) }
        case .dropFabric(let name):
            return await change("fabric \(name) dropped", .fabrics) { () async throws(C8Error) in try await connection.dropFabric(name) }
        case .createCollection(let name, let options, let fabric):
            return await change("collection \(name) created", .collections) { () async throws(C8Error) in _ = try await connection.createCollection(name, in: fabric, options: options) }
        case .truncateCollection(let name, let fabric):
            return await change("\(name) truncated", .documents) { () async throws(C8Error) in try await connection.truncateCollection(name, in: fabric) }
        case .dropCollection(let name, let fabric):
            return await change("collection \(name) dropped", .collections) { () async throws(C8Error) in try await connection.dropCollection(name, in: fabric) }
        case .createIndex(let collection, let definition, let fabric):
            return await change("index created on \(collection)", .indexes) { () async throws(C8Error) in _ = try await connection.createIndex(on: collection, in: fabric, definition: definition) }
        case .dropIndex(let collection, let id, let fabric):
            return await change("index \(id) dropped", .indexes) { () async throws(C8Error) in try await connection.dropIndex(id, on: collection, in: fabric) }
        case .insertDocument(let collection, let document, let fabric):
            return await change("document created", .documents) { () async throws(C8Error) in _ = try await connection.insertDocument(document, into: collection, fabric: fabric) }
        case .replaceDocument(let collection, let key, let document, let rev, let fabric):
            return await change("\(collection)/\(key) saved", .documents) { () async throws(C8Error) in _ = try await connection.replaceDocument(key, with: document, in: collection, fabric: fabric, rev: rev) }
        case .removeDocument(let collection, let key, let fabric):
            return await change("\(collection)/\(key) deleted", .documents) { () async throws(C8Error) in try await connection.removeDocument(key, from: collection, fabric: fabric) }
        case .saveQuery(let name, let text, let parameters, let fabric):
            return await change("saved query \(name) saved", .savedQueries) { () async throws(C8Error) in try await connection.saveQuery(name: name, text: text, parameters: parameters, in: fabric) }
        default:
            return .changed(.success(""), reload: .nothing)
        }
    }

    private static func change(_ summary: String, _ reload: Completion.Reload, _ body: () async throws(C8Error) -> Void) async -> Completion {
        do {
            try await body()
            return .changed(.success(summary), reload: reload)
        } catch {
            return .changed(.failure(error), reload: .nothing)
        }
    }

    /// Writes JSON lines: the given rows, or a collection page by page.
    static func export(path: String, source: Effect.ExportSource, fabric: String, _ connection: any C8Connection) async throws(C8Error) -> String {
        // open(2) rather than FileManager: its errno says why (no such
        // directory, permission denied), which the status line passes on.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw C8Error(.internalError, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        defer { try? handle.close() }
        var count = 0
        switch source {
        case .rows(let rows):
            handle.write(Data(rows.map { $0.jsonString() + "\n" }.joined().utf8))
            count = rows.count
        case .collection(let collection):
            var after: String?
            while true {
                let page = try await connection.documents(in: collection, fabric: fabric, after: after, limit: 1000, descending: false)
                handle.write(Data(page.map { $0.jsonString() + "\n" }.joined().utf8))
                count += page.count
                guard page.count == 1000, let last = page.last?["_key"].stringValue else { break }
                after = last
            }
        }
        return "exported \(count) documents to \(path)"
    }
}

/// The task of the query running now.
private final class RunningTask: @unchecked Sendable {
    // @unchecked: guarded by `lock`.
    private let lock = NSLock()
    private var task: Task<Void, Never>?

    func set(_ task: Task<Void, Never>) {
        lock.lock()
        self.task = task
        lock.unlock()
    }

    func cancel() {
        lock.lock()
        task?.cancel()
        lock.unlock()
    }
}
