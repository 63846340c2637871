import C8Core
import C8Engine

extension PlanBuilder {
    /// Plans a FOR. For a collection it picks the access path from the
    /// FILTERs that follow and, when an index delivers the order a following
    /// SORT asks for, reports that SORT (by its offset in `following`) as
    /// redundant.
    mutating func planFor(_ loop: ForOperation, following: [Operation]) throws(C8Error) -> (PlanStep, redundantSort: Int?) {
        if loop.search != nil {
            throw C8Error(.viewNotFound, "FOR … SEARCH needs a search view; views are not supported by c8")
        }
        switch loop.source {
        case .expression(let expression):
            let isCollection: Bool
            switch expression {
            case .collection, .collectionBindParameter: isCollection = true
            default: isCollection = false
            }
            if isCollection {
                let name = try collectionName(expression)
                guard fabric.hasCollection(name) else { throw C8Error(.collectionNotFound, detail: name) }
                if !readCollections.contains(name) { readCollections.append(name) }
                let collection = try fabric.collection(name)
                let variable = loop.variables[0]
                var selection = IndexSelection(variable: variable, collection: collection, following: following)
                let choice = try selection.choose(builder: &self)
                appliedRules.append(contentsOf: selection.rules)
                let slot = declare(variable)
                let projection = AttributeUses.projection(of: variable, in: following).map(DocumentProjection.init)
                return (.enumerateCollection(EnumerateCollection(
                    slot: slot, collection: name, access: choice.access, estimatedItems: choice.estimatedItems,
                    projection: projection)), choice.redundantSort)
            }
            let source = try compile(expression)
            return (.enumerateArray(slot: declare(loop.variables[0]), source: source), nil)
        case .traversal(let traversal):
            var step = try planTraversal(traversal, variables: loop.variables, options: loop.options)
            (step.vertexProjection, step.edgeProjection) = Self.traversalProjections(
                variables: loop.variables, following: following, prune: traversal.prune)
            return (.traversal(step), nil)
        case .shortestPath(let path):
            let step = try planShortestPath(path, options: loop.options) { builder in
                (builder.declare(loop.variables[0]), loop.variables.count > 1 ? builder.declare(loop.variables[1]) : nil, nil)
            }
            return (.shortestPath(step), nil)
        case .kShortestPaths(let path):
            let step = try planShortestPath(path, options: loop.options) { builder in (nil, nil, builder.declare(loop.variables[0])) }
            return (.kShortestPaths(step), nil)
        }
    }

    /// What a traversal needs to read of its vertices and edges: nothing
    /// whole when the path variable is unused and the vertex and edge
    /// variables are read only through attribute paths (PRUNE included).
    static func traversalProjections(
        variables: [String], following: [Operation], prune: Expression?
    ) -> (vertices: DocumentProjection?, edges: DocumentProjection?) {
        func uses(_ index: Int) -> [String]? {
            guard index < variables.count else { return [] }
            return AttributeUses.projection(of: variables[index], in: following, extra: [prune])
        }
        guard uses(2) == [] else { return (nil, nil) }
        let vertices = uses(0).map(DocumentProjection.init)
        let edges = uses(1).map { DocumentProjection(["_id", "_from", "_to"] + $0) }
        return (vertices, edges)
    }

    private mutating func options(_ expression: Expression?) throws(C8Error) -> JSON {
        guard let expression else { return .null }
        guard let value = try compile(expression).constantValue, case .object = value else {
            throw C8Error(.queryCompileTimeOptions, "OPTIONS must be an object known before the query runs")
        }
        return value
    }

    private mutating func edges(_ source: GraphSource, direction: TraversalDirection) throws(C8Error) -> [(collection: String, direction: TraversalDirection)] {
        switch source {
        case .namedGraph(let name):
            guard case .string(let graphName)? = try compile(name).constantValue else {
                throw C8Error(.queryParse, "GRAPH needs a graph name known before the query runs")
            }
            let graph = try fabric.graphs.graph(graphName)
            // A traversal of a named graph may reach any of its collections.
            for name in graph.edgeCollections + graph.vertexCollections { referencedCollections.insert(name) }
            return graph.edgeCollections.map { ($0, direction) }
        case .edgeCollections(let list):
            var result: [(String, TraversalDirection)] = []
            for item in list {
                let name = try collectionName(item.collection)
                guard fabric.hasCollection(name) else { throw C8Error(.collectionNotFound, detail: name) }
                result.append((name, item.direction ?? direction))
            }
            return result.map { (collection: $0.0, direction: $0.1) }
        }
    }

    private mutating func planTraversal(_ traversal: Traversal, variables: [String], options: Expression?) throws(C8Error) -> TraversalStep {
        let minDepth = try constantInteger(traversal.minDepth, what: "traversal minimum depth")
        let maxDepth = try constantInteger(traversal.maxDepth, what: "traversal maximum depth")
        guard minDepth <= maxDepth else { throw C8Error(.queryParse, "traversal depth \(minDepth)..\(maxDepth): the minimum exceeds the maximum") }
        let start = try compile(traversal.start)
        let edges = try self.edges(traversal.graph, direction: traversal.direction)
        let settings = try self.options(options)
        let vertexSlot = declare(variables[0])
        let edgeSlot = variables.count > 1 ? declare(variables[1]) : nil
        let pathSlot = variables.count > 2 ? declare(variables[2]) : nil
        let prune = try traversal.prune.map { p throws(C8Error) in try compile(p) }
        func uniqueness(_ name: String, _ fallback: TraversalStep.Uniqueness) throws(C8Error) -> TraversalStep.Uniqueness {
            guard case .string(let value) = settings[name] else { return fallback }
            guard let parsed = TraversalStep.Uniqueness(rawValue: value) else {
                throw C8Error(.badParameter, "\(name) must be \"none\", \"path\" or \"global\"")
            }
            return parsed
        }
        return TraversalStep(
            vertexSlot: vertexSlot, edgeSlot: edgeSlot, pathSlot: pathSlot, minDepth: minDepth, maxDepth: maxDepth,
            start: start, edges: edges, prune: prune, bfs: settings["bfs"].toBool || settings["order"] == "bfs",
            uniqueVertices: try uniqueness("uniqueVertices", .none), uniqueEdges: try uniqueness("uniqueEdges", .path))
    }

    private mutating func planShortestPath(
        _ path: ShortestPath, options: Expression?, declareOutputs: (inout PlanBuilder) -> (Int?, Int?, Int?)
    ) throws(C8Error) -> ShortestPathStep {
        let start = try compile(path.start)
        let target = try compile(path.target)
        let edges = try self.edges(path.graph, direction: path.direction)
        let settings = try self.options(options)
        let (vertexSlot, edgeSlot, pathSlot) = declareOutputs(&self)
        return ShortestPathStep(
            vertexSlot: vertexSlot, edgeSlot: edgeSlot, pathSlot: pathSlot, start: start, target: target, edges: edges,
            weightAttribute: settings["weightAttribute"].stringValue, defaultWeight: settings["defaultWeight"].doubleValue ?? 1)
    }
}
