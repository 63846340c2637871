import C8Core
import C8Engine

/// `FOR d IN collection COLLECT … AGGREGATE …` over a full scan, when every
/// group value and aggregate argument is a constant or a top-level
/// attribute of `d` (`COLLECT city = d.city AGGREGATE s = SUM(d.score)`):
/// the attributes are decoded straight from each stored document into one
/// reused array, so no object, no row and no expression evaluation is made
/// per document (a million-document scan spent a third of its instructions
/// on those). Anything else runs as a scan feeding ``CollectSource``.
final class ScanCollectSource: RowSource {
    /// Where a group value or aggregate argument comes from.
    enum Input {
        case constant(JSON)
        /// Position in the decoded members.
        case member(Int)
    }

    /// The fused form of a plan's first two steps, or nil when they do not fit.
    struct Fusion {
        let enumerate: EnumerateCollection
        let collect: CollectStep
        let members: BinaryMemberNames
        let groups: [Input]
        let arguments: [Input]

        /// - Returns: nil unless `enumerate` is a full scan and `collect`
        ///   has no INTO and reads the loop variable only as `v.name`
        ///   (`_id` excluded: the stored form derives it).
        init?(_ enumerate: EnumerateCollection, _ collect: CollectStep) {
            guard case .fullScan = enumerate.access, collect.into == nil else { return nil }
            var names: [String] = []
            func input(_ expression: CompiledExpression) -> Input? {
                switch expression {
                case .constant(let value):
                    return .constant(value)
                case .attribute(.slot(let slot), let name) where slot == enumerate.slot && name != "_id":
                    if let position = names.firstIndex(of: name) { return .member(position) }
                    names.append(name)
                    return .member(names.count - 1)
                default:
                    return nil
                }
            }
            var groups: [Input] = []
            for group in collect.groups {
                guard let source = input(group.value) else { return nil }
                groups.append(source)
            }
            var arguments: [Input] = []
            for aggregate in collect.aggregates {
                guard let source = input(aggregate.argument) else { return nil }
                arguments.append(source)
            }
            self.enumerate = enumerate
            self.collect = collect
            self.members = BinaryMemberNames(names)
            self.groups = groups
            self.arguments = arguments
        }
    }

    private let input: Row
    private let context: QueryContext
    private let fusion: Fusion
    private let collection: DocumentCollection
    private var output: [Row]?
    private var position = 0

    /// - Parameter input: the one row the plan starts from (its outer variables).
    init(input: Row, context: QueryContext, fusion: Fusion) throws(C8Error) {
        self.input = input
        self.context = context
        self.fusion = fusion
        self.collection = try context.collection(fusion.enumerate.collection)
    }

    func next() throws(C8Error) -> Row? {
        if output == nil { output = try collect() }
        guard let rows = output, position < rows.count else { return nil }
        defer { position += 1 }
        return rows[position]
    }

    @inline(__always)
    private static func value(_ input: Input, _ values: [JSON]) -> JSON {
        switch input {
        case .constant(let value): value
        case .member(let position): values[position]
        }
    }

    private func collect() throws(C8Error) -> [Row] {
        guard case .fullScan(let reverse) = fusion.enumerate.access else { return [] }
        let scanner = collection.scan(reverse: reverse)
        var groups = CollectGroups(step: fusion.collect)
        defer { context.release(groups.reserved) }
        var values: [JSON] = []
        var scanned = 0
        while try scanner.next(members: fusion.members, into: &values) {
            scanned += 1
            // A kill or timeout is noticed within a few thousand documents.
            if scanned & 1023 == 0 { try context.checkKilled() }
            let key: JSON
            if fusion.groups.count == 1 {
                key = Self.value(fusion.groups[0], values)
            } else {
                key = .array(fusion.groups.map { Self.value($0, values) })
            }
            let group = try groups.group(for: key, template: input, context: context)
            group.count += 1
            for i in fusion.arguments.indices {
                group.accumulators[i].add(Self.value(fusion.arguments[i], values))
            }
        }
        context.statistics.scannedFull += scanned
        try context.checkKilled()
        return groups.rows(slotCount: context.slotCount)
    }
}
