import C8Core

/// The groups of a running `COLLECT`: found by their key (C8QL equality),
/// kept in first-seen order with their aggregates, and turned into the
/// output rows in group-key order. Shared by ``CollectSource`` (rows from
/// any step) and ``ScanCollectSource`` (members straight off a scan).
struct CollectGroups {
    final class Group {
        var key: [JSON]
        var template: Row
        var count = 0
        var accumulators: [AggregateAccumulator]
        var into: [JSON] = []

        init(key: [JSON], template: Row, accumulators: [AggregateAccumulator]) {
            self.key = key
            self.template = template
            self.accumulators = accumulators
        }
    }

    let step: CollectStep
    private var groups: [JSON: Group] = [:]
    private var order: [Group] = []
    /// Bytes reserved against the query's memory limit, released by the caller.
    private(set) var reserved = 0

    init(step: CollectStep) { self.step = step }

    /// The group of `groupKey` (the value itself with one group expression,
    /// else the array of the values), made from `template` when new.
    mutating func group(for groupKey: JSON, template: Row, context: QueryContext) throws(C8Error) -> Group {
        if let existing = groups[groupKey] { return existing }
        let key = step.groups.count == 1 ? [groupKey] : groupKey.toArray
        let group = Group(key: key, template: template, accumulators: step.aggregates.map { AggregateAccumulator($0.function) })
        groups[groupKey] = group
        order.append(group)
        reserved += 128 * (key.count + 1)
        try context.reserve(128 * (key.count + 1))
        return group
    }

    /// Counts `bytes` more against the memory limit (an INTO value kept).
    mutating func reserve(_ bytes: Int, context: QueryContext) throws(C8Error) {
        reserved += bytes
        try context.reserve(bytes)
    }

    /// One row per group, in group-key order. Without group expressions
    /// there is always one row (count 0 on no input).
    mutating func rows(slotCount: Int) -> [Row] {
        if step.groups.isEmpty && order.isEmpty {
            order.append(Group(key: [], template: Row(slotCount: slotCount), accumulators: step.aggregates.map { AggregateAccumulator($0.function) }))
        }
        order.sort { JSON.compare(.array($0.key), .array($1.key)) < 0 }
        return order.map { group in
            var row = group.template
            for (i, g) in step.groups.enumerated() { row[g.slot] = group.key[i] }
            for (i, a) in step.aggregates.enumerated() { row[a.slot] = group.accumulators[i].result }
            if let into = step.into { row[into.slot] = .array(group.into) }
            if let countSlot = step.countSlot { row[countSlot] = .int(Int64(group.count)) }
            return row
        }
    }
}
