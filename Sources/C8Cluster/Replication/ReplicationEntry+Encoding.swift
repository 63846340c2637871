import C8Core
import C8Engine

/// The stored form of a region's own changes (its replication log), so the
/// log outlives the process and a restart sends on what had not arrived:
/// a 4-byte little-endian header length, the header (origin, sequence,
/// dependencies, commit time) in BinaryJSON, then the operation in
/// BinaryJSON — apart, so the operation (the document) is encoded before
/// the federation's lock numbers it.
extension ReplicationEntry {
    /// The operation's stored form.
    static func encodedOperation(_ operation: Operation) -> [UInt8] {
        BinaryJSON.encode(encode(operation))
    }

    /// The stored entry around an operation encoded by ``encodedOperation(_:)``.
    func encoded(operation bytes: [UInt8]) -> [UInt8] {
        let header = BinaryJSON.encode([
            "origin": .int(Int64(origin)), "sequence": .int(Int64(bitPattern: sequence)),
            "dependencies": .array(dependencies.counts.map { .int(Int64(bitPattern: $0)) }),
            "committed": .int(Int64(bitPattern: committedMicros)),
        ])
        var stored: [UInt8] = []
        stored.reserveCapacity(4 + header.count + bytes.count)
        var length = UInt32(header.count).littleEndian
        withUnsafeBytes(of: &length) { stored.append(contentsOf: $0) }
        stored.append(contentsOf: header)
        stored.append(contentsOf: bytes)
        return stored
    }

    static func decode(_ bytes: [UInt8]) throws(C8Error) -> ReplicationEntry {
        guard bytes.count >= 4 else { throw C8Error(.internalError, "a replication log entry is damaged") }
        let headerLength = Int(UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24)
        guard bytes.count >= 4 + headerLength else { throw C8Error(.internalError, "a replication log entry is damaged") }
        let header: JSON
        let operationJSON: JSON
        do {
            header = try BinaryJSON.decode(Array(bytes[4..<(4 + headerLength)]))
            operationJSON = bytes.count > 4 + headerLength ? try BinaryJSON.decode(Array(bytes[(4 + headerLength)...])) : .null
        } catch {
            throw C8Error(error)
        }
        guard let origin = header["origin"].intValue, let sequence = header["sequence"].intValue,
              let counts = header["dependencies"].arrayValue?.compactMap(\.intValue),
              let committed = header["committed"].intValue else {
            throw C8Error(.internalError, "a replication log entry is damaged")
        }
        var dependencies = VectorClock(regions: counts.count)
        for (index, count) in counts.enumerated() { dependencies[index] = UInt64(bitPattern: count) }
        let operation = operationJSON.isNull ? nil : try decodeOperation(operationJSON)
        return ReplicationEntry(
            origin: Int(origin), sequence: UInt64(bitPattern: sequence), dependencies: dependencies, operation: operation,
            committedMicros: UInt64(bitPattern: committed))
    }

    private static func encode(_ operation: Operation) -> JSON {
        switch operation {
        case .document(let change):
            return [
                "document": [
                    "tenant": .string(change.tenant), "fabric": .string(change.fabric), "collection": .string(change.collection),
                    "kind": .string(change.kind.rawValue), "key": .string(change.key), "body": change.document,
                    "revision": .int(Int64(bitPattern: change.revision.rawValue)),
                ],
            ]
        case .catalog(let change):
            var object: JSONObject = ["tenant": .string(change.tenant), "isLocal": .bool(change.isLocal)]
            if let fabric = change.fabric { object["fabric"] = .string(fabric) }
            for (name, value) in encode(change.kind) { object[name] = value }
            return ["catalog": .object(object)]
        case .stream(let change):
            return ["stream": .object(StreamChangeCoding.encode(change))]
        }
    }

    private static func encode(_ kind: CatalogChange.Kind) -> [(String, JSON)] {
        switch kind {
        case .tenantCreated: return [("kind", "tenantCreated")]
        case .tenantDropped: return [("kind", "tenantDropped")]
        case .fabricCreated(let options): return [("kind", "fabricCreated"), ("options", options.json)]
        case .fabricDropped: return [("kind", "fabricDropped")]
        case .fabricOptionsChanged(let options): return [("kind", "fabricOptionsChanged"), ("options", options.json)]
        case .collectionCreated(let name, let options):
            return [("kind", "collectionCreated"), ("name", .string(name)), ("options", options.json)]
        case .collectionDropped(let name): return [("kind", "collectionDropped"), ("name", .string(name))]
        case .collectionRenamed(let from, let to):
            return [("kind", "collectionRenamed"), ("name", .string(from)), ("to", .string(to))]
        case .collectionPropertiesChanged(let name, let waitForSync, let hasStream, let cacheEnabled):
            return [("kind", "collectionPropertiesChanged"), ("name", .string(name)),
                    ("waitForSync", waitForSync.map(JSON.bool) ?? .null), ("hasStream", hasStream.map(JSON.bool) ?? .null),
                    ("cacheEnabled", cacheEnabled.map(JSON.bool) ?? .null)]
        case .collectionTruncated(let name): return [("kind", "collectionTruncated"), ("name", .string(name))]
        case .indexCreated(let collection, let request, let type):
            return [("kind", "indexCreated"), ("name", .string(collection)), ("request", request),
                    ("type", type.map { .string($0.rawValue) } ?? .null)]
        case .indexDropped(let collection, let name):
            return [("kind", "indexDropped"), ("name", .string(collection)), ("index", .string(name))]
        }
    }

    private static func decodeOperation(_ json: JSON) throws(C8Error) -> Operation {
        let document = json["document"]
        if !document.isNull {
            guard let tenant = document["tenant"].stringValue, let fabric = document["fabric"].stringValue,
                  let collection = document["collection"].stringValue, let key = document["key"].stringValue,
                  let kind = document["kind"].stringValue.flatMap(CollectionChange.Kind.init(rawValue:)),
                  let revision = document["revision"].intValue else {
                throw C8Error(.internalError, "a replicated document change is damaged")
            }
            return .document(CollectionChange(
                tenant: tenant, fabric: fabric, collection: collection, kind: kind, key: key, document: document["body"],
                revision: HybridTimestamp(rawValue: UInt64(bitPattern: revision))))
        }
        if !json["stream"].isNull { return .stream(try StreamChangeCoding.decode(json["stream"])) }
        let catalog = json["catalog"]
        guard let tenant = catalog["tenant"].stringValue, let kindName = catalog["kind"].stringValue else {
            throw C8Error(.internalError, "a replicated catalog change is damaged")
        }
        let name = catalog["name"].stringValue ?? ""
        let kind: CatalogChange.Kind
        switch kindName {
        case "tenantCreated": kind = .tenantCreated
        case "tenantDropped": kind = .tenantDropped
        case "fabricCreated": kind = .fabricCreated(FabricOptions(catalog: catalog["options"]))
        case "fabricDropped": kind = .fabricDropped
        case "fabricOptionsChanged": kind = .fabricOptionsChanged(FabricOptions(catalog: catalog["options"]))
        case "collectionCreated": kind = .collectionCreated(name: name, options: try CollectionOptions(json: catalog["options"]))
        case "collectionDropped": kind = .collectionDropped(name: name)
        case "collectionRenamed": kind = .collectionRenamed(from: name, to: catalog["to"].stringValue ?? "")
        case "collectionPropertiesChanged":
            kind = .collectionPropertiesChanged(
                name: name, waitForSync: catalog["waitForSync"].boolValue, hasStream: catalog["hasStream"].boolValue,
                cacheEnabled: catalog["cacheEnabled"].boolValue)
        case "collectionTruncated": kind = .collectionTruncated(name: name)
        case "indexCreated":
            kind = .indexCreated(collection: name, request: catalog["request"],
                                 type: catalog["type"].stringValue.flatMap(IndexType.init(rawValue:)))
        case "indexDropped": kind = .indexDropped(collection: name, name: catalog["index"].stringValue ?? "")
        default: throw C8Error(.internalError, "unknown replicated catalog change '\(kindName)'")
        }
        return .catalog(CatalogChange(tenant: tenant, fabric: catalog["fabric"].stringValue, kind: kind,
                                      isLocal: catalog["isLocal"].boolValue ?? false))
    }
}
