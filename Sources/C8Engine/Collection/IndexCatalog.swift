import C8Core

/// Index definitions as the catalog stores them.
enum IndexCatalog {
    static func json(_ definition: IndexDefinition) -> JSON {
        var object = definition.json(collection: "").objectValue ?? JSONObject()
        object["objectId"] = .string(String(definition.objectId))
        object["localId"] = .int(Int64(definition.localId))
        return .object(object)
    }

    static func definition(_ json: JSON) throws(C8Error) -> IndexDefinition {
        guard let objectId = json["objectId"].stringValue.flatMap({ UInt64($0) }),
              let localId = json["localId"].intValue,
              let name = json["name"].stringValue,
              let type = json["type"].stringValue.flatMap(IndexType.init(rawValue:)) else {
            throw C8Error(.internalError, "corrupt index entry in the catalog")
        }
        var fields: [AttributePath] = []
        for field in json["fields"].arrayValue ?? [] {
            fields.append(try AttributePath(parsing: field.stringValue ?? ""))
        }
        return IndexDefinition(
            objectId: objectId, localId: Int(localId), name: name, type: type, fields: fields,
            unique: json["unique"].boolValue ?? false, sparse: json["sparse"].boolValue ?? false,
            deduplicate: json["deduplicate"].boolValue ?? true, expireAfter: json["expireAfter"].doubleValue,
            minLength: json["minLength"].intValue.map { Int($0) }, geoJson: json["geoJson"].boolValue ?? false)
    }
}
