import C8Core

/// What a new password must contain (C8-API.md §1.6: at least eight
/// characters with an upper-case and a lower-case letter, a digit and a
/// special character).
public enum PasswordPolicy {
    public static let minimumLength = 8

    /// - Throws: 1701 (400) naming what is missing.
    public static func validate(_ password: String) throws(C8Error) {
        var missing: [String] = []
        if password.count < minimumLength { missing.append("at least \(minimumLength) characters") }
        if !password.contains(where: \.isUppercase) { missing.append("an upper-case letter") }
        if !password.contains(where: \.isLowercase) { missing.append("a lower-case letter") }
        if !password.contains(where: \.isNumber) { missing.append("a digit") }
        if !password.contains(where: { !$0.isLetter && !$0.isNumber && !$0.isWhitespace }) {
            missing.append("a special character")
        }
        guard missing.isEmpty else {
            throw C8Error(.userInvalidPassword, detail: "the password needs " + missing.joined(separator: ", "))
        }
    }
}
