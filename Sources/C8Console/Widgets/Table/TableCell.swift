import C8Core

/// What a table cell shows for a row: compact JSON, strings without quotes,
/// blank when the row lacks the attribute.
enum TableCell {
    /// Cell text is cut to this many characters before measuring or
    /// drawing; a cell is never wider than a screen anyway.
    static let maxCharacters = 256

    static func value(of row: JSON, in source: TableColumn.Source) -> JSON? {
        switch source {
        case .attribute(let name):
            return row.objectValue?[name]
        case .value:
            return row.objectValue == nil ? row : nil
        }
    }

    static func text(for value: JSON?) -> String {
        guard let value else { return "" }
        if case .string(let s) = value {
            // A raw newline would be dropped when drawn: show it.
            let shown = TextColumns.capped(s, characters: maxCharacters)
            return String(shown.map { $0.isNewline ? "↵" : $0 })
        }
        return TextColumns.capped(value.jsonString(), characters: maxCharacters)
    }

    /// Numbers, booleans and null keep their JSON colours in the grid.
    static func role(for value: JSON?) -> ThemeRole {
        switch value {
        case .int?, .double?: .jsonNumber
        case .bool?: .jsonBool
        case .null?: .jsonNull
        default: .text
        }
    }
}
