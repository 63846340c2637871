import C8Core

/// The groups C8QL's function reference is organized in (C8-API.md §2.7);
/// the console groups its autocomplete and help by them.
public enum FunctionFamily: String, Sendable, CaseIterable {
    case typeCheck = "type check"
    case typeCast = "type cast"
    case string
    case numeric
    case array
    case object = "object/document"
    case date
    case geo
    case fulltext
    case miscellaneous
}

/// One C8QL function: its upper-case name, how many arguments it takes,
/// and the code that evaluates it.
public struct FunctionDefinition: Sendable {
    /// Varargs functions print this as their maximum in error 1541, as
    /// ArangoDB does (its `Function::maxArguments`).
    static let printedVarargsMaximum = 65536

    public let name: String
    /// `min...max`; `max == Int.max` for varargs.
    public let arguments: ClosedRange<Int>
    public let family: FunctionFamily
    /// Same arguments give the same result within one query, so the planner
    /// may evaluate a call with constant arguments once, at compile time.
    /// False for RAND/UUID/RANDOM_TOKEN, for functions that read data
    /// (DOCUMENT, COLLECTION_COUNT, FULLTEXT, NEAR, WITHIN, COLLECTIONS),
    /// and for those with effects (ASSERT, WARN, FAIL, SLEEP, CALL, APPLY).
    /// DATE_NOW and CURRENT_USER count as deterministic, as in ArangoDB:
    /// they are fixed for the duration of a query.
    public let isDeterministic: Bool
    public let implementation: FunctionImplementation

    public init(
        name: String, arguments: ClosedRange<Int>, family: FunctionFamily, isDeterministic: Bool,
        implementation: @escaping FunctionImplementation
    ) {
        self.name = name
        self.arguments = arguments
        self.family = family
        self.isDeterministic = isDeterministic
        self.implementation = implementation
    }

    /// A definition whose body reads its arguments through a ``FunctionCall``,
    /// which knows the function's name for warning messages.
    init(
        _ name: String, _ arguments: ClosedRange<Int>, _ family: FunctionFamily, deterministic: Bool = true,
        _ body: @escaping @Sendable (FunctionCall) throws(C8Error) -> JSON
    ) {
        self.init(name: name, arguments: arguments, family: family, isDeterministic: deterministic) {
            arguments, environment throws(C8Error) in
            try body(FunctionCall(name: name, arguments: arguments, environment: environment))
        }
    }

    /// The same function under another name (IS_LIST for IS_ARRAY, …).
    /// Warnings keep naming the original, as ArangoDB's do.
    public func aliased(as alias: String) -> FunctionDefinition {
        FunctionDefinition(name: alias, arguments: arguments, family: family, isDeterministic: isDeterministic,
                           implementation: implementation)
    }

    /// Throws 1541 with ArangoDB's message unless `count` arguments fit.
    public func checkArgumentCount(_ count: Int) throws(C8Error) {
        guard !arguments.contains(count) else { return }
        let maximum = arguments.upperBound == Int.max ? Self.printedVarargsMaximum : arguments.upperBound
        throw C8Error(.queryFunctionArgumentNumberMismatch,
                      arguments: [name, String(arguments.lowerBound), String(maximum)])
    }
}

/// The table of C8QL functions, looked up by case-insensitive name.
///
/// The parser resolves names with ``definition(named:)`` (or ``lookup(_:)``
/// to get error 1540), checks arity with
/// ``FunctionDefinition/checkArgumentCount(_:)`` and the executor calls
/// ``FunctionDefinition/implementation``; ``call(_:arguments:environment:)``
/// does all three for dynamic calls (CALL, APPLY) and tests.
public struct FunctionRegistry: Sendable {
    private let byName: [String: FunctionDefinition]

    /// Every definition, sorted by name.
    public let definitions: [FunctionDefinition]

    /// Every name (aliases included), sorted, for autocomplete.
    public var names: [String] { definitions.map(\.name) }

    /// A registry of `definitions`; a name given twice keeps the last one
    /// (a debug build stops there: it is a typo in a table).
    public init(_ definitions: [FunctionDefinition]) {
        var byName: [String: FunctionDefinition] = [:]
        for definition in definitions {
            assert(byName[definition.name] == nil, "function \(definition.name) defined twice")
            byName[definition.name] = definition
        }
        self.byName = byName
        self.definitions = byName.values.sorted { $0.name < $1.name }
    }

    /// The definition named `name` in any letter case, or nil.
    public func definition(named name: String) -> FunctionDefinition? {
        byName[Self.canonicalName(name)]
    }

    /// The definition named `name`; throws 1540 ("usage of unknown
    /// function 'X()'") when there is none.
    public func lookup(_ name: String) throws(C8Error) -> FunctionDefinition {
        guard let definition = definition(named: name) else {
            throw C8Error(.queryFunctionNameUnknown, arguments: [Self.canonicalName(name)])
        }
        return definition
    }

    /// Looks up `name`, checks the argument count and runs the function.
    /// - Throws: 1540 for an unknown name, 1541 for a wrong argument count,
    ///   and whatever the function throws.
    public func call(
        _ name: String, arguments: [JSON], environment: any FunctionEnvironment
    ) throws(C8Error) -> JSON {
        let definition = try lookup(name)
        try definition.checkArgumentCount(arguments.count)
        return try definition.implementation(arguments, environment)
    }

    /// Function names are ASCII; upper-casing only ASCII letters keeps a
    /// stray non-ASCII name from matching anything by locale rules.
    static func canonicalName(_ name: String) -> String {
        String(decoding: name.utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
    }
}

extension FunctionRegistry {
    /// All built-in C8QL functions.
    public static let standard = FunctionRegistry(
        TypeCheckFunctions.definitions + CastFunctions.definitions + StringFunctions.definitions
            + NumericFunctions.definitions + ArrayFunctions.definitions + ObjectFunctions.definitions
            + DateFunctions.definitions + GeoFunctions.definitions + FulltextFunctions.definitions
            + MiscFunctions.definitions)
}
