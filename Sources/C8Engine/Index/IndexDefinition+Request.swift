import C8Core

extension IndexDefinition {
    /// The definition an index creation request asks for
    /// (`POST /_api/index[/<type>]?collection=C`), validated as ArangoDB does.
    ///
    /// Reads `type, fields, name, unique, sparse, deduplicate, expireAfter,
    /// minLength, geoJson`; anything else (`inBackground`, `estimates`, …) is
    /// ignored. Every problem is a 400 with errorNum 10 (bad parameter) and a
    /// message naming it. Type rules:
    ///
    /// - persistent / hash / skiplist: ≥ 1 field, `[*]` expansions allowed;
    ///   `deduplicate` defaults to true.
    /// - ttl: exactly one field, `expireAfter` ≥ 0 required, never unique;
    ///   always sparse (a document without a time is simply not indexed).
    /// - fulltext: exactly one field, `minLength` (default 2) ≥ 1, never
    ///   unique; always sparse.
    /// - geo: one field (`[lat, lon]`, `[lon, lat]` with `geoJson: true`, or
    ///   a GeoJSON Point) or two (latitude, longitude); never unique; always
    ///   sparse.
    ///
    /// No type allows duplicate fields or `_id`; the primary and edge
    /// indexes exist by themselves and cannot be created.
    ///
    /// - Parameters:
    ///   - body: the request body.
    ///   - type: the type the route names (`/index/geo`), if it names one;
    ///     the body may then omit `type`, and must agree when it does not.
    ///   - objectId, localId: the storage id and the `N` of `collection/N`
    ///     the caller allocated.
    ///   - defaultName: the name used when the body has none (`idx_<N>`).
    public init(
        request body: JSON, type routeType: IndexType? = nil,
        objectId: UInt64, localId: Int, defaultName: String
    ) throws(C8Error) {
        guard case .object(let object) = body else {
            throw C8Error(.badParameter, "index definition must be an object")
        }
        let reader = IndexRequestReader(object: object)
        let type = try reader.type(route: routeType)
        let rules = IndexTypeRules(type)
        let fields = try reader.fields(rules: rules)
        let unique = try reader.bool("unique") ?? false
        if unique && !rules.allowsUnique {
            throw C8Error(.badParameter, "\(type.rawValue) index cannot be unique")
        }
        let name = try reader.name() ?? defaultName
        let sparse = try rules.alwaysSparse ? true : reader.bool("sparse") ?? false
        let deduplicate = try type.isPersistentFamily ? reader.bool("deduplicate") ?? true : true
        let expireAfter = try type == .ttl ? reader.expireAfter() : nil
        let minLength = try type == .fulltext ? reader.minLength() : nil
        let geoJson = try type == .geo && fields.count == 1 ? reader.bool("geoJson") ?? false : false
        self.init(
            objectId: objectId, localId: localId, name: name, type: type, fields: fields,
            unique: unique, sparse: sparse, deduplicate: deduplicate,
            expireAfter: expireAfter, minLength: minLength, geoJson: geoJson)
    }
}

/// What each creatable index type accepts.
struct IndexTypeRules {
    var fieldCount: ClosedRange<Int>
    var allowsExpansion: Bool
    var allowsUnique: Bool
    var alwaysSparse: Bool

    init(_ type: IndexType) {
        switch type {
        case .persistent, .hash, .skiplist, .primary, .edge:
            self.init(fieldCount: 1...Int.max, allowsExpansion: true, allowsUnique: true, alwaysSparse: false)
        case .ttl, .fulltext:
            self.init(fieldCount: 1...1, allowsExpansion: false, allowsUnique: false, alwaysSparse: true)
        case .geo:
            self.init(fieldCount: 1...2, allowsExpansion: false, allowsUnique: false, alwaysSparse: true)
        }
    }

    private init(fieldCount: ClosedRange<Int>, allowsExpansion: Bool, allowsUnique: Bool, alwaysSparse: Bool) {
        self.fieldCount = fieldCount
        self.allowsExpansion = allowsExpansion
        self.allowsUnique = allowsUnique
        self.alwaysSparse = alwaysSparse
    }
}

/// Typed, validated reads of the members of an index creation body.
struct IndexRequestReader {
    let object: JSONObject

    /// The longest index name, in bytes.
    static let maximumNameLength = 256

    func type(route: IndexType?) throws(C8Error) -> IndexType {
        let type: IndexType
        switch object["type"] {
        case nil, .null?:
            guard let route else { throw C8Error(.badParameter, "index type missing") }
            type = route
        case .string(let text)?:
            guard let parsed = IndexType(rawValue: text) else {
                throw C8Error(.badParameter, "invalid index type '\(text)'")
            }
            if let route, route != parsed {
                throw C8Error(.badParameter, "index type '\(text)' does not match the route's type '\(route.rawValue)'")
            }
            type = parsed
        default:
            throw C8Error(.badParameter, "index type must be a string")
        }
        if type == .primary || type == .edge {
            throw C8Error(.badParameter, "cannot create additional \(type.rawValue) index")
        }
        return type
    }

    func fields(rules: IndexTypeRules) throws(C8Error) -> [AttributePath] {
        guard case .array(let elements)? = object["fields"] else {
            throw C8Error(.badParameter, "index fields must be an array of attribute names")
        }
        var paths: [AttributePath] = []
        var seen: Set<String> = []
        for element in elements {
            guard case .string(let text) = element else {
                throw C8Error(.badParameter, "index field names must be strings")
            }
            if text == "_id" { throw C8Error(.badParameter, "_id attribute cannot be indexed") }
            guard seen.insert(text).inserted else {
                throw C8Error(.badParameter, "duplicate attribute name in index fields list")
            }
            let path = try AttributePath(parsing: text)
            if path.expands && !rules.allowsExpansion {
                throw C8Error(.badParameter, "cannot use [*] expansion for this type of index")
            }
            paths.append(path)
        }
        guard rules.fieldCount.contains(paths.count) else {
            throw C8Error(.badParameter, "invalid number of index attributes")
        }
        return paths
    }

    func bool(_ member: String) throws(C8Error) -> Bool? {
        switch object[member] {
        case nil, .null?: return nil
        case .bool(let b)?: return b
        default: throw C8Error(.badParameter, "\(member) must be a boolean")
        }
    }

    /// The name, when the body gives one: a letter, then letters, digits,
    /// `_` and `-` (ArangoDB's rule for names without a system prefix).
    func name() throws(C8Error) -> String? {
        switch object["name"] {
        case nil, .null?: return nil
        case .string(let name)?:
            guard Self.isValidName(name) else { throw C8Error(.badParameter, "illegal index name '\(name)'") }
            return name
        default: throw C8Error(.badParameter, "index name must be a string")
        }
    }

    static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= maximumNameLength, isLetter(first) else { return false }
        return bytes.allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F || $0 == 0x2D }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    func expireAfter() throws(C8Error) -> Double {
        guard let seconds = object["expireAfter"]?.doubleValue, seconds.isFinite else {
            throw C8Error(.badParameter, "expireAfter attribute must be a number")
        }
        guard seconds >= 0 else {
            throw C8Error(.badParameter, "expireAfter attribute must be greater than or equal to zero")
        }
        return seconds
    }

    func minLength() throws(C8Error) -> Int {
        switch object["minLength"] {
        case nil, .null?: return FulltextIndex.defaultMinLength
        case let value?:
            guard let n = value.intValue, n >= 1, n <= Int64(FulltextTokenizer.maximumWordLength) else {
                throw C8Error(
                    .badParameter,
                    "minLength must be an integer between 1 and \(FulltextTokenizer.maximumWordLength)")
            }
            return Int(n)
        }
    }
}
