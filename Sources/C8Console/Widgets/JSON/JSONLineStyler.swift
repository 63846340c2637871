import C8Core

/// Turns a `JSONLine` into coloured runs: indent, `"key": `, the value in
/// its role's colour, and the comma. A folded container reads
/// `{…} 12 keys` / `[…] 3 items`, its count muted.
struct JSONLineStyler {
    let theme: Theme
    /// Strings longer than this many characters are cut with `…`, bounding
    /// the work per frame for huge values.
    let maxStringCharacters: Int

    func runs(for line: JSONLine, folded: Bool, closingComma: Bool) -> [StyledRun] {
        let punctuation = theme.style(for: .jsonPunctuation)
        var runs: [StyledRun] = []
        if line.depth > 0 { runs.append(StyledRun(String(repeating: "  ", count: line.depth), theme.style(for: .text))) }
        if let key = line.key {
            runs.append(StyledRun(JSON.string(key).jsonString(), theme.style(for: .jsonKey)))
            runs.append(StyledRun(": ", punctuation))
        }
        var comma = line.hasComma
        switch line.kind {
        case .scalar(let value):
            runs.append(StyledRun(scalarText(value), theme.style(for: Self.role(of: value))))
        case .open(let value, _):
            let isArray = value.arrayValue != nil
            if folded {
                runs.append(StyledRun(isArray ? "[…]" : "{…}", punctuation))
                runs.append(StyledRun(" " + Self.summary(of: value), theme.style(for: .textMuted)))
                comma = closingComma
            } else {
                runs.append(StyledRun(isArray ? "[" : "{", punctuation))
            }
        case .close(_, let isArray):
            runs.append(StyledRun(isArray ? "]" : "}", punctuation))
        }
        if comma { runs.append(StyledRun(",", punctuation)) }
        return runs
    }

    /// `12 keys`, `1 item`: what a folded container holds.
    static func summary(of value: JSON) -> String {
        switch value {
        case .array(let a): a.count == 1 ? "1 item" : "\(a.count) items"
        case .object(let o): o.count == 1 ? "1 key" : "\(o.count) keys"
        default: ""
        }
    }

    static func role(of value: JSON) -> ThemeRole {
        switch value {
        case .null: .jsonNull
        case .bool: .jsonBool
        case .int, .double: .jsonNumber
        case .string: .jsonString
        case .array, .object: .jsonPunctuation
        }
    }

    private func scalarText(_ value: JSON) -> String {
        guard case .string(let s) = value, s.count > maxStringCharacters else { return value.jsonString() }
        let cut = JSON.string(String(s.prefix(maxStringCharacters))).jsonString()
        return String(cut.dropLast()) + "…\""
    }
}
