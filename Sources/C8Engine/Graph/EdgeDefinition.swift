import C8Core

/// An edge collection of a named graph and the vertex collections its
/// edges may connect: `{collection, from: [...], to: [...]}`.
public struct EdgeDefinition: Sendable, Hashable {
    public var collection: String
    public var from: [String]
    public var to: [String]

    /// `from` and `to` are kept sorted and without repeats, so equal
    /// definitions compare equal.
    public init(collection: String, from: [String], to: [String]) {
        self.collection = collection
        self.from = Self.unique(from)
        self.to = Self.unique(to)
    }

    /// - Throws: 1923 for a malformed definition.
    public init(json: JSON) throws(C8Error) {
        guard let collection = json["collection"].stringValue, !collection.isEmpty,
              let from = json["from"].arrayValue?.compactMap(\.stringValue), from.count == json["from"].arrayValue?.count,
              let to = json["to"].arrayValue?.compactMap(\.stringValue), to.count == json["to"].arrayValue?.count,
              !from.isEmpty, !to.isEmpty else {
            throw C8Error(.graphCreateMalformedEdgeDefinition, detail: "an edge definition needs collection, from[] and to[]")
        }
        self.init(collection: collection, from: from, to: to)
    }

    public var json: JSON {
        ["collection": .string(collection), "from": .array(from.map { .string($0) }), "to": .array(to.map { .string($0) })]
    }

    /// The vertex collections on either side.
    public var vertexCollections: [String] { Self.unique(from + to) }

    private static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }.sorted()
    }
}

/// A named graph: edge definitions plus orphan vertex collections.
public struct GraphDefinition: Sendable {
    public var name: String
    public var edgeDefinitions: [EdgeDefinition]
    public var orphanCollections: [String]
    /// `_rev` of the stored definition.
    public var rev: String = ""

    public init(name: String, edgeDefinitions: [EdgeDefinition], orphanCollections: [String] = []) {
        self.name = name
        self.edgeDefinitions = edgeDefinitions
        self.orphanCollections = orphanCollections
    }

    /// From a create request `{name, edgeDefinitions, orphanCollections}`.
    public init(json: JSON) throws(C8Error) {
        guard let name = json["name"].stringValue, !name.isEmpty else { throw C8Error(.graphCreateMissingName) }
        var definitions: [EdgeDefinition] = []
        for item in json["edgeDefinitions"].arrayValue ?? json["edgedefinitions"].arrayValue ?? [] {
            definitions.append(try EdgeDefinition(json: item))
        }
        let orphans = json["orphanCollections"].arrayValue?.compactMap(\.stringValue) ?? []
        self.init(name: name, edgeDefinitions: definitions, orphanCollections: orphans)
        rev = json["_rev"].stringValue ?? ""
    }

    /// Every vertex collection: those of the edge definitions, then orphans.
    public var vertexCollections: [String] {
        var seen = Set<String>()
        return (edgeDefinitions.flatMap(\.vertexCollections) + orphanCollections).filter { seen.insert($0).inserted }.sorted()
    }

    public var edgeCollections: [String] { edgeDefinitions.map(\.collection) }

    public func edgeDefinition(_ collection: String) -> EdgeDefinition? {
        edgeDefinitions.first { $0.collection == collection }
    }

    /// The stored document in `_graphs`.
    var document: JSON {
        [
            "_key": .string(name), "name": .string(name),
            "edgeDefinitions": .array(edgeDefinitions.map(\.json)),
            "orphanCollections": .array(orphanCollections.map { .string($0) }),
        ]
    }

    /// The API form `{_id, _key, _rev, name, edgeDefinitions, orphanCollections}`.
    public var json: JSON {
        [
            "_id": .string("_graphs/\(name)"), "_key": .string(name), "_rev": .string(rev), "name": .string(name),
            "edgeDefinitions": .array(edgeDefinitions.map(\.json)),
            "orphanCollections": .array(orphanCollections.map { .string($0) }),
        ]
    }
}
