import C8Core

/// The naming rules of C8-API.md §1.0.
public enum Names {
    public static let maximumLength = 64

    /// Fabric names: a letter, then letters, digits, `_` or `-`, at most 64
    /// bytes; `_system` is the one name allowed to start with `_`.
    public static func validateFabric(_ name: String) throws(C8Error) {
        if name == "_system" { return }
        guard isValid(name, allowSystem: false) else {
            throw C8Error(.databaseNameInvalid, detail: "'\(name)': use a letter, then letters, digits, _ or -, at most \(maximumLength) characters")
        }
    }

    /// Collection names: the same, and `_`-prefixed names only for system
    /// collections.
    public static func validateCollection(_ name: String, isSystem: Bool = false) throws(C8Error) {
        guard isValid(name, allowSystem: isSystem) else {
            let hint = name.hasPrefix("_") && !isSystem
                ? "names starting with _ are reserved for system collections"
                : "use a letter, then letters, digits, _ or -, at most \(maximumLength) characters"
            throw C8Error(.illegalName, detail: "'\(name)': \(hint)")
        }
    }

    private static func isValid(_ name: String, allowSystem: Bool) -> Bool {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= maximumLength else { return false }
        let first = bytes[0]
        let startsWithLetter = (first >= 0x41 && first <= 0x5A) || (first >= 0x61 && first <= 0x7A)
        guard startsWithLetter || (allowSystem && first == UInt8(ascii: "_") && bytes.count > 1) else { return false }
        for b in bytes.dropFirst() {
            let ok = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
                || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
            if !ok { return false }
        }
        return true
    }
}
