import C8Core
import C8Storage

/// Where users, API keys, tenant profiles and the token secret live in a
/// region's storage: catalog entries (``KeySpace/catalog``) of kind `a`,
/// next to the tenants and fabrics they belong to, invisible to every
/// document and query API (a `_users` collection would need guarding on
/// each of them).
///
/// | key after `0x01 'a'`              | value                                  |
/// |-----------------------------------|----------------------------------------|
/// | `s`                               | the token signing secret (raw bytes)   |
/// | `t` tenant                        | ``TenantProfile`` (BinaryJSON)         |
/// | `u` tenant `0x00` user id         | ``UserAccount``                        |
/// | `k` tenant `0x00` key id          | ``APIKey``                             |
/// | `e` lower-cased email             | `{tenant, user}`: login by email       |
/// | `A` tenant                        | `{}`: the tenant has an `admin` key    |
/// | `h` SHA-256 of an API key         | no longer written: older versions' key |
///                                       lookup, removed on open               |
///
/// Tenant names never contain `0x00` (``Engine/createTenant(_:)``), so one
/// tenant's range never holds another's entries.
enum AccessCatalog {
    static let kind = UInt8(ascii: "a")

    static let serverSecretKey: [UInt8] = [KeySpace.catalog, kind, UInt8(ascii: "s")]

    static func tenantProfileKey(_ tenant: String) -> [UInt8] {
        key(UInt8(ascii: "t"), tenant)
    }

    static var tenantProfiles: KeyRange { KeyRange(prefix: [KeySpace.catalog, kind, UInt8(ascii: "t")]) }

    static func userKey(tenant: String, user: String) -> [UInt8] {
        key(UInt8(ascii: "u"), tenant + "\u{0}" + user)
    }

    static func users(of tenant: String) -> KeyRange {
        KeyRange(prefix: key(UInt8(ascii: "u"), tenant + "\u{0}"))
    }

    static func apiKeyKey(tenant: String, keyId: String) -> [UInt8] {
        key(UInt8(ascii: "k"), tenant + "\u{0}" + keyId)
    }

    static func apiKeys(of tenant: String) -> KeyRange {
        KeyRange(prefix: key(UInt8(ascii: "k"), tenant + "\u{0}"))
    }

    /// Emails are unique across tenants (`POST /_open/auth` with an email
    /// names no tenant), compared without case.
    static func emailKey(_ email: String) -> [UInt8] {
        key(UInt8(ascii: "e"), email.lowercased())
    }

    /// Tenants whose `admin` key (``TenantAccess/installAdminKey(secret:)``)
    /// has an operator-chosen secret, which names no key: the places to try
    /// a secret that does not have the generated shape.
    static func adminKeyTenantKey(_ tenant: String) -> [UInt8] {
        key(UInt8(ascii: "A"), tenant)
    }

    static var adminKeyTenants: KeyRange { KeyRange(prefix: [KeySpace.catalog, kind, UInt8(ascii: "A")]) }

    /// The unsalted digest index of older versions
    /// (``AccessControl/migrateLegacyAPIKeyDigests()`` removes it).
    static var legacyKeyDigests: KeyRange { KeyRange(prefix: [KeySpace.catalog, kind, UInt8(ascii: "h")]) }

    static var allAPIKeys: KeyRange { KeyRange(prefix: [KeySpace.catalog, kind, UInt8(ascii: "k")]) }

    private static func key(_ entry: UInt8, _ name: String) -> [UInt8] {
        var bytes: [UInt8] = [KeySpace.catalog, kind, entry]
        bytes.append(contentsOf: name.utf8)
        return bytes
    }
}
