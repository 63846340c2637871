import Synchronization

/// Which presented secrets were last found to match which stored hash, so
/// that a key's PBKDF2 is paid once per process rather than after every
/// account change (which empties the ``PrincipalCache``).
///
/// Entries are keyed by the SHA-256 of the presented secret (memory only,
/// never stored) and hold the exact ``SecretHash`` it matched: a key
/// regenerated or replaced since has another salt and hash, so its entry
/// no longer counts and the secret is checked again.
final class VerifiedSecrets: Sendable {
    let capacity: Int
    private let entries = Mutex<[[UInt8]: SecretHash]>([:])

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// Whether the secret whose SHA-256 is `prehash` matches `stored`,
    /// from memory when it matched that very hash before.
    func matches(prehash: [UInt8], _ stored: SecretHash) -> Bool {
        if entries.withLock({ $0[prehash] == stored }) { return true }
        guard stored.matches(secret: prehash) else { return false }
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[prehash] = stored
        }
        return true
    }
}
