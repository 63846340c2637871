import C8Core
import Dispatch

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

    mutating func append(_ text: DocumentText) {
        spans.append(Span(start: bytes.count, count: text.bytes.count, position: text.position, column: text.column))
        bytes.append(contentsOf: text.bytes)
    }

    /// Every document parsed, in order; `firstText` numbers the texts.
    func parse(firstText: Int) -> ParsedDocuments {
        var parsed = ParsedDocuments()
        parsed.documents.reserveCapacity(spans.count)
        parsed.sources.reserveCapacity(spans.count)
        parsed.positions.reserveCapacity(spans.count)
        var parser = JSON.Parser()
        bytes.withUnsafeBufferPointer { all in
            for (index, span) in spans.enumerated() {
                let text = DocumentText(bytes: UnsafeBufferPointer(rebasing: all[span.start..<span.start + span.count]),
                                        position: span.position, column: span.column)
                do throws(JSONParseError) {
                    parsed.documents.append(try parser.parse(buffer: text.bytes))
                    parsed.sources.append(firstText + index)
                    parsed.positions.append(span.position)
                } catch {
                    parsed.problems.append((firstText + index, ImportProblem(error, in: text)))
                }
            }
        }
        return parsed
    }
}

/// Documents parsed from texts: those that are JSON, each with the number
/// of its text (0-based, in input order) and its place in the input, and
/// the texts that are not JSON.
struct ParsedDocuments: Sendable {
    var documents: [JSON] = []
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
final class ParsingReader {
    /// Documents per parsing task: a few MB of text, many tasks per core.
    static let blockSize = 16_384

    private var block = DocumentTexts()
    private var blocks: [ParsedBlock] = []
    private let group = DispatchGroup()
    private let queue = DispatchQueue.global(qos: .userInitiated)
    /// Documents collected so far.
    private(set) var count = 0

    /// A block's parse, filled in by its task.
    private final class ParsedBlock: @unchecked Sendable {
        // @unchecked: written once by the task, read after `group.wait()`.
        var parsed = ParsedDocuments()
    }

    func append(_ text: DocumentText) {
        if block.count == 0 { block = DocumentTexts(reservingDocuments: Self.blockSize, bytes: Self.blockSize * 256) }
        block.append(text)
        count += 1
        if block.count == Self.blockSize { submit() }
    }

    /// Every document collected, parsed, in input order.
    func finish() -> ParsedDocuments {
        submit()
        group.wait()
        var all = ParsedDocuments()
        let total = blocks.reduce(0) { $0 + $1.parsed.documents.count }
        all.sources.reserveCapacity(total)
        all.positions.reserveCapacity(total)
        // The documents are moved, not copied: no retain and release each.
        all.documents = [JSON](unsafeUninitializedCapacity: total) { documents, initialized in
            for block in blocks {
                block.parsed.documents.withUnsafeMutableBufferPointer { source in
                    guard let from = source.baseAddress, !source.isEmpty else { return }
                    (documents.baseAddress! + initialized).moveInitialize(from: from, count: source.count)
                    from.initialize(repeating: .null, count: source.count)  // left behind: nothing to release
                    initialized += source.count
                }
            }
        }
        for block in blocks {
            block.parsed.documents = []
            all.append(contentsOf: block.parsed)
        }
        blocks = []
        count = 0
        return all
    }

    private func submit() {
        guard block.count > 0 else { return }
        let texts = block, firstText = count - block.count, result = ParsedBlock()
        blocks.append(result)
        block = DocumentTexts()
        queue.async(group: group) { result.parsed = texts.parse(firstText: firstText) }
    }
}
