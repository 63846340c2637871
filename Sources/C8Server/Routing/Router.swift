import C8Core
import C8Net

/// Finds the route of a request: a trie over path segments per path space,
/// so matching costs one dictionary lookup per segment however many routes
/// there are.
///
/// At each segment a literal beats a parameter, which beats a remainder;
/// the matcher backtracks when the preferred branch leads nowhere.
public struct Router: Sendable {
    /// What a lookup found.
    public enum Match {
        /// The route and the values of its parameters, in pattern order.
        case found(Route, [String])
        /// The path exists, not with this method.
        case methodNotAllowed(allowed: [HTTPMethod])
        case notFound
    }

    private var roots: [APIPath.Space: Node] = [:]

    public init(routes: [Route] = []) {
        for route in routes { add(route) }
    }

    /// Adds a route; a later route with the same method and shape replaces
    /// an earlier one (so a group can override a built-in).
    public mutating func add(_ route: Route) {
        roots[route.space, default: Node()].insert(route, components: route.pattern.components[...])
    }

    /// Every route the router answers (after replacements), so tests can
    /// walk all of them — a route added later cannot be left out.
    public var routes: [Route] {
        roots.values.flatMap { $0.allRoutes() }
    }

    public func match(_ method: HTTPMethod, space: APIPath.Space, segments: [String]) -> Match {
        guard let root = roots[space] else { return .notFound }
        // A path that answers this method wins over one found earlier that
        // does not (`PUT /restql/user` is the saved query named "user").
        let answers = { (node: Node) in node.routes[method] != nil || (method == .head && node.routes[.get] != nil) }
        if let found = root.find(segments[...], bound: [], accepting: answers) {
            let route = found.node.routes[method] ?? found.node.routes[.get]!
            return .found(route, found.values)
        }
        guard let found = root.find(segments[...], bound: [], accepting: { !$0.routes.isEmpty }) else { return .notFound }
        return .methodNotAllowed(allowed: HTTPMethod.allCases.filter { found.node.routes[$0] != nil })
    }

    /// One position in the trie. The optional children are arrays of at
    /// most one node: the array gives the recursive value type its
    /// indirection.
    private struct Node: Sendable {
        var routes: [HTTPMethod: Route] = [:]
        var literals: [String: Node] = [:]
        var parameter: [Node] = []
        var remainder: [Node] = []

        mutating func insert(_ route: Route, components: ArraySlice<RoutePattern.Component>) {
            guard let first = components.first else {
                routes[route.method] = route
                return
            }
            let rest = components.dropFirst()
            switch first {
            case .literal(let text):
                literals[text, default: Node()].insert(route, components: rest)
            case .parameter:
                if parameter.isEmpty { parameter = [Node()] }
                parameter[0].insert(route, components: rest)
            case .remainder:
                if remainder.isEmpty { remainder = [Node()] }
                remainder[0].routes[route.method] = route
            }
        }

        func allRoutes() -> [Route] {
            Array(routes.values) + literals.values.flatMap { $0.allRoutes() }
                + parameter.flatMap { $0.allRoutes() } + remainder.flatMap { $0.allRoutes() }
        }

        /// The first node the segments lead to that `accepting` takes, with
        /// the values bound on the way.
        func find(_ segments: ArraySlice<String>, bound: [String], accepting: (Node) -> Bool) -> (node: Node, values: [String])? {
            guard let segment = segments.first else {
                if accepting(self) { return (self, bound) }
                if let tail = remainder.first, accepting(tail) { return (tail, bound + [""]) }
                return nil
            }
            let rest = segments.dropFirst()
            if let child = literals[segment], let found = child.find(rest, bound: bound, accepting: accepting) { return found }
            if let child = parameter.first, let found = child.find(rest, bound: bound + [segment], accepting: accepting) { return found }
            if let tail = remainder.first, accepting(tail) { return (tail, bound + [segments.joined(separator: "/")]) }
            return nil
        }
    }
}
