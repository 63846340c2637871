/// `c8 bench gen-docs FILE`: writes the benchmark corpus as JSON lines, so
/// scripts/bench/ingest.sh can feed the very same documents to c8, SQLite
/// and PostgreSQL. Deterministic: the same count gives the same bytes.
struct DocumentFileGenerator {
    var count: Int

    /// Writes `count` compact documents to `path`.
    /// - Returns: the file's size in bytes.
    func write(to path: String) throws -> Int {
        let output = try BufferedOutput(path: path)
        var corpus = DocumentCorpus()
        var bytes = 0
        for i in 0..<count {
            let line = corpus.compactDocument(i).serialized()
            bytes += line.count + 1
            try output.appendLine(line)
        }
        try output.finish()
        return bytes
    }
}
