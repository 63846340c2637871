import C8Core

/// One line of a pretty-printed JSON document, laid out as
/// `jsonString(pretty: true)` lays it out: a scalar, an opening bracket or a
/// closing bracket per line, two spaces of indent per level.
struct JSONLine: Sendable {
    enum Kind: Sendable {
        /// A scalar or an empty container, complete on one line.
        case scalar(JSON)
        /// The opening line of a non-empty container; `close` is the index
        /// of its closing line, so a fold can skip straight past it.
        case open(JSON, close: Int)
        /// The closing line of the container opened at `open`.
        case close(open: Int, isArray: Bool)
    }

    var depth: Int
    /// The member name, when the line is an object member's first line.
    var key: String?
    var kind: Kind
    var hasComma: Bool

    var isOpen: Bool { if case .open = kind { true } else { false } }

    /// The whole document's lines, fully expanded. Computed once per
    /// document; folding only changes which of them are shown.
    static func flatten(_ value: JSON) -> [JSONLine] {
        var lines: [JSONLine] = []
        append(value, key: nil, depth: 0, comma: false, to: &lines)
        return lines
    }

    private static func append(_ value: JSON, key: String?, depth: Int, comma: Bool, to lines: inout [JSONLine]) {
        let children: [(key: String?, value: JSON)]
        let isArray: Bool
        switch value {
        case .array(let elements) where !elements.isEmpty:
            children = elements.map { (nil, $0) }
            isArray = true
        case .object(let object) where !object.isEmpty:
            children = object.members.map { ($0.key, $0.value) }
            isArray = false
        default:
            lines.append(JSONLine(depth: depth, key: key, kind: .scalar(value), hasComma: comma))
            return
        }
        let open = lines.count
        lines.append(JSONLine(depth: depth, key: key, kind: .open(value, close: open), hasComma: false))
        for (i, child) in children.enumerated() {
            append(child.value, key: child.key, depth: depth + 1, comma: i < children.count - 1, to: &lines)
        }
        lines[open].kind = .open(value, close: lines.count)
        lines.append(JSONLine(depth: depth, key: nil, kind: .close(open: open, isArray: isArray), hasComma: comma))
    }
}
