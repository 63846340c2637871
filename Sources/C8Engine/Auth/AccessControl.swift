import C8Core
import C8Storage
import Synchronization

/// The users, API keys and tenant profiles of one region's engine, and the
/// secret its session tokens are signed with.
///
/// Reads go straight to storage (point reads; nothing to invalidate when a
/// grant changes). Changes take one lock, because some invariants span
/// tenants: an email logs in without naming its tenant, so emails are
/// unique engine-wide, and so are API key digests.
///
/// Reach a tenant's part through ``Engine/tenantAccess(_:)``.
public final class AccessControl: Sendable {
    let storage: any StorageEngine
    let passwordHashIterations: Int
    /// PBKDF2 iterations for new API key secrets (``EngineLimits/apiKeyHashIterations``).
    let apiKeyHashIterations: Int
    /// The HMAC key of session tokens (``ServerSecret``).
    let tokenSecret: [UInt8]
    private let writeLock = Mutex(())
    private let changes = Atomic<UInt64>(0)

    init(storage: any StorageEngine, passwordHashIterations: Int, apiKeyHashIterations: Int = 10_000) throws(C8Error) {
        self.storage = storage
        self.passwordHashIterations = passwordHashIterations
        self.apiKeyHashIterations = apiKeyHashIterations
        tokenSecret = try ServerSecret.loadOrCreate(storage)
        try migrateLegacyAPIKeyDigests()
    }

    /// Rehashes API keys stored by older versions — a plain SHA-256 digest,
    /// indexed by value — into salted PBKDF2 hashes (``APIKeySecret``), and
    /// drops the digest index, in one synced batch. Nothing to do the next
    /// time.
    func migrateLegacyAPIKeyDigests() throws(C8Error) {
        var batch = WriteBatch()
        var found = false
        let keys = storage.makeIterator(AccessCatalog.allAPIKeys, reverse: false)
        while keys.next() {
            let json = try Catalog.decode(keys.value)
            guard let digest = APIKey.legacyDigest(json), case .object(var entry) = json else { continue }
            entry["secretDigest"] = nil
            entry["secretHash"] = SecretHash(secret: digest, iterations: apiKeyHashIterations).json
            let storageKey = Array(keys.key)
            batch.put(storageKey, Catalog.encode(.object(entry)))
            // `k` tenant 0x00 keyid: an old admin key gets the marker new
            // ones have, so an operator-chosen secret still finds it.
            let name = storageKey.dropFirst(3)
            if let zero = name.firstIndex(of: 0), String(decoding: name[(zero + 1)...], as: UTF8.self) == TenantAccess.adminKeyId {
                batch.put(AccessCatalog.adminKeyTenantKey(String(decoding: name[..<zero], as: UTF8.self)), Catalog.encode(JSON.object([:])))
            }
            found = true
        }
        let index = storage.makeIterator(AccessCatalog.legacyKeyDigests, reverse: false)
        if index.next() { found = true }
        guard found else { return }
        batch.deleteRange(AccessCatalog.legacyKeyDigests)
        try storage.write(batch, sync: true)
    }

    /// Counts the changes made so far. Read it before reading accounts:
    /// it moves on only after a change is stored, so whatever is derived
    /// from reads made under one value is stale once it differs.
    var generation: UInt64 { changes.load(ordering: .acquiring) }

    /// Runs `body` as the only change in progress, then moves
    /// ``generation`` on (whether or not `body` completed: a failed change
    /// may have written part of its work).
    func serialized<T: Sendable>(_ body: () throws(C8Error) -> T) throws(C8Error) -> T {
        try writeLock.withLock { _ throws(C8Error) in
            defer { changes.wrappingAdd(1, ordering: .releasing) }
            return try body()
        }
    }

    /// The stored entry at `key`, decoded.
    func read<T>(_ key: [UInt8], _ decode: (JSON) throws(C8Error) -> T) throws(C8Error) -> T? {
        guard let bytes = try storage.get(key) else { return nil }
        let json = try bytes.withUnsafeBufferPointer { buffer throws(C8Error) in try Catalog.decode(buffer) }
        return try decode(json)
    }

    /// The tenants that have an `admin` key (``AccessCatalog/adminKeyTenants``).
    func adminKeyTenants() throws(C8Error) -> [String] {
        var tenants: [String] = []
        let iterator = storage.makeIterator(AccessCatalog.adminKeyTenants, reverse: false)
        while iterator.next() { tenants.append(String(decoding: iterator.key.dropFirst(3), as: UTF8.self)) }
        return tenants
    }

    /// Every stored entry in `range`, decoded, in key order.
    func readAll<T>(_ range: KeyRange, _ decode: (JSON) throws(C8Error) -> T) throws(C8Error) -> [T] {
        var result: [T] = []
        let iterator = storage.makeIterator(range, reverse: false)
        while iterator.next() { result.append(try decode(try Catalog.decode(iterator.value))) }
        return result
    }

    /// Forgets a dropped tenant's users, keys and profile, with the email
    /// entries that point at them and its admin-key marker, so that a tenant created
    /// later under the same name starts empty.
    func removeTenant(_ tenant: String) throws(C8Error) {
        try serialized { () throws(C8Error) in
            var batch = WriteBatch()
            for user in try readAll(AccessCatalog.users(of: tenant), UserAccount.init(json:)) {
                batch.delete(AccessCatalog.emailKey(user.email))
            }
            batch.delete(AccessCatalog.adminKeyTenantKey(tenant))
            batch.deleteRange(AccessCatalog.users(of: tenant))
            batch.deleteRange(AccessCatalog.apiKeys(of: tenant))
            batch.delete(AccessCatalog.tenantProfileKey(tenant))
            try storage.write(batch, sync: true)
        }
    }
}

extension Engine {
    /// The users, keys and grants of tenant `name`.
    /// - Throws: 1228 when there is no such tenant.
    public func tenantAccess(_ name: String) throws(C8Error) -> TenantAccess {
        do {
            _ = try tenant(name)
        } catch {
            throw C8Error(.databaseNotFound, "tenant not found: \(name)")
        }
        return TenantAccess(tenant: name, control: accessControl)
    }
}
