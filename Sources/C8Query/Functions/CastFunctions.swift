import C8Core

/// TO_BOOL, TO_NUMBER, TO_STRING, TO_ARRAY (and alias TO_LIST): the
/// explicit forms of C8QL's casts (C8-API.md §2.6, JSON+Casts).
enum CastFunctions {
    static let definitions: [FunctionDefinition] = {
        let toArray = cast("TO_ARRAY") { .array($0.toArray) }
        return [
            cast("TO_BOOL") { .bool($0.toBool) },
            cast("TO_NUMBER") { $0.toNumber },
            cast("TO_STRING") { .string($0.toStringValue) },
            toArray, toArray.aliased(as: "TO_LIST"),
        ]
    }()

    private static func cast(_ name: String, _ convert: @escaping @Sendable (JSON) -> JSON) -> FunctionDefinition {
        FunctionDefinition(name, 1...1, .typeCast) { call in convert(call[0]) }
    }
}
