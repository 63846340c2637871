import C8Core
import Foundation

/// `c8 bench json`: parse and serialize a corpus of realistic documents with
/// c8's JSON core and with Foundation's JSONSerialization, same bytes, same
/// run, and report MB/s and the ratio.
struct JSONBenchmark {
    var sizeMB: Int
    var runs: Int

    struct Row {
        var workload: String
        var c8: Double  // MB/s
        var peer: Double  // MB/s
        var ratio: Double { c8 / peer }
    }

    func run(log: (String) -> Void) throws -> [Row] {
        var corpus = DocumentCorpus()
        let (text, count) = corpus.arrayText(atLeast: sizeMB * 1_000_000)
        let megabytes = Double(text.count) / 1e6
        log("corpus: \(count) documents, \(String(format: "%.1f", megabytes)) MB of JSON text")
        let data = Data(text)
        let timer = SideBySide(runs: runs)

        // Both parsers must agree on what they read before either is timed.
        let ours = try JSON.parse(text)
        let theirs = try JSONSerialization.jsonObject(with: data)
        guard ours.arrayValue?.count == count, (theirs as? [Any])?.count == count else {
            throw C8Error(.internalError, "benchmark parsers disagree on the corpus")
        }

        var sink = 0
        let parse = timer.measure(
            { sink &+= (try? JSON.parse(text))?.arrayValue?.count ?? 0 },
            { sink &+= ((try? JSONSerialization.jsonObject(with: data)) as? [Any])?.count ?? 0 })
        let serialize = timer.measure(
            { sink &+= ours.serialized().count },
            { sink &+= (try? JSONSerialization.data(withJSONObject: theirs))?.count ?? 0 })
        // Storage reads one document at a time: compare decoding each stored
        // document from binary with parsing it from its JSON text.
        let documents = ours.arrayValue ?? []
        let texts = documents.map { $0.serialized() }
        let binaries = documents.map { BinaryJSON.encode($0) }
        let decode = timer.measure(
            { for bytes in binaries { sink &+= (try? BinaryJSON.decode(bytes))?.objectValue?.count ?? 0 } },
            { for bytes in texts { sink &+= (try? JSON.parse(bytes))?.objectValue?.count ?? 0 } })
        if sink == 42 { log("") }  // keeps the work observable to the optimizer

        return [
            Row(workload: "parse (c8 JSON.parse vs JSONSerialization.jsonObject)",
                c8: megabytes / parse.a, peer: megabytes / parse.b),
            Row(workload: "serialize (c8 JSON.serialized vs JSONSerialization.data)",
                c8: megabytes / serialize.a, peer: megabytes / serialize.b),
            Row(workload: "read one stored document (c8 BinaryJSON.decode vs c8 JSON.parse), MB of JSON text",
                c8: megabytes / decode.a, peer: megabytes / decode.b),
        ]
    }
}
