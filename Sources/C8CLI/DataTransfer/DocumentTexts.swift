import C8Core
import Dispatch
import Synchronization

/// The JSON texts of a block of documents, copied out of an import's input
/// back to back into one buffer, each with where it was.
///
/// The splitters hand out each document as a slice of their read buffer,
/// valid only during the callback; one copy per document (a `memcpy`)
/// keeps them until the block is parsed. Line numbers and columns come
/// along, so parse errors and refused documents are reported exactly as
/// the streaming import does.
struct DocumentTexts: Sendable {
    private var bytes: [UInt8] = []
    private var spans: [Span] = []

    private struct Span: Sendable {
        var start: Int
        var count: Int
        var position: InputPosition
        var column: Int
    }

    init(reservingDocuments documents: Int = 0, bytes byteCount: Int = 0) {
        spans.reserveCapacity(documents)
        bytes.reserveCapacity(byteCount)
    }

    /// Documents held.
    var count: Int { spans.count }

    /// Empties the block, keeping its memory for the next one.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        spans.removeAll(keepingCapacity: true)
    }

    mutating func append(_ text: DocumentText) {
        spans.append(Span(start: bytes.count, count: text.bytes.count, position: text.position, column: text.column))
        bytes.append(contentsOf: text.bytes)
    }

    /// Every document parsed into its binary form, in order; `firstText`
    /// numbers the texts.
    ///
    /// Each text is transcoded straight into BinaryJSON — no `JSON` tree —
    /// which is what the bulk load stores (around `_key` and `_rev`). The
    /// transcoder accepts and refuses exactly what the tree parser does;
    /// the texts it declines (an object repeating a key) are parsed as
    /// trees and encoded, and a text it refuses is parsed again by the tree
    /// parser, whose error is the one reported: both are the streaming
    /// import's behaviour by construction.
    func parse(firstText: Int) -> ParsedDocuments {
        var parsed = ParsedDocuments()
        parsed.sources.reserveCapacity(spans.count)
        parsed.positions.reserveCapacity(spans.count)
        var encoded = EncodedDocuments.Builder(reservingDocuments: spans.count, bytes: bytes.count + bytes.count / 8)
        var parser = JSON.Parser()
        bytes.withUnsafeBufferPointer { all in
            for (index, span) in spans.enumerated() {
                let text = DocumentText(bytes: UnsafeBufferPointer(rebasing: all[span.start..<span.start + span.count]),
                                        position: span.position, column: span.column)
                do throws(JSONParseError) {
                    let transcoded: Bool
                    do {
                        transcoded = try parser.transcode(buffer: text.bytes, into: &encoded.bytes)
                    } catch {
                        transcoded = false  // the tree parser names the error
                    }
                    if !transcoded { BinaryJSON.encode(try parser.parse(buffer: text.bytes), into: &encoded.bytes) }
                    encoded.endDocument()
                    parsed.sources.append(firstText + index)
                    parsed.positions.append(span.position)
                } catch {
                    parsed.problems.append((firstText + index, ImportProblem(error, in: text)))
                }
            }
        }
        parsed.documents = encoded.finish()
        return parsed
    }
}

/// Documents parsed from texts: those that are JSON (in binary form), each
/// with the number of its text (0-based, in input order) and its place in
/// the input, and the texts that are not JSON.
struct ParsedDocuments: Sendable {
    var documents = EncodedDocuments()
    /// For each document, the number of its text.
    var sources: [Int] = []
    /// For each document, where it starts in the input.
    var positions: [InputPosition] = []
    /// Texts that are not JSON, in input order: number of the text, problem.
    var problems: [(text: Int, problem: ImportProblem)] = []

    mutating func append(contentsOf other: ParsedDocuments) {
        documents.append(contentsOf: other.documents)
        sources.append(contentsOf: other.sources)
        positions.append(contentsOf: other.positions)
        problems.append(contentsOf: other.problems)
    }
}

/// Collects an input's documents and parses them on the other cores while
/// reading goes on: every `blockSize` documents, the block's texts go to a
/// parsing task, and ``finish()`` waits for the last ones and returns the
/// documents in input order.
///
/// Reading is faster than parsing, so at most `blocksInFlight` blocks wait
/// or are parsed at once (reading pauses meanwhile), and a parsed block's
/// memory is reused for a later one: the text is held a few blocks at a
/// time, not whole, and its pages are faulted in once, not per block.
final class ParsingReader {
    /// Documents per parsing task: a few MB of text, many tasks per core.
    static let blockSize = 16_384

    private var block = DocumentTexts()
    private var blocks: [ParsedBlock] = []
    private let group = DispatchGroup()
    private let queue = DispatchQueue.global(qos: .userInitiated)
    /// Blocks submitted and not parsed yet, at most `blocksInFlight`.
    private let inFlight: DispatchSemaphore
    /// Parsed blocks' emptied memory, for the next blocks.
    private let spare = SpareTexts()
    /// Documents collected so far.
    private(set) var count = 0

    /// A block's parse, filled in by its task.
    private final class ParsedBlock: @unchecked Sendable {
        // @unchecked: written once by the task, read after `group.wait()`.
        var parsed = ParsedDocuments()
    }

    /// A block's texts, owned by its task (which then hands the memory
    /// back without a copy).
    private final class TextsBox: @unchecked Sendable {
        // @unchecked: handed from the reader to one task, never shared.
        var texts: DocumentTexts
        init(_ texts: DocumentTexts) { self.texts = texts }
    }

    private final class SpareTexts: Sendable {
        let list = Mutex<[DocumentTexts]>([])
    }

    init(blocksInFlight: Int = 2 * Parallel.coreCount) {
        inFlight = DispatchSemaphore(value: max(1, blocksInFlight))
    }

    func append(_ text: DocumentText) {
        if block.count == 0 {
            block = spare.list.withLock { $0.popLast() }
                ?? DocumentTexts(reservingDocuments: Self.blockSize, bytes: Self.blockSize * 256)
        }
        block.append(text)
        count += 1
        if block.count == Self.blockSize { submit() }
    }

    /// Every document collected, parsed, in input order.
    func finish() -> ParsedDocuments {
        submit()
        group.wait()
        spare.list.withLock { $0.removeAll() }  // the text is parsed: its memory is not needed any more
        var all = ParsedDocuments()
        let total = blocks.reduce(0) { $0 + $1.parsed.documents.count }
        all.sources.reserveCapacity(total)
        all.positions.reserveCapacity(total)
        for block in blocks {
            all.append(contentsOf: block.parsed)  // the encoded blocks are shared, not copied
            block.parsed = ParsedDocuments()
        }
        blocks = []
        count = 0
        return all
    }

    private func submit() {
        guard block.count > 0 else { return }
        let texts = TextsBox(block), firstText = count - block.count, result = ParsedBlock()
        blocks.append(result)
        block = DocumentTexts()  // `texts` now holds the only reference to the memory
        inFlight.wait()
        queue.async(group: group) { [inFlight, spare] in
            result.parsed = texts.texts.parse(firstText: firstText)
            texts.texts.removeAll()
            let memory = texts.texts
            texts.texts = DocumentTexts()
            spare.list.withLock { $0.append(memory) }
            inFlight.signal()
        }
    }
}
