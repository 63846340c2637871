import C8Core
import C8Engine

/// One node of an execution plan. A plan is a chain: each step consumes the
/// rows of the step before it (the first consumes a single input row).
enum PlanStep: Sendable {
    case enumerateCollection(EnumerateCollection)
    case enumerateArray(slot: Int, source: CompiledExpression)
    case traversal(TraversalStep)
    case shortestPath(ShortestPathStep)
    case kShortestPaths(ShortestPathStep)
    case filter(CompiledExpression)
    case `let`(slot: Int, value: CompiledExpression)
    case sort(keys: [(value: CompiledExpression, ascending: Bool)], limit: Int?)
    case limit(offset: Int, count: Int, fullCount: Bool)
    case collect(CollectStep)
    case modify(ModifyStep)
    case `return`(CompiledExpression, distinct: Bool)
}

/// `FOR x IN collection`, by a full scan or through an index.
struct EnumerateCollection: Sendable {
    var slot: Int
    var collection: String
    var access: CollectionAccess
    /// Rows the planner expects (for explain).
    var estimatedItems: Int
    /// The attributes the query reads of each document when it reads them
    /// only through attribute paths; nil: whole documents.
    var projection: DocumentProjection? = nil
}

/// How documents are found.
enum CollectionAccess: Sendable {
    /// Every document in `_key` order (or reverse).
    case fullScan(reverse: Bool)
    /// The documents with these `_key`s (equality or IN on `_key`).
    case primaryKeys(CompiledExpression)
    /// A `_key` range (`v._key > x`, `<=`, …) in key order or reverse.
    case primaryRange(lower: (value: CompiledExpression, inclusive: Bool)?, upper: (value: CompiledExpression, inclusive: Bool)?, reverse: Bool)
    /// A persistent index: equality prefixes (several for IN), an optional
    /// range on the next field, in index order (or reverse).
    case index(IndexAccess)
}

struct IndexAccess: Sendable {
    var index: IndexDefinition
    /// Alternatives for the equality fields (one list per IN value combination).
    var equalities: [[CompiledExpression]]
    var lower: (value: CompiledExpression, inclusive: Bool)?
    var upper: (value: CompiledExpression, inclusive: Bool)?
    var reverse: Bool
}

struct TraversalStep: Sendable {
    var vertexSlot: Int
    var edgeSlot: Int?
    var pathSlot: Int?
    var minDepth: Int
    var maxDepth: Int
    var start: CompiledExpression
    /// Edge collections with their direction.
    var edges: [(collection: String, direction: TraversalDirection)]
    var prune: CompiledExpression?
    var bfs: Bool
    var uniqueVertices: Uniqueness
    var uniqueEdges: Uniqueness
    /// What the query reads of vertices and of edges when it reads them
    /// only through attribute paths (edges always keep what the walk itself
    /// needs: `_id`, `_from`, `_to`); nil: whole documents.
    var vertexProjection: DocumentProjection? = nil
    var edgeProjection: DocumentProjection? = nil

    enum Uniqueness: String, Sendable { case none, path, global }
}

struct ShortestPathStep: Sendable {
    /// SHORTEST_PATH: vertex and optional edge slot; K_SHORTEST_PATHS: path slot.
    var vertexSlot: Int?
    var edgeSlot: Int?
    var pathSlot: Int?
    var start: CompiledExpression
    var target: CompiledExpression
    var edges: [(collection: String, direction: TraversalDirection)]
    var weightAttribute: String?
    var defaultWeight: Double
}

struct CollectStep: Sendable {
    var groups: [(slot: Int, value: CompiledExpression)]
    var aggregates: [(slot: Int, function: Aggregator, argument: CompiledExpression)]
    /// INTO: slot, and either a projection or the variables to keep (name, slot).
    var into: (slot: Int, projection: CompiledExpression?, variables: [(name: String, slot: Int)])?
    var countSlot: Int?
}

enum Aggregator: String, Sendable {
    case length = "LENGTH", min = "MIN", max = "MAX", sum = "SUM", average = "AVERAGE"
    case stddevPopulation = "STDDEV_POPULATION", stddevSample = "STDDEV_SAMPLE"
    case variancePopulation = "VARIANCE_POPULATION", varianceSample = "VARIANCE_SAMPLE"
    case unique = "UNIQUE", sortedUnique = "SORTED_UNIQUE", countDistinct = "COUNT_DISTINCT"

    /// Accepts the aliases AQL allows.
    init?(name: String) {
        switch name.uppercased() {
        case "LENGTH", "COUNT": self = .length
        case "AVERAGE", "AVG": self = .average
        case "STDDEV_POPULATION", "STDDEV": self = .stddevPopulation
        case "VARIANCE_POPULATION", "VARIANCE": self = .variancePopulation
        case "COUNT_DISTINCT", "COUNT_UNIQUE": self = .countDistinct
        default:
            guard let f = Aggregator(rawValue: name.uppercased()) else { return nil }
            self = f
        }
    }
}

/// INSERT / UPDATE / REPLACE / REMOVE / UPSERT.
struct ModifyStep: Sendable {
    enum Kind: Sendable {
        case insert(document: CompiledExpression)
        case update(key: CompiledExpression?, document: CompiledExpression)
        case replace(key: CompiledExpression?, document: CompiledExpression)
        case remove(key: CompiledExpression)
        case upsert(search: CompiledExpression, insert: CompiledExpression, change: CompiledExpression, replaces: Bool)
    }

    var kind: Kind
    var collection: String
    var options: ModifyOptions
    var newSlot: Int?
    var oldSlot: Int?
}

struct ModifyOptions: Sendable {
    var write = WriteOptions()
    var ignoreErrors = false
}
