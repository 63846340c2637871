import C8Core

/// A parsed query (or subquery): `WITH` collections and the operations in
/// order. The last operation of a top-level query is RETURN or a data
/// modification (possibly followed by RETURN).
public struct Query: Sendable {
    public var withCollections: [String]
    public var operations: [Operation]

    public init(withCollections: [String] = [], operations: [Operation]) {
        self.withCollections = withCollections
        self.operations = operations
    }
}

/// One high-level operation of a query.
public enum Operation: Sendable {
    case `for`(ForOperation)
    case filter(Expression)
    case `let`(name: String, value: Expression)
    case sort([SortKey])
    /// `LIMIT count` has offset `.literal(0)`.
    case limit(offset: Expression, count: Expression)
    case collect(CollectOperation)
    case `return`(Expression, distinct: Bool)
    case insert(InsertOperation)
    case update(ModifyOperation)
    case replace(ModifyOperation)
    case remove(RemoveOperation)
    case upsert(UpsertOperation)
}

/// `FOR variable IN source [OPTIONS {...}]`, or a graph form.
public struct ForOperation: Sendable {
    public enum Source: Sendable {
        /// A collection name, `@@bind`, or any expression yielding an array.
        case expression(Expression)
        case traversal(Traversal)
        case shortestPath(ShortestPath)
        case kShortestPaths(ShortestPath)
    }

    /// The loop variables: one for plain FOR; `v[, e[, p]]` for traversals;
    /// `v[, e]` for SHORTEST_PATH; `p` for K_SHORTEST_PATHS.
    public var variables: [String]
    public var source: Source
    public var options: Expression?
    /// `FOR d IN view SEARCH condition`: the condition, evaluated with the
    /// loop variable bound (ArangoSearch views; the parser only accepts it
    /// on a collection name or `@@` parameter).
    public var search: Expression?

    public init(variables: [String], source: Source, options: Expression? = nil, search: Expression? = nil) {
        self.variables = variables
        self.source = source
        self.options = options
        self.search = search
    }
}

public enum TraversalDirection: String, Sendable {
    case outbound = "OUTBOUND"
    case inbound = "INBOUND"
    case any = "ANY"
}

/// Where a graph form gets its edges: a named graph, or edge collections
/// each with an optional direction overriding the default.
public enum GraphSource: Sendable {
    /// `GRAPH "name"` or `GRAPH @g`.
    case namedGraph(Expression)
    case edgeCollections([(direction: TraversalDirection?, collection: Expression)])
}

/// `FOR v, e, p IN min..max DIRECTION start GRAPH g | colls [PRUNE c] [OPTIONS o]`
public struct Traversal: Sendable {
    public var minDepth: Expression
    public var maxDepth: Expression
    public var direction: TraversalDirection
    public var start: Expression
    public var graph: GraphSource
    /// PRUNE condition, evaluated with the loop variables bound.
    public var prune: Expression?

    public init(minDepth: Expression, maxDepth: Expression, direction: TraversalDirection,
                start: Expression, graph: GraphSource, prune: Expression? = nil) {
        self.minDepth = minDepth
        self.maxDepth = maxDepth
        self.direction = direction
        self.start = start
        self.graph = graph
        self.prune = prune
    }
}

/// `DIRECTION SHORTEST_PATH|K_SHORTEST_PATHS start TO target GRAPH g | colls`
public struct ShortestPath: Sendable {
    public var direction: TraversalDirection
    public var start: Expression
    public var target: Expression
    public var graph: GraphSource

    public init(direction: TraversalDirection, start: Expression, target: Expression, graph: GraphSource) {
        self.direction = direction
        self.start = start
        self.target = target
        self.graph = graph
    }
}

public struct SortKey: Sendable {
    public var expression: Expression
    public var ascending: Bool

    public init(expression: Expression, ascending: Bool = true) {
        self.expression = expression
        self.ascending = ascending
    }
}

/// `COLLECT g1 = e1, … [AGGREGATE a = F(x), …] [INTO v [= expr] | INTO v KEEP k…] [WITH COUNT INTO c] [OPTIONS o]`
public struct CollectOperation: Sendable {
    public var groups: [(name: String, value: Expression)]
    public var aggregates: [(name: String, function: String, argument: Expression)]
    public var into: (name: String, projection: Expression?)?
    public var keep: [String]
    public var countInto: String?
    public var options: Expression?

    public init(groups: [(name: String, value: Expression)] = [], aggregates: [(name: String, function: String, argument: Expression)] = [],
                into: (name: String, projection: Expression?)? = nil, keep: [String] = [], countInto: String? = nil,
                options: Expression? = nil) {
        self.groups = groups
        self.aggregates = aggregates
        self.into = into
        self.keep = keep
        self.countInto = countInto
        self.options = options
    }
}

/// `INSERT doc INTO|IN coll [OPTIONS o]`
public struct InsertOperation: Sendable {
    public var document: Expression
    public var collection: Expression
    public var options: Expression?

    public init(document: Expression, collection: Expression, options: Expression? = nil) {
        self.document = document
        self.collection = collection
        self.options = options
    }
}

/// `UPDATE|REPLACE doc IN coll` or `UPDATE|REPLACE key WITH doc IN coll`.
public struct ModifyOperation: Sendable {
    /// The key expression (`key` of the WITH form), or nil when `document`
    /// carries `_key` itself.
    public var key: Expression?
    public var document: Expression
    public var collection: Expression
    public var options: Expression?

    public init(key: Expression?, document: Expression, collection: Expression, options: Expression? = nil) {
        self.key = key
        self.document = document
        self.collection = collection
        self.options = options
    }
}

/// `REMOVE key IN coll [OPTIONS o]` (key: a string or an object with `_key`).
public struct RemoveOperation: Sendable {
    public var key: Expression
    public var collection: Expression
    public var options: Expression?

    public init(key: Expression, collection: Expression, options: Expression? = nil) {
        self.key = key
        self.collection = collection
        self.options = options
    }
}

/// `UPSERT search INSERT insert UPDATE|REPLACE change IN coll [OPTIONS o]`
public struct UpsertOperation: Sendable {
    public var search: Expression
    public var insert: Expression
    public var change: Expression
    /// REPLACE instead of UPDATE.
    public var replaces: Bool
    public var collection: Expression
    public var options: Expression?

    public init(search: Expression, insert: Expression, change: Expression, replaces: Bool,
                collection: Expression, options: Expression? = nil) {
        self.search = search
        self.insert = insert
        self.change = change
        self.replaces = replaces
        self.collection = collection
        self.options = options
    }
}
