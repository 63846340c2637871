import C8Core

/// The rules for user names, emails and API key ids.
enum AccountNames {
    static let maximumLength = 254

    /// User names: 1–254 of letters, digits, `_ - . @`.
    /// - Throws: 1700 (400).
    static func validateUser(_ name: String) throws(C8Error) {
        guard !name.isEmpty, name.utf8.count <= maximumLength,
              name.utf8.allSatisfy({ isAlphanumeric($0) || "_-.@".utf8.contains($0) })
        else { throw C8Error(.userInvalidName, detail: "'\(name)': use letters, digits, _ - . or @") }
    }

    /// Emails: something, `@`, something with a dot, no spaces.
    /// - Throws: 1700 (400).
    static func validateEmail(_ email: String) throws(C8Error) {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.utf8.count <= maximumLength, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !email.contains(where: \.isWhitespace)
        else { throw C8Error(.userInvalidName, "invalid email address '\(email)'") }
    }

    /// API key ids: a letter, then letters and digits (GDN's rule and message).
    /// - Throws: 100020 (400).
    static func validateKeyId(_ keyId: String) throws(C8Error) {
        let bytes = Array(keyId.utf8)
        guard let first = bytes.first, isLetter(first), bytes.count <= 64, bytes.allSatisfy(isAlphanumeric) else {
            throw C8Error(.invalidAPIKeyIdentifier)
        }
    }

    private static func isLetter(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        isLetter(b) || (b >= 0x30 && b <= 0x39)
    }
}
