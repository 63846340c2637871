import C8Core
import C8Engine

/// A step of a running plan: hands out rows one at a time, pulling from the
/// step before it. Nothing is materialized unless the step must (SORT,
/// COLLECT, DISTINCT).
protocol RowSource: AnyObject {
    func next() throws(C8Error) -> Row?
}

/// The input of a plan: one row (a subquery's is its caller's row).
final class SingleRowSource: RowSource {
    private var row: Row?

    init(_ row: Row) { self.row = row }

    func next() throws(C8Error) -> Row? {
        defer { row = nil }
        return row
    }
}

/// Runs `body` for each input row, passing through the rows it produces:
/// the shape of every FOR.
class LoopSource: RowSource {
    let input: any RowSource
    let context: QueryContext
    private var current: Row?

    init(input: any RowSource, context: QueryContext) {
        self.input = input
        self.context = context
    }

    final func next() throws(C8Error) -> Row? {
        while true {
            try context.checkKilled()
            // Taken out while it is produced into: with `current` still
            // holding it, the first slot written copied the row's storage
            // (and retained every value in it), once per row.
            if var row = current.take() {
                if try produce(into: &row) {
                    current = row
                    return row
                }
            }
            guard let row = try input.next() else { return nil }
            try start(row)
            current = row
        }
    }

    /// Begins iterating for a new input row.
    func start(_ row: Row) throws(C8Error) {}

    /// Binds the next value into `row`; false when this input row is done.
    func produce(into row: inout Row) throws(C8Error) -> Bool { false }
}

/// `FOR x IN array-expression`.
final class EnumerateArraySource: LoopSource {
    private let slot: Int
    private let source: CompiledExpression
    private var elements: [JSON] = []
    private var position = 0

    init(input: any RowSource, context: QueryContext, slot: Int, source: CompiledExpression) {
        self.slot = slot
        self.source = source
        super.init(input: input, context: context)
    }

    override func start(_ row: Row) throws(C8Error) {
        let value = try context.evaluate(source, row)
        // An error, not a warning, as in ArangoDB: `FOR x IN doc.list` over
        // a missing attribute fails rather than quietly yielding nothing.
        guard case .array(let array) = value else {
            throw C8Error(.queryArrayExpected,
                          "collection or array expected as operand to FOR loop; you provided a value of type '\(value.typeName)'")
        }
        elements = array
        position = 0
    }

    override func produce(into row: inout Row) throws(C8Error) -> Bool {
        guard position < elements.count else { return false }
        row[slot] = elements[position]
        position += 1
        return true
    }
}

/// `FILTER condition`.
final class FilterSource: RowSource {
    private let input: any RowSource
    private let context: QueryContext
    private let condition: CompiledExpression

    init(input: any RowSource, context: QueryContext, condition: CompiledExpression) {
        self.input = input
        self.context = context
        self.condition = condition
    }

    func next() throws(C8Error) -> Row? {
        while let row = try input.next() {
            if try context.evaluate(condition, row).toBool { return row }
            context.statistics.filtered += 1
        }
        return nil
    }
}

/// `LET name = value`.
final class LetSource: RowSource {
    private let input: any RowSource
    private let context: QueryContext
    private let slot: Int
    private let value: CompiledExpression

    init(input: any RowSource, context: QueryContext, slot: Int, value: CompiledExpression) {
        self.input = input
        self.context = context
        self.slot = slot
        self.value = value
    }

    func next() throws(C8Error) -> Row? {
        guard var row = try input.next() else { return nil }
        row[slot] = try context.evaluate(value, row)
        return row
    }
}

/// `LIMIT offset, count`; with `fullCount`, drains the rest of its input to
/// count it.
final class LimitSource: RowSource {
    private let input: any RowSource
    private let context: QueryContext
    private let offset: Int
    private let count: Int
    private let fullCount: Bool
    private var seen = 0
    private var returned = 0

    init(input: any RowSource, context: QueryContext, offset: Int, count: Int, fullCount: Bool) {
        self.input = input
        self.context = context
        self.offset = offset
        self.count = count
        self.fullCount = fullCount
    }

    func next() throws(C8Error) -> Row? {
        while seen < offset {
            guard try input.next() != nil else { return finish() }
            seen += 1
        }
        guard returned < count, let row = try input.next() else { return finish() }
        seen += 1
        returned += 1
        return row
    }

    private func finish() -> Row? {
        if fullCount {
            while (try? input.next()) != nil { seen += 1 }
            context.statistics.fullCount = seen
        }
        return nil
    }
}
