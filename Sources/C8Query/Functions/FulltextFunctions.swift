import C8Core

/// FULLTEXT(collection, attribute, query[, limit]): documents matching a
/// fulltext query (`prefix:`, `,` and, `|` or, `-` not) through the
/// collection's fulltext index; the environment answers, with error 1571
/// when there is no such index.
enum FulltextFunctions {
    static let definitions: [FunctionDefinition] = [
        FunctionDefinition("FULLTEXT", 3...4, .fulltext, deterministic: false) { call throws(C8Error) in
            guard case .string(let collection) = call[0], case .string(let attribute) = call[1],
                  case .string(let query) = call[2]
            else { throw call.invalidArgumentError() }
            // A missing, null or non-positive limit means no limit.
            let limit = call[3].isNull || call.integer(3) <= 0 ? nil : call.integer(3)
            return .array(try call.environment.fulltext(collection: collection, attribute: attribute, query: query,
                                                        limit: limit))
        },
    ]
}
