import C8Core
import C8Engine

/// RESTQL ("query workers"): named C8QL queries saved in a fabric, run by
/// name with bind parameters merged over their saved defaults. Stored as
/// documents of the system collection `_restql`, so they persist and
/// replicate like any data.
public struct SavedQueries: Sendable {
    public let fabric: Fabric
    public let engine: QueryEngine
    static let collectionName = "_restql"

    public init(fabric: Fabric, engine: QueryEngine) {
        self.fabric = fabric
        self.engine = engine
    }

    /// A saved query as the API shows it.
    public struct SavedQuery: Sendable {
        public var name: String
        public var value: String
        public var parameter: JSONObject
        public var type: String

        public func json(fabric: Fabric, user: String) -> JSON {
            [
                "_key": .string("\(user).\(fabric.name).\(name)"), "name": .string(name), "value": .string(value),
                "parameter": .object(parameter), "type": .string(type), "tenant": .string(fabric.tenant),
                "fabric": .string(fabric.name), "userid": .string(user),
            ]
        }

        var document: JSON {
            ["_key": .string(name), "name": .string(name), "value": .string(value), "parameter": .object(parameter), "type": .string(type)]
        }

        init(name: String, value: String, parameter: JSONObject, type: String) {
            self.name = name
            self.value = value
            self.parameter = parameter
            self.type = type
        }

        init(document: JSON) {
            name = document["name"].stringValue ?? document["_key"].stringValue ?? ""
            value = document["value"].stringValue ?? ""
            parameter = document["parameter"].objectValue ?? JSONObject()
            type = document["type"].stringValue ?? "c8ql"
        }
    }

    // MARK: - Definitions

    /// Saves a query from `{query: {name, value, parameter?, type?}}` (or the
    /// inner object alone).
    /// - Throws: 400 for a missing/invalid name or text, 1207 when it exists,
    ///   1501 when the text does not parse.
    @discardableResult
    public func create(_ body: JSON) throws(C8Error) -> SavedQuery {
        let spec = body["query"].objectValue != nil ? body["query"] : body
        guard let name = spec["name"].stringValue, Self.isValidName(name) else {
            throw C8Error(.badParameter, "a saved query needs a name without spaces (letters, digits, _ and -)")
        }
        let query = try validated(name: name, spec: spec, existing: nil)
        let collection = try storage()
        if try collection.document(name) != nil { throw C8Error(.duplicateName, detail: "saved query \(name)") }
        try collection.insert(query.document)
        return query
    }

    /// Every saved query of the fabric, by name.
    public func list() throws(C8Error) -> [SavedQuery] {
        guard fabric.hasCollection(Self.collectionName) else { return [] }
        var result: [SavedQuery] = []
        let scanner = try fabric.collection(Self.collectionName).scan()
        while let document = try scanner.next() { result.append(SavedQuery(document: document)) }
        return result
    }

    /// - Throws: 404 when there is no such query.
    public func get(_ name: String) throws(C8Error) -> SavedQuery {
        guard fabric.hasCollection(Self.collectionName), let document = try fabric.collection(Self.collectionName).document(name) else {
            throw C8Error(.httpNotFound, "saved query \(name) not found")
        }
        return SavedQuery(document: document)
    }

    /// Changes a query's text, parameters or type (`{query: {value, parameter, type}}`).
    @discardableResult
    public func update(_ name: String, _ body: JSON) throws(C8Error) -> SavedQuery {
        let existing = try get(name)
        let spec = body["query"].objectValue != nil ? body["query"] : body
        let query = try validated(name: name, spec: spec, existing: existing)
        try storage().replace(DocumentSelector(key: name), with: query.document)
        return query
    }

    public func delete(_ name: String) throws(C8Error) {
        _ = try get(name)
        try storage().remove(DocumentSelector(key: name))
    }

    /// Saves several queries (`{queries: [...]}`); returns how many were
    /// created and how many failed.
    public func importQueries(_ body: JSON) throws(C8Error) -> (created: Int, errors: Int) {
        var created = 0
        var errors = 0
        for item in body["queries"].arrayValue ?? [] {
            if (try? create(item)) != nil { created += 1 } else { errors += 1 }
        }
        return (created, errors)
    }

    // MARK: - Running

    /// Runs a saved query: `bindVariables` over the saved defaults; a
    /// parameter with neither is 1551. Returns the first cursor batch.
    public func execute(
        _ name: String, bindVariables: JSONObject = JSONObject(), batchSize: Int = 100, user: String? = nil,
        access: CollectionAccessCheck? = nil
    ) throws(C8Error) -> JSON {
        let query = try get(name)
        var merged = query.parameter
        for member in bindVariables.members { merged[member.key] = member.value }
        // Defaults the query does not use are not an error (1552) for saved queries.
        let parsed = try QueryParser.parse(query.value)
        let used = Set(parsed.bindParameters + parsed.collectionBindParameters.map { "@" + $0 })
        let effective = JSONObject(uniqueMembers: merged.members.filter { used.contains($0.key) || bindVariables[$0.key] != nil })
        let run = try engine.execute(query.value, bindVariables: effective, fabric: fabric, user: user, access: access)
        return try engine.cursors.open(run, batchSize: batchSize).body
    }

    // MARK: - Internals

    private func validated(name: String, spec: JSON, existing: SavedQuery?) throws(C8Error) -> SavedQuery {
        guard let value = spec["value"].stringValue ?? existing?.value, !value.allSatisfy(\.isWhitespace) else {
            throw C8Error(.badParameter, "a saved query needs its C8QL text in 'value'")
        }
        let type = spec["type"].stringValue ?? existing?.type ?? "c8ql"
        guard type == "c8ql" else { throw C8Error(.badParameter, "only c8ql saved queries are supported") }
        _ = try QueryParser.parse(value)
        let parameter = spec["parameter"].objectValue ?? existing?.parameter ?? JSONObject()
        return SavedQuery(name: name, value: value, parameter: parameter, type: type)
    }

    private func storage() throws(C8Error) -> DocumentCollection {
        if fabric.hasCollection(Self.collectionName) { return try fabric.collection(Self.collectionName) }
        var options = CollectionOptions()
        options.isSystem = true
        do {
            return try fabric.createCollection(Self.collectionName, options: options)
        } catch where error.matches(.duplicateName) {
            return try fabric.collection(Self.collectionName)
        }
    }

    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 256 && name.unicodeScalars.allSatisfy { c in
            (c.value >= 0x30 && c.value <= 0x39) || (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A)
                || c == "_" || c == "-" || c == "."
        }
    }
}
