@testable import C8CLI
import C8Core
@testable import C8Engine
import XCTest

/// The bulk import transcodes JSON text straight into the stored binary
/// form. These load one varied corpus through it and through the old
/// paths — the batched import (a tree per document, inserted one by one)
/// and a bulk load of trees — and require the same stored bytes (but
/// `_rev`, a time), index entries, counts, outcome and error messages.
final class ImportTranscodeTests: DataDirTestCase {
    /// Every kind of value, key and mistake, one document per line.
    private static let corpus: [String] = {
        var lines = [
            #"{"_key":"d0","name":"Olumide Ritchie","email":"o@example.com","age":86,"active":true,"geo":[-33.871,151.1853],"tags":["us"],"score":52.932}"#,
            #"{"name":"no key","n":1}"#,
            #"{"nested":{"deeper":{"deepest":[1,[2,[3,{"x":null}]]]}},"empty":{},"none":[],"s":""}"#,
            #"{"_key":"esc","text":"\u00e9\u4e2d \"q\" \\ \/ \b\f\n\r\t \u0000","pair":"\ud83d\ude00\uD834\uDD1E","raw":"Zoë 😀"}"#,
            #"{"_key":"nums","z":0,"nz":-0,"nzf":-0.0,"f":0.0,"e":1e2,"E":1E+2,"small":1.5e-3,"tiny":-1e-400,"max":9223372036854775807,"min":-9223372036854775808,"over":9223372036854775808,"huge":123456789012345678901234567890,"pi":3.141592653589793238462643383279,"sub":4.9e-324}"#,
            #"{"_key":"big","n":1e400}"#,
            #"{"_key":"dupes","a":1,"b":2,"a":3,"o":{"x":1,"x":[2]}}"#,
            #"{"_key":"first","_key":"second","v":1}"#,
            #"{"v":"keyless duplicate","v":"last wins"}"#,
            #"{"a":1,"_rev":"x","b":[1,2],"_key":"late","c":{"d":"e"},"_id":"c/k","_from":"f/1","_to":"t/1","_other":true}"#,
            #"{"_key":"with:colon-and_underscore.dot@at(1)+2=3;4$5!6*7'8%9","v":1}"#,
            #"{"_key":"a b","v":"space: invalid"}"#,
            #"{"_key":"","v":"empty: invalid"}"#,
            #"{"_key":123,"v":"number: invalid"}"#,
            #"{"_key":"x/y","v":"slash: invalid"}"#,
            #"{"_key":"d0","v":"taken"}"#,
            "{\"_key\":\"" + String(repeating: "k", count: 260) + "\",\"v\":\"too long\"}",
            "42", #""a string""#, "[1,2]", "null",
            "{oops", #"{"a":tru}"#, #"{"a":"\ud800"}"#, #"{"a":1,}"#, "{\"raw\":\"tab\there\"}", #"{"a":"x"#,
            "{\"many\":[" + (0..<300).map(String.init).joined(separator: ",") + "]}",
            "{" + (0..<140).map { "\"m\($0)\":\($0)" }.joined(separator: ",") + "}",
            "{\"long\":\"" + String(repeating: "é", count: 200) + "\",\"email\":\"o@example.com\"}",
            String(repeating: "{\"d\":", count: 40) + "1" + String(repeating: "}", count: 40),
            "  {\"_key\":\"spaced\",\"v\":[ 1 , 2 ]}  \r",
            "",
            "   ",
            String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
        ]
        lines += (0..<40).map { #"{"n":\#($0),"email":"u\#($0 % 7)@example.com","tags":["a","b","a"]}"# }
        return lines
    }()

    /// Edges right and wrong, for an edge collection.
    private static let edges: [String] = [
        #"{"_from":"v/1","_to":"v/2","w":1}"#,
        #"{"_key":"e1","_from":"v/1","_to":"v/3"}"#,
        #"{"_from":"v/1"}"#,
        #"{"_from":"not a handle","_to":"v/2"}"#,
        #"{"_from":1,"_to":"v/2"}"#,
        #"{"_to":"v/2","_from":"v/9","_key":"late","x":[1,{"_from":"inner"}]}"#,
        #"{"_from":"v/1","_to":"v/2","_from":"v/5","_id":"x/y","_rev":"r"}"#,
        #""not an edge""#,
        #"{"_key":"e1","_from":"a/b","_to":"c/d"}"#,
        #"{"_key":"e 2","_from":"a/b","_to":"c/d"}"#,
        #"{"_from":"v/\u00e9","_to":"v/\ud83d\ude00"}"#,
    ]

    private struct Loaded {
        var outcome: DocumentImporter.Outcome?
        var thrown: String?
        var problems: [String] = []
    }

    /// Runs `loader` over `text`, collecting what it reports (index names,
    /// which differ between the collections compared, made the same).
    private func load(_ makeLoader: (@escaping (ImportProblem) -> Void) -> any DocumentLoader, text: String) -> Loaded {
        var loaded = Loaded()
        func unnamed(_ message: String) -> String { message.replacing(#/idx_[0-9]+/#, with: "idx") }
        let loader = makeLoader { loaded.problems.append(unnamed($0.description)) }
        do {
            let input = try DocumentInput(path: "-", standardInput: .text(text))
            loaded.outcome = try loader.run(input, progress: nil)
        } catch {
            loaded.thrown = unnamed("\(error)")
            try? loader.undo()
        }
        return loaded
    }

    /// The stored documents by key, each with its `_rev` value blanked
    /// (11 characters: the bytes keep their length and layout).
    private func storedDocuments(_ collection: DocumentCollection) throws -> [String: [UInt8]] {
        var documents: [String: [UInt8]] = [:]
        let range = KeySpace.documents(of: collection.objectId)
        let prefix = range.lowerBound.count
        var failure: Error?
        collection.storageEngine.scan(range) { key, value in
            var bytes = Array(value)
            do {
                var revRange: Range<Int>?
                try bytes.withUnsafeBufferPointer { buffer in
                    try BinaryJSON.forEachMember(ofObject: buffer) { member in
                        guard String(decoding: member.key, as: UTF8.self) == "_rev" else { return }
                        let start = member.value.baseAddress! - buffer.baseAddress!  // the tag, then the text
                        revRange = start + 1..<start + member.value.count
                    }
                }
                let rev = try XCTUnwrap(revRange)
                XCTAssertEqual(rev.count, Revision.length)
                bytes.replaceSubrange(rev, with: repeatElement(UInt8(ascii: "-"), count: rev.count))
            } catch {
                failure = error
            }
            documents[String(decoding: key[prefix...], as: UTF8.self)] = bytes
            return true
        }
        if let failure { throw failure }
        return documents
    }

    /// Each secondary index's entries, without the index's own id.
    private func indexEntries(_ collection: DocumentCollection) -> [[String]] {
        collection.indexDefinitions.dropFirst().map { definition in
            var entries: [String] = []
            let prefix = KeySpace.indexPrefix(definition.objectId).count
            collection.storageEngine.scan(KeySpace.indexEntries(of: definition.objectId)) { key, value in
                entries.append(Array(key[prefix...]).description + "=" + Array(value).description)
                return true
            }
            return entries
        }
    }

    private func assertSameStorage(_ a: DocumentCollection, _ b: DocumentCollection, _ what: String,
                                   file: StaticString = #filePath, line: UInt = #line) throws {
        let left = try storedDocuments(a), right = try storedDocuments(b)
        XCTAssertEqual(left.keys.sorted(), right.keys.sorted(), what, file: file, line: line)
        for (key, bytes) in left where right[key] != bytes {
            XCTFail("\(what): document \(key) differs", file: file, line: line)
        }
        XCTAssertEqual(indexEntries(a), indexEntries(b), what, file: file, line: line)
        XCTAssertEqual(a.count, b.count, what, file: file, line: line)
        XCTAssertEqual(a.shardCounts, b.shardCounts, what, file: file, line: line)
        XCTAssertEqual(try a.verifyConsistency(), [], what, file: file, line: line)
    }

    /// `documents` (JSON lines, or one JSON array of them) through the
    /// transcoding bulk import, the batched import, a bulk import past its
    /// limit (handing over to batches) and a bulk load of trees; every pair
    /// compared. With and without indexes (with: the stored form is decoded
    /// for the entries), skipping bad documents and stopping at the first.
    private func compareLoaders(_ documents: [String], asArray: Bool = false, edges: Bool = false, skipErrors: Bool,
                                indexed: Bool, file: StaticString = #filePath, line: UInt = #line) throws {
        let text = asArray ? "[\n" + documents.joined(separator: ",\n") + "\n]" : documents.joined(separator: "\n") + "\n"
        let engine = try Engine.open(directory: temporaryPath("data"))
        defer { engine.close() }
        let fabric = try engine.fabric()
        func collection(_ name: String) throws -> DocumentCollection {
            let created = try fabric.createCollection(name, options: CollectionOptions(type: edges ? .edge : .document))
            if indexed {
                try created.createIndex(["type": "persistent", "fields": ["email"], "unique": true, "sparse": true])
                try created.createIndex(["type": "persistent", "fields": ["tags[*]"], "deduplicate": false])
                try created.createIndex(["type": "persistent", "fields": ["n", "name"]])
            }
            return created
        }
        let bulk = try collection("bulk"), batched = try collection("batched")
        let handedOver = try collection("handedOver"), trees = try collection("trees")

        let new = load({ BulkDocumentImporter(collection: bulk, skipErrors: skipErrors, reportSkipped: $0) }, text: text)
        let old = load({ DocumentImporter(collection: batched, skipErrors: skipErrors, reportSkipped: $0) }, text: text)
        let switched = load({
            BulkDocumentImporter(collection: handedOver, limit: 10, skipErrors: skipErrors, reportSkipped: $0)
        }, text: text)
        XCTAssertEqual(new.outcome, old.outcome, "outcome", file: file, line: line)
        XCTAssertEqual(new.thrown, old.thrown, "error", file: file, line: line)
        // The bulk import reports skipped documents in input order; the
        // batched one a batch's refused documents after the syntax errors
        // read meanwhile (as before this change): the same, by line.
        func byLine(_ problems: [String]) -> [String] {
            problems.sorted { a, b in
                func number(_ text: String) -> Int { Int(text.dropFirst(5).prefix { $0.isNumber }) ?? 0 }
                return (number(a), a) < (number(b), b)
            }
        }
        XCTAssertEqual(new.problems, byLine(new.problems), "in input order", file: file, line: line)
        XCTAssertEqual(new.problems, byLine(old.problems), "problems", file: file, line: line)
        XCTAssertEqual(switched.outcome, old.outcome, "outcome past the limit", file: file, line: line)
        XCTAssertEqual(switched.thrown, old.thrown, "error past the limit", file: file, line: line)
        XCTAssertEqual(byLine(switched.problems), byLine(old.problems), "problems past the limit", file: file, line: line)
        if skipErrors {
            XCTAssertGreaterThan(bulk.count, edges ? 3 : indexed ? 15 : 30, "the comparison compares something",
                                 file: file, line: line)
        }
        try assertSameStorage(bulk, batched, "bulk vs batched", file: file, line: line)
        try assertSameStorage(handedOver, batched, "handed over vs batched", file: file, line: line)

        // What the bulk importer did before it transcoded: trees, one bulk load.
        var options = BulkInsertOptions()
        options.skipErrors = true
        let parsed = documents.compactMap { try? JSON.parse($0) }
        if skipErrors {
            _ = try trees.bulkInsert(parsed, options: options)
            try assertSameStorage(bulk, trees, "bulk vs trees", file: file, line: line)
        }
    }

    func testTheCorpusLoadsAsTheOldPathsLoadIt() throws {
        try compareLoaders(Self.corpus, skipErrors: true, indexed: false)
    }

    func testTheCorpusLoadsAsTheOldPathsLoadItWithIndexes() throws {
        try compareLoaders(Self.corpus, skipErrors: true, indexed: true)
    }

    func testTheFirstProblemIsTheOldPathsFirstProblem() throws {
        try compareLoaders(Self.corpus, skipErrors: false, indexed: true)
        // Each problem in turn as the first, behind good documents.
        for bad in Self.corpus.dropFirst(5).prefix(30) {
            try compareLoaders(Self.corpus.prefix(5) + [bad, Self.corpus[0]], skipErrors: false, indexed: false)
        }
    }

    func testAJSONArrayInputLoadsTheSame() throws {
        let valid = Self.corpus.filter { (try? JSON.parse($0)) != nil && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        try compareLoaders(valid, asArray: true, skipErrors: true, indexed: true)
    }

    func testEdgesLoadAsTheOldPathsLoadThem() throws {
        try compareLoaders(Self.edges, edges: true, skipErrors: true, indexed: false)
        try compareLoaders(Self.edges, edges: true, skipErrors: false, indexed: false)
    }
}
