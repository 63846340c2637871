import C8Core

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Database access (DOCUMENT, COLLECTION_COUNT, COLLECTIONS, CURRENT_USER),
/// dynamic calls (CALL, APPLY), assertions (ASSERT, WARN, FAIL) and small
/// helpers (NOT_NULL, FIRST_LIST, FIRST_DOCUMENT, HASH, DECODE_REV, …).
enum MiscFunctions {
    static let definitions: [FunctionDefinition] = database + dynamicCalls + assertions + helpers

    private static let database: [FunctionDefinition] = [
        FunctionDefinition("DOCUMENT", 1...2, .miscellaneous, deterministic: false) { call throws(C8Error) in
            try DocumentLookup.evaluate(call)
        },
        FunctionDefinition("COLLECTION_COUNT", 1...1, .miscellaneous, deterministic: false) { call throws(C8Error) in
            guard case .string(let name) = call[0] else { throw call.invalidArgumentError() }
            return .integer(try call.environment.collectionCount(name))
        },
        // c8 has no numeric collection ids, so `_id` holds the name, the
        // collection's identity everywhere else in the API.
        FunctionDefinition("COLLECTIONS", 0...0, .miscellaneous, deterministic: false) { call in
            // `_id` is the collection's id, as in ArangoDB (it was the name).
            let collections = call.environment.collectionIdentities().sorted { $0.name.lowercased() < $1.name.lowercased() }
            return .array(collections.map { ["_id": .string($0.id), "name": .string($0.name)] })
        },
        FunctionDefinition("CURRENT_USER", 0...0, .miscellaneous) { call in
            call.environment.currentUser.map { .string($0) } ?? .null
        },
        // C8's attribute-based access control attributes; the environment
        // does not expose any yet, so these read as null (absent).
        FunctionDefinition("CURRENT_USER_ATTRIBUTE", 1...1, .miscellaneous) { _ in .null },
        FunctionDefinition("CURRENT_APIKEY_ATTRIBUTE", 1...1, .miscellaneous) { _ in .null },
    ]

    private static let dynamicCalls: [FunctionDefinition] = [
        FunctionDefinition("CALL", 1...Int.max, .miscellaneous, deterministic: false) { call throws(C8Error) in
            try invoke(call, arguments: Array(call.arguments.dropFirst()))
        },
        FunctionDefinition("APPLY", 1...2, .miscellaneous, deterministic: false) { call throws(C8Error) in
            if call.has(1), call[1].arrayValue == nil { return call.invalidArgument() }
            return try invoke(call, arguments: call[1].arrayValue ?? [])
        },
    ]

    private static let assertions: [FunctionDefinition] = [
        FunctionDefinition("ASSERT", 2...2, .miscellaneous, deterministic: false) { call throws(C8Error) in
            guard case .string(let message) = call[1] else { return call.invalidArgument() }
            if !call[0].toBool { throw C8Error(.queryUserAssert, message) }
            return true
        },
        FunctionDefinition("WARN", 2...2, .miscellaneous, deterministic: false) { call in
            guard case .string(let message) = call[1] else { return call.invalidArgument() }
            guard call[0].toBool else {
                call.environment.warn(.queryUserWarn, message)
                return false
            }
            return true
        },
        FunctionDefinition("FAIL", 0...1, .miscellaneous, deterministic: false) { call throws(C8Error) in
            if case .string(let message) = call[0] { throw C8Error(.queryFailCalled, message) }
            throw C8Error(.queryFailCalled, arguments: [""])
        },
    ]

    private static let helpers: [FunctionDefinition] = [
        FunctionDefinition("NOT_NULL", 1...Int.max, .miscellaneous) { call in
            call.arguments.first { !$0.isNull } ?? .null
        },
        FunctionDefinition("FIRST_LIST", 1...Int.max, .miscellaneous) { call in
            call.arguments.first { $0.arrayValue != nil } ?? .null
        },
        FunctionDefinition("FIRST_DOCUMENT", 1...Int.max, .miscellaneous) { call in
            call.arguments.first { $0.objectValue != nil } ?? .null
        },
        FunctionDefinition("HASH", 1...1, .miscellaneous) { call in .int(Int64(ValueHash.hash(call[0]))) },
        FunctionDefinition("DECODE_REV", 1...1, .miscellaneous) { call in
            // c8's own encoding first; a string that is not one may be ArangoDB's.
            guard case .string(let text) = call[0],
                  let revision = Revision(validating: text) ?? Revision(arangoDBEncoded: text),
                  revision.timestamp.rawValue != 0
            else { return call.invalidArgument() }
            let date = UTCDateTime(milliseconds: Int64(revision.timestamp.milliseconds))
            return ["date": .string(date.iso8601), "count": .int(Int64(revision.timestamp.logical))]
        },
        FunctionDefinition("CHECK_DOCUMENT", 1...1, .miscellaneous, deterministic: false) { call in
            // JSONObject cannot hold duplicate keys, the only defect
            // ArangoDB's check looks for.
            .bool(call[0].objectValue != nil)
        },
        FunctionDefinition("PASSTHRU", 1...1, .miscellaneous) { call in call[0] },
        FunctionDefinition("NOOPT", 1...1, .miscellaneous, deterministic: false) { call in call[0] },
        FunctionDefinition("SLEEP", 1...1, .miscellaneous, deterministic: false) { call in
            guard let seconds = call[0].doubleValue, seconds >= 0 else { return call.invalidArgument() }
            usleep(UInt32(min(seconds, 4000) * 1_000_000))
            return .null
        },
    ]

    /// CALL/APPLY: the function named by the first argument (any case),
    /// with ArangoDB's checks — a non-string name is error 1542, an unknown
    /// one (user-defined `NS::NAME` functions included, which c8 does not
    /// have) 1540, a wrong argument count 1541.
    private static func invoke(_ call: FunctionCall, arguments: [JSON]) throws(C8Error) -> JSON {
        guard case .string(let name) = call[0] else { throw call.invalidArgumentError() }
        return try FunctionRegistry.standard.call(name, arguments: arguments, environment: call.environment)
    }
}

/// DOCUMENT(handle | [handles]) and DOCUMENT(collection, key | handle |
/// [keys or handles]): documents by identifier. Anything not found — or a
/// handle naming another collection than the one given — is skipped (null
/// for a single lookup); arguments of other types give null.
enum DocumentLookup {
    static func evaluate(_ call: FunctionCall) throws(C8Error) -> JSON {
        var collection: String?
        if call.count == 2 {
            guard case .string(let name) = call[0] else { return call.invalidArgument() }
            collection = name
        }
        let ids = call[call.count - 1]
        switch ids {
        case .string(let id):
            return try lookup(id, in: collection, call) ?? .null
        case .array(let elements):
            var found: [JSON] = []
            for case .string(let id) in elements {
                if let document = try lookup(id, in: collection, call) { found.append(document) }
            }
            return .array(found)
        default:
            return .null
        }
    }

    private static func lookup(_ id: String, in collection: String?, _ call: FunctionCall) throws(C8Error) -> JSON? {
        let handle: String
        if let parts = DocumentHandle.split(id) {
            if let collection, parts.collection != collection { return nil }
            handle = id
        } else {
            guard let collection else { return nil }
            handle = collection + "/" + id
        }
        do {
            return try call.environment.document(handle)
        } catch let error where error.matches(.documentNotFound) || error.matches(.collectionNotFound) {
            return nil
        }
    }
}
