import C8Core

/// C8QL's object and document functions. Attribute names compare byte for
/// byte, member order is kept (MERGE appends new attributes after the
/// existing ones).
enum ObjectFunctions {
    static let definitions: [FunctionDefinition] = {
        let attributes = FunctionDefinition("ATTRIBUTES", 1...3, .object) { call in
            guard case .object(let object) = call[0] else { return call.invalidArgument() }
            var keys = object.keys
            if call.bool(1) { keys.removeAll { $0.hasPrefix("_") } }
            if call.bool(2) { keys.sort { $0.utf8Compare($1) < 0 } }
            return .array(keys.map { .string($0) })
        }
        return [
            attributes, attributes.aliased(as: "KEYS"),
            FunctionDefinition("VALUES", 1...2, .object) { call in
                guard case .object(let object) = call[0] else { return call.invalidArgument() }
                let removeInternal = call.bool(1)
                return .array(object.members.filter { !(removeInternal && $0.key.hasPrefix("_")) }.map(\.value))
            },
            FunctionDefinition("HAS", 2...2, .object) { call in
                guard case .object(let object) = call[0] else { return false }
                return .bool(object[call.string(1)] != nil)
            },
            projection("KEEP", keep: true, recursive: false),
            projection("KEEP_RECURSIVE", keep: true, recursive: true),
            projection("UNSET", keep: false, recursive: false),
            projection("UNSET_RECURSIVE", keep: false, recursive: true),
            FunctionDefinition("MERGE", 1...Int.max, .object) { call in merge(call, recursive: false) },
            FunctionDefinition("MERGE_RECURSIVE", 1...Int.max, .object) { call in merge(call, recursive: true) },
            FunctionDefinition("MATCHES", 2...3, .object) { call in matches(call) },
            FunctionDefinition("TRANSLATE", 2...3, .object) { call in
                guard case .object(let lookup) = call[1] else { return call.invalidArgument() }
                if let found = lookup[call.string(0)] { return found }
                return call.has(2) ? call[2] : call[0]
            },
            FunctionDefinition("ZIP", 2...2, .object) { call in
                guard case .array(let keys) = call[0], case .array(let values) = call[1], keys.count == values.count
                else { return call.invalidArgument() }
                var object = JSONObject(minimumCapacity: keys.count)
                for (key, value) in zip(keys, values) where object[key.toStringValue] == nil {
                    object.appendUnique(key.toStringValue, value)
                }
                return .object(object)
            },
            FunctionDefinition("VALUE", 2...2, .object) { call in
                guard call[0].objectValue != nil, case .array(let path) = call[1] else { return call.invalidArgument() }
                var current = call[0]
                for step in path {
                    switch (current, step) {
                    case (.object(let object), .string(let key)): current = object[key] ?? .null
                    case (.array, .int), (.array, .double): current = current[JSON.truncatedInteger(step.toDouble)]
                    default: return .null
                    }
                }
                return current
            },
            FunctionDefinition("PARSE_IDENTIFIER", 1...1, .object) { call in
                guard let (collection, key) = identifier(call) else { return call.invalidArgument() }
                return ["collection": .string(collection), "key": .string(key)]
            },
            FunctionDefinition("PARSE_COLLECTION", 1...1, .object) { call in
                guard let (collection, _) = identifier(call) else { return call.invalidArgument() }
                return .string(collection)
            },
            FunctionDefinition("PARSE_KEY", 1...1, .object) { call in
                guard let (_, key) = identifier(call) else { return call.invalidArgument() }
                return .string(key)
            },
            FunctionDefinition("IS_SAME_COLLECTION", 2...2, .object) { call in
                let first = collectionName(call[0])
                let second = collectionName(call[1])
                guard !first.isEmpty, !second.isEmpty else { return call.invalidArgument() }
                return .bool(first == second)
            },
        ]
    }()

    // MARK: KEEP / UNSET

    /// The attribute names of KEEP/UNSET: string arguments, numbers as
    /// their text, and the strings inside array arguments (another element
    /// type warns 1542 but is skipped, as in ArangoDB).
    private static func attributeNames(_ call: FunctionCall) -> Set<String> {
        var names = Set<String>()
        for argument in call.arguments.dropFirst() {
            switch argument {
            case .string(let name): names.insert(name)
            case .int, .double: names.insert(argument.toStringValue)
            case .array(let elements):
                for element in elements {
                    if case .string(let name) = element { names.insert(name) } else { _ = call.invalidArgument() }
                }
            default: break
            }
        }
        return names
    }

    private static func projection(_ name: String, keep: Bool, recursive: Bool) -> FunctionDefinition {
        FunctionDefinition(name, 2...Int.max, .object) { call in
            guard case .object(let object) = call[0] else { return call.invalidArgument() }
            return .object(project(object, attributeNames(call), keep: keep, recursive: recursive))
        }
    }

    private static func project(_ object: JSONObject, _ names: Set<String>, keep: Bool, recursive: Bool) -> JSONObject {
        var result = JSONObject(minimumCapacity: object.count)
        for member in object.members where names.contains(member.key) == keep {
            if recursive, case .object(let inner) = member.value {
                result.appendUnique(member.key, .object(project(inner, names, keep: keep, recursive: true)))
            } else {
                result.appendUnique(member.key, member.value)
            }
        }
        return result
    }

    // MARK: MERGE

    /// MERGE(doc, …) or MERGE([doc, …]): later attributes win; with
    /// `recursive`, attributes that are objects on both sides merge too.
    /// Any non-object warns 1542 and gives null.
    private static func merge(_ call: FunctionCall, recursive: Bool) -> JSON {
        var documents = call.arguments
        if documents.count == 1, case .array(let elements) = documents[0] { documents = [.object(JSONObject())] + elements }
        var result = JSONObject()
        for document in documents {
            guard case .object(let object) = document else { return call.invalidArgument() }
            result = merged(result, object, recursive: recursive)
        }
        return .object(result)
    }

    static func merged(_ base: JSONObject, _ overlay: JSONObject, recursive: Bool) -> JSONObject {
        var result = base
        for member in overlay.members {
            if recursive, case .object(let old)? = result[member.key], case .object(let new) = member.value {
                result[member.key] = .object(merged(old, new, recursive: true))
            } else {
                result[member.key] = member.value
            }
        }
        return result
    }

    // MARK: MATCHES

    /// MATCHES(doc, example | [examples][, returnIndex]): whether (or at
    /// which index) an example has all its attributes equal in `doc`; an
    /// example attribute that is null also matches a missing attribute.
    /// Non-object examples warn 1542 and are skipped; a non-object doc is
    /// simply false.
    private static func matches(_ call: FunctionCall) -> JSON {
        let returnIndex = call.bool(2)
        guard case .object(let document) = call[0] else { return false }
        let examples = call[1].arrayValue ?? [call[1]]
        for (index, example) in examples.enumerated() {
            guard case .object(let pattern) = example else {
                _ = call.invalidArgument()
                continue
            }
            let isMatch = pattern.members.allSatisfy { member in
                guard let actual = document[member.key] else { return member.value.isNull }
                return actual == member.value
            }
            if isMatch { return returnIndex ? .integer(index) : true }
        }
        return returnIndex ? .integer(-1) : false
    }

    // MARK: Identifiers

    /// The collection and key of a document handle given as a string or as
    /// a document's `_id`; nil unless there is exactly one `/`.
    private static func identifier(_ call: FunctionCall) -> (String, String)? {
        let text: String
        switch call[0] {
        case .string(let s): text = s
        case .object(let object): guard case .string(let s)? = object["_id"] else { return nil }; text = s
        default: return nil
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard !text.isEmpty, parts.count == 2 else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    /// IS_SAME_COLLECTION's view of an argument: a collection name, or the
    /// collection part of a handle string or of a document's `_id`.
    private static func collectionName(_ value: JSON) -> String {
        var text = ""
        switch value {
        case .string(let s): text = s
        case .object(let object): text = object["_id"]?.stringValue ?? ""
        default: break
        }
        return text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
    }
}
