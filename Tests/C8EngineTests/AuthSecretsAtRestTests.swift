import C8Core
import C8Crypto
@testable import C8Engine
import C8Storage
import XCTest

/// Secrets at rest (issue 10): passwords and API key secrets are stored
/// only as salted PBKDF2 hashes with their iteration count, entries of
/// older versions are upgraded, and nothing in storage gives a secret away.
final class AuthSecretsAtRestTests: XCTestCase {
    private static let password = "Sdk@123456##"

    private func limits(passwordIterations: Int = 1_000, keyIterations: Int = 500) -> EngineLimits {
        var limits = EngineLimits()
        limits.passwordHashIterations = passwordIterations
        limits.apiKeyHashIterations = keyIterations
        return limits
    }

    /// Every key and value in `storage`, for looking for secrets in them.
    private func everything(_ storage: any StorageEngine) -> [[UInt8]] {
        var all: [[UInt8]] = []
        let iterator = storage.makeIterator(KeyRange([], [UInt8](repeating: 0xFF, count: 16)), reverse: false)
        while iterator.next() {
            all.append(Array(iterator.key))
            all.append(Array(iterator.value))
        }
        return all
    }

    private func contains(_ haystack: [[UInt8]], _ needle: [UInt8]) -> Bool {
        haystack.contains { entry in
            entry.count >= needle.count && (0...(entry.count - needle.count)).contains { entry[$0..<($0 + needle.count)].elementsEqual(needle) }
        }
    }

    private func storedKeyJSON(_ engine: Engine, tenant: String = "c8", _ keyId: String) throws -> JSON {
        let bytes = try XCTUnwrap(try engine.accessControl.storage.get(AccessCatalog.apiKeyKey(tenant: tenant, keyId: keyId)))
        return try bytes.withUnsafeBufferPointer { try Catalog.decode($0) }
    }

    func testAPIKeysAndPasswordsAreStoredOnlyAsSaltedHashes() throws {
        let storage = MemoryEngine()
        let engine = try Engine(storage: storage, limits: limits())
        let access = try engine.tenantAccess("c8")
        let one = try access.createAPIKey("one")
        let two = try access.createAPIKey("two")
        try access.installAdminKey(secret: "operator.chosen-secret")
        try access.createUser(NewUser(email: "ann@example.com", password: Self.password, user: "ann"))

        for keyId in ["one", "two", "admin"] {
            let json = try storedKeyJSON(engine, keyId)
            XCTAssertTrue(json["secretDigest"].isNull, "\(keyId): no plain digest")
            XCTAssertEqual(json["secretHash"]["algorithm"], "pbkdf2-sha256")
            XCTAssertEqual(json["secretHash"]["iterations"].intValue, 500, "the count is stored with the hash")
            XCTAssertEqual(json["secretHash"]["salt"].stringValue?.count, 32, "16 bytes of salt, hex")
        }
        XCTAssertNotEqual(try storedKeyJSON(engine, "one")["secretHash"]["salt"], try storedKeyJSON(engine, "two")["secretHash"]["salt"],
                          "a salt per entry")
        let stored = everything(storage)
        for secret in [one.secret, two.secret, "operator.chosen-secret", Self.password] {
            XCTAssertFalse(contains(stored, Array(secret.utf8)), "the secret itself is not stored")
            XCTAssertFalse(contains(stored, Array(Hex.encode(Digest.sha256(secret.utf8)).utf8)), "nor its SHA-256 in hex")
            XCTAssertFalse(contains(stored, Digest.sha256(secret.utf8)), "nor its raw SHA-256")
        }
        XCTAssertFalse(contains(stored, [KeySpace.catalog, AccessCatalog.kind, UInt8(ascii: "h")]), "no digest index")

        let authenticator = Authenticator(engine: engine)
        XCTAssertEqual(try authenticator.principal(apiKey: one.secret).holder, .apiKey("one"))
        XCTAssertEqual(try authenticator.principal(apiKey: "operator.chosen-secret").holder, .apiKey("admin"),
                       "an operator-chosen secret with dots still finds the admin key")
        XCTAssertThrowsError(try authenticator.principal(apiKey: "c8.one.guess"))
        XCTAssertThrowsError(try authenticator.principal(apiKey: "c8.admin.guess"))
    }

    /// Entries of the previous format — the key's plain SHA-256, indexed by
    /// value — are rehashed when storage is opened, and keep working.
    func testLegacyKeyDigestsAreRehashedWhenOpened() throws {
        let storage = MemoryEngine()
        let secret: String
        do {
            let engine = try Engine(storage: storage, limits: limits())
            let access = try engine.tenantAccess("c8")
            secret = try access.createAPIKey("old").secret
            try access.installAdminKey(secret: "operator-key")
            // Turn both entries back into what the previous version wrote.
            var batch = WriteBatch()
            for (keyId, text) in [("old", secret), ("admin", "operator-key")] {
                guard case .object(var entry) = try storedKeyJSON(engine, keyId) else { return XCTFail("not an object") }
                let digest = Digest.sha256(text.utf8)
                entry["secretHash"] = nil
                entry["secretDigest"] = .string(Hex.encode(digest))
                batch.put(AccessCatalog.apiKeyKey(tenant: "c8", keyId: keyId), Catalog.encode(.object(entry)))
                batch.put([KeySpace.catalog, AccessCatalog.kind, UInt8(ascii: "h")] + digest,
                          Catalog.encode(AccountPointer(tenant: "c8", id: keyId).json))
            }
            batch.delete(AccessCatalog.adminKeyTenantKey("c8"))
            try storage.write(batch, sync: true)
        }
        let engine = try Engine(storage: storage, limits: limits())
        for keyId in ["old", "admin"] {
            let json = try storedKeyJSON(engine, keyId)
            XCTAssertTrue(json["secretDigest"].isNull, keyId)
            XCTAssertEqual(json["secretHash"]["iterations"].intValue, 500, keyId)
        }
        XCTAssertFalse(storage.makeIterator(AccessCatalog.legacyKeyDigests, reverse: false).next(), "the digest index is gone")
        let authenticator = Authenticator(engine: engine)
        XCTAssertEqual(try authenticator.principal(apiKey: secret).holder, .apiKey("old"))
        XCTAssertTrue(try authenticator.principal(apiKey: "operator-key").administersTenants)
        XCTAssertThrowsError(try authenticator.principal(apiKey: secret + "x"))
    }

    /// Raising the count applies to a stored password at its next login,
    /// without ending the sessions the same password opened.
    func testALoginRehashesAPasswordAtTheRaisedCount() throws {
        let storage = MemoryEngine()
        let token: String
        do {
            let engine = try Engine(storage: storage, limits: limits(passwordIterations: 1_000))
            try engine.tenantAccess("c8").createUser(NewUser(email: "ann@example.com", password: Self.password, user: "ann"))
            token = try Authenticator(engine: engine).login(email: "ann@example.com", password: Self.password).jwt
        }
        let engine = try Engine(storage: storage, limits: limits(passwordIterations: 2_000))
        let access = try engine.tenantAccess("c8")
        XCTAssertEqual(try access.storedUser("ann")?.password.iterations, 1_000)
        let authenticator = Authenticator(engine: engine)
        XCTAssertThrowsError(try authenticator.login(email: "ann@example.com", password: "wrong"))
        XCTAssertEqual(try access.storedUser("ann")?.password.iterations, 1_000, "a wrong password changes nothing")
        _ = try authenticator.login(email: "ann@example.com", password: Self.password)
        let rehashed = try XCTUnwrap(try access.storedUser("ann")?.password)
        XCTAssertEqual(rehashed.iterations, 2_000)
        XCTAssertTrue(rehashed.matches(Self.password))
        XCTAssertEqual(try authenticator.principal(token: token).user, "ann", "the old session stays good")
    }
}
