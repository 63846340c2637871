import C8Core
import C8Engine
import C8Storage
import Foundation
import XCTest

/// Shared scaffolding of the index tests: storage to write entries into (in
/// memory here; RocksDB in the `…RocksDBTests` subclasses), definitions,
/// and a seeded random generator for the property tests.
class IndexTestCase: XCTestCase {
    private var directories: [URL] = []
    private var engines: [any StorageEngine] = []

    /// Fresh, empty storage of the kind this class tests.
    func makeStorage() throws -> any StorageEngine {
        let engine = MemoryEngine()
        engines.append(engine)
        return engine
    }

    /// A fresh RocksDB store in a temporary directory, closed and removed
    /// after the test.
    func makeRocksDB() throws -> any StorageEngine {
        try openRocksDB(at: temporaryDirectory())
    }

    /// A directory removed after the test.
    func temporaryDirectory() -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("c8-index-\(UUID().uuidString)")
        directories.append(directory)
        return directory.path
    }

    /// Opens (or reopens) the RocksDB store in `directory`; closed after the test.
    func openRocksDB(at directory: String) throws -> any StorageEngine {
        let engine = try RocksDBEngine(directory: directory)
        engines.append(engine)
        return engine
    }

    override func tearDown() {
        for engine in engines { engine.close() }
        engines = []
        for directory in directories { try? FileManager.default.removeItem(at: directory) }
        directories = []
        super.tearDown()
    }

    func definition(
        _ type: IndexType, _ fields: [String], objectId: UInt64 = 7, unique: Bool = false, sparse: Bool = false,
        deduplicate: Bool = true, expireAfter: Double? = nil, minLength: Int? = nil, geoJson: Bool = false
    ) throws -> IndexDefinition {
        IndexDefinition(
            objectId: objectId, localId: 5, name: "idx_test", type: type,
            fields: try fields.map { try AttributePath(parsing: $0) }, unique: unique, sparse: sparse,
            deduplicate: deduplicate, expireAfter: expireAfter, minLength: minLength, geoJson: geoJson)
    }

    /// Writes the entries of each document, as the collection's write path does.
    func index(_ documents: [(key: String, document: JSON)], with index: any DocumentIndex, in storage: any StorageEngine) throws {
        var batch = WriteBatch()
        for (key, document) in documents {
            for entry in index.entries(for: document, key: key) { batch.put(entry.key, entry.value) }
        }
        try storage.write(batch, sync: false)
    }

    /// Removes the entries of one document.
    func unindex(_ key: String, _ document: JSON, with index: any DocumentIndex, in storage: any StorageEngine) throws {
        var batch = WriteBatch()
        for entry in index.entries(for: document, key: key) { batch.delete(entry.key) }
        try storage.write(batch, sync: false)
    }

    /// Every entry key stored for the index with `objectId`.
    func storedKeys(_ storage: any StorageEngine, objectId: UInt64 = 7) -> [[UInt8]] {
        var keys: [[UInt8]] = []
        storage.scan(KeySpace.indexEntries(of: objectId)) { key, _ in
            keys.append(Array(key))
            return true
        }
        return keys
    }

    /// Asserts that `body` throws a C8Error with `code`, and a message
    /// containing `message` when given.
    func expectError<T>(
        _ code: ErrorCode, _ message: String? = nil, file: StaticString = #filePath, line: UInt = #line,
        _ body: () throws -> T
    ) {
        do {
            _ = try body()
            XCTFail("expected error \(code.rawValue)", file: file, line: line)
        } catch let error as C8Error {
            XCTAssertEqual(error.errorNum, code.rawValue, "\(error)", file: file, line: line)
            if let message { XCTAssertTrue(error.message.contains(message), "\(error.message)", file: file, line: line) }
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
    }
}

/// Property tests use C8Core's seeded SplitMix64, so failures replay.
typealias SeededGenerator = SplitMix64

/// The storage key prefix of an index's entries plus `parts`, for
/// asserting exact entry layouts.
func entryKey(objectId: UInt64 = 7, _ parts: [JSON], rawSuffix: [UInt8] = []) -> [UInt8] {
    var bytes = KeySpace.indexPrefix(objectId)
    for part in parts { IndexKeyEncoding.append(part, to: &bytes) }
    return bytes + rawSuffix
}
