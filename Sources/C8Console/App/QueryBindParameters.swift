import C8Core

/// Which bind variables a query uses. The bind pane holds values for many
/// queries, and ArangoDB refuses a variable the query does not declare
/// (1552), so the console sends a query only the ones it references — as
/// pgcli-like users expect.
enum QueryBindParameters {
    /// The parameters `text` references, as the keys of the bind object:
    /// `@name` as `name`, `@@coll` as `@coll`. Read with the editor's
    /// highlighter, so an `@` in a string or a comment is no parameter.
    static func referenced(in text: String, highlighter: C8QLHighlighter = .standard) -> Set<String> {
        var names = Set<String>()
        var state = HighlightState.initial
        for line in text.editorLines {
            let highlight = highlighter.highlight(line, from: state)
            state = highlight.end
            let characters = Array(line)
            for span in highlight.spans where span.role == .queryBind {
                names.insert(String(characters[span.range].dropFirst()))
            }
        }
        return names
    }

    /// The members of `bind` that `text` references.
    static func used(by text: String, from bind: JSONObject) -> JSONObject {
        let names = referenced(in: text)
        return JSONObject(uniqueMembers: bind.members.filter { names.contains($0.key) })
    }
}
