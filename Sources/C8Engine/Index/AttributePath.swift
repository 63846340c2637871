import C8Core

/// An indexed attribute as users write it: `name`, `address.city`, or with
/// one array expansion, `tags[*]` / `friends[*].name`.
public struct AttributePath: Sendable, Hashable, CustomStringConvertible {
    /// Attribute names before the expansion (or all of them).
    public let head: [String]
    /// Whether `[*]` follows `head`.
    public let expands: Bool
    /// Attribute names read from each array element after `[*]`.
    public let tail: [String]

    public init(parsing text: String) throws(C8Error) {
        let parts = text.components(separatedBy: "[*]")
        guard parts.count <= 2, !text.isEmpty else {
            throw C8Error(.badParameter, "invalid index attribute '\(text)': at most one [*] expansion")
        }
        func names(_ s: String, allowEmpty: Bool) throws(C8Error) -> [String] {
            if s.isEmpty && allowEmpty { return [] }
            let trimmed = s.hasPrefix(".") ? String(s.dropFirst()) : s
            let names = trimmed.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !names.contains(where: \.isEmpty) else {
                throw C8Error(.badParameter, "invalid index attribute '\(text)'")
            }
            return names
        }
        head = try names(parts[0], allowEmpty: false)
        expands = parts.count == 2
        tail = expands ? try names(parts[1], allowEmpty: true) : []
        if head == ["_id"] { throw C8Error(.badParameter, "cannot index attribute _id") }
    }

    public var description: String {
        head.joined(separator: ".") + (expands ? "[*]" + tail.map { "." + $0 }.joined() : "")
    }

    /// The values this path yields for `document`: one value (null when
    /// missing) without expansion; each element's value with expansion, or
    /// nil when the expanded attribute is not an array (nothing to index).
    public func values(in document: JSON) -> [JSON]? {
        var value = document
        for name in head { value = value[name] }
        guard expands else { return [value] }
        guard case .array(let elements) = value else { return nil }
        return elements.map { element in
            var v = element
            for name in tail { v = v[name] }
            return v
        }
    }
}
