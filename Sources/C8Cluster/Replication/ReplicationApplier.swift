import C8Core
import C8Engine

/// Makes another region's change in this region's engine.
///
/// Catalog changes are applied idempotently: a region that already has
/// what the change creates, or lacks what it drops, is where the change
/// would leave it — two regions creating the same collection during a
/// partition end with one collection, the first definition each saw.
enum ReplicationApplier {
    enum Outcome: Equatable {
        case applied
        /// Last-writer-wins kept this region's newer version.
        case superseded
        /// The change could not be made here (the error says why); it is
        /// counted, and replication goes on.
        case failed(String)
    }

    /// Applies `operations` in order: one outcome each. Consecutive
    /// document changes of one collection go in one transaction (what
    /// ``Federation`` hands over at once).
    static func apply(_ operations: [ReplicationEntry.Operation], to engine: Engine, streams: StreamTarget? = nil) -> [Outcome] {
        let changes = operations.compactMap { operation -> CollectionChange? in
            if case .document(let change) = operation { return change }
            return nil
        }
        guard changes.count == operations.count, changes.count > 1, let first = changes.first else {
            return operations.map { apply($0, to: engine, streams: streams) }
        }
        do throws(C8Error) {
            let collection = try engine.tenant(first.tenant).fabric(first.fabric).collection(first.collection)
            return try collection.applyReplicated(changes).map { $0 == .applied ? .applied : .superseded }
        } catch {
            return Array(repeating: .failed(error.message), count: changes.count)
        }
    }

    static func apply(_ operation: ReplicationEntry.Operation, to engine: Engine, streams: StreamTarget? = nil) -> Outcome {
        do throws(C8Error) {
            switch operation {
            case .document(let change):
                let collection = try engine.tenant(change.tenant).fabric(change.fabric).collection(change.collection)
                return try collection.applyReplicated(change) == .applied ? .applied : .superseded
            case .catalog(let change):
                try ReplicationApply.run { () throws(C8Error) in try applyCatalog(change, to: engine) }
                return .applied
            case .stream(let change):
                guard let streams else { throw C8Error(.internalError, "no stream service to apply a stream change to") }
                try streams.apply(change)
                return .applied
            }
        } catch {
            return .failed(error.message)
        }
    }

    private static func applyCatalog(_ change: CatalogChange, to engine: Engine) throws(C8Error) {
        switch change.kind {
        case .tenantCreated:
            try ignoringExisting { () throws(C8Error) in _ = try engine.createTenant(change.tenant) }
        case .tenantDropped:
            try ignoringMissing { () throws(C8Error) in try engine.dropTenant(change.tenant) }
        case .fabricCreated(let options):
            let tenant = try engine.tenant(change.tenant)
            try ignoringExisting { () throws(C8Error) in _ = try tenant.createFabric(try fabricName(change), options: options) }
        case .fabricDropped:
            let tenant = try engine.tenant(change.tenant)
            try ignoringMissing { () throws(C8Error) in try tenant.dropFabric(try fabricName(change)) }
        case .fabricOptionsChanged(let options):
            try fabric(change, in: engine).changeOptions { $0 = options }
        case .collectionCreated(let name, let options):
            let fabric = try fabric(change, in: engine)
            try ignoringExisting { () throws(C8Error) in _ = try fabric.createCollection(name, options: options) }
        case .collectionDropped(let name):
            let fabric = try fabric(change, in: engine)
            try ignoringMissing { () throws(C8Error) in try fabric.dropCollection(name, isSystem: true) }
        case .collectionRenamed(let from, let to):
            try fabric(change, in: engine).renameCollection(from, to: to)
        case .collectionPropertiesChanged(let name, let waitForSync, let hasStream, let cacheEnabled):
            try fabric(change, in: engine).collection(name)
                .setProperties(waitForSync: waitForSync, hasStream: hasStream, cacheEnabled: cacheEnabled)
        case .collectionTruncated(let name):
            try fabric(change, in: engine).collection(name).truncate()
        case .indexCreated(let collection, let request, let type):
            _ = try fabric(change, in: engine).collection(collection).createIndex(request, type: type)
        case .indexDropped(let collection, let name):
            try ignoringMissing { () throws(C8Error) in try fabric(change, in: engine).collection(collection).dropIndex(name) }
        }
    }

    private static func fabricName(_ change: CatalogChange) throws(C8Error) -> String {
        guard let name = change.fabric else { throw C8Error(.internalError, "a fabric change without a fabric") }
        return name
    }

    private static func fabric(_ change: CatalogChange, in engine: Engine) throws(C8Error) -> Fabric {
        try engine.tenant(change.tenant).fabric(try fabricName(change))
    }

    private static func ignoringExisting(_ body: () throws(C8Error) -> Void) throws(C8Error) {
        do throws(C8Error) { try body() } catch where error.errorNum == ErrorCode.duplicateName.rawValue {}
    }

    private static func ignoringMissing(_ body: () throws(C8Error) -> Void) throws(C8Error) {
        do throws(C8Error) {
            try body()
        } catch where [ErrorCode.collectionNotFound, .databaseNotFound, .httpNotFound, .indexNotFound]
            .map(\.rawValue).contains(error.errorNum) {}
    }
}
