/// The path shape a route answers, below its ``APIPath/Space``:
/// `/collection/{name}/count`. `{name}` matches one segment and binds it;
/// a final `{name*}` matches all remaining segments (possibly none),
/// joined with `/`.
public struct RoutePattern: Sendable, Equatable, CustomStringConvertible {
    public enum Component: Sendable, Equatable {
        case literal(String)
        case parameter(String)
        case remainder(String)
    }

    public let components: [Component]

    public init(_ text: String) {
        var components: [Component] = []
        for part in text.split(separator: "/") {
            if part.hasPrefix("{") && part.hasSuffix("*}") {
                components.append(.remainder(String(part.dropFirst().dropLast(2))))
            } else if part.hasPrefix("{") && part.hasSuffix("}") {
                components.append(.parameter(String(part.dropFirst().dropLast())))
            } else {
                components.append(.literal(String(part)))
            }
        }
        precondition(components.dropLast().allSatisfy { if case .remainder = $0 { false } else { true } },
                     "a {name*} component must come last in \(text)")
        self.components = components
    }

    /// The names bound by the pattern, in path order.
    public var parameterNames: [String] {
        components.compactMap { component in
            switch component {
            case .literal: nil
            case .parameter(let name), .remainder(let name): name
            }
        }
    }

    public var description: String {
        "/" + components.map { component in
            switch component {
            case .literal(let text): text
            case .parameter(let name): "{\(name)}"
            case .remainder(let name): "{\(name)*}"
            }
        }.joined(separator: "/")
    }
}
