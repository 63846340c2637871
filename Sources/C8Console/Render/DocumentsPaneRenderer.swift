import C8Core

/// The Documents pane: the paged list (key + preview), one document's JSON,
/// the inline editor, or the indexes of a collection.
enum DocumentsPaneRenderer {
    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ layout: Layout) {
        let theme = state.theme
        let documents = state.documents
        let rect = layout.documents
        let focused = state.focus == .documents
        var title = "Documents"
        if let collection = documents.collection {
            switch documents.mode {
            case .list:
                title = "Documents: \(collection)"
                if let total = documents.total { title += " (\(total))" }
            case .view(let view):
                title = "\(collection)/\(view.value["_key"].stringValue ?? "")"
            case .edit(_, let key, _):
                title = key.map { "Edit \(collection)/\($0)" } ?? "New document in \(collection)"
            case .indexes:
                title = "Indexes: \(collection)"
            }
        }
        if state.filterEditing == .documents || !documents.filter.isEmpty {
            title += " /\(documents.filter)\(state.filterEditing == .documents ? "▏" : "")"
            if let scope = documents.filterScope { title += " — \(scope)" }
        }
        ChromeRenderer.frame(&buffer, rect, title: title, focused: focused, theme: theme)
        let inside = rect.inset(by: 1)
        buffer.fill(inside, style: theme.style(for: .text))
        guard documents.collection != nil else {
            buffer.write("Select a collection and press enter.", x: inside.x + 1, y: inside.y, style: theme.style(for: .textMuted), maxWidth: inside.width - 1)
            return
        }
        switch documents.mode {
        case .list:
            drawList(&buffer, state, inside, focused: focused)
        case .view(var view):
            view.layout(in: inside)
            view.render(into: &buffer, in: inside, theme: theme, focused: focused)
        case .edit(var editor, _, _):
            editor.layout(in: inside)
            editor.render(into: &buffer, in: inside, theme: theme, focused: focused)
        case .indexes(let indexes, let cursor):
            drawIndexes(&buffer, indexes, cursor, inside, theme: theme, focused: focused)
        }
    }

    /// `_key` column and a one-line preview of the rest of each document.
    static func drawList(_ buffer: inout ScreenBuffer, _ state: AppState, _ rect: Rect, focused: Bool) {
        let theme = state.theme
        let documents = state.documents
        let rows = documents.visibleRows
        let keyWidth = min(28, max(6, rows.prefix(200).map { CharacterWidth.of($0["_key"].stringValue ?? "") }.max() ?? 4) + 1)
        let (header, body) = rect.splitTop(1)
        buffer.fill(header, style: theme.style(for: .listHeader))
        buffer.write(" _key", x: header.x, y: header.y, style: theme.style(for: .listHeader), maxWidth: keyWidth)
        buffer.write(" content", x: header.x + keyWidth + 1, y: header.y, style: theme.style(for: .listHeader), maxWidth: header.width - keyWidth - 1)
        if rows.isEmpty {
            if let error = documents.loadError, !documents.loading {
                buffer.write(error, x: body.x + 1, y: body.y, style: theme.style(for: .error), maxWidth: body.width - 1)
                return
            }
            let note = documents.loading ? "loading…" : documents.rows.isEmpty ? "no documents — n creates one" : "no match for “\(documents.filter)”"
            buffer.write(note, x: body.x + 1, y: body.y, style: theme.style(for: .textMuted), maxWidth: body.width - 1)
            return
        }
        let top = documents.cursor.firstVisible(rows: body.height, count: rows.count)
        for line in 0..<body.height {
            let index = top + line
            guard index < rows.count else { break }
            let document = rows[index]
            let y = body.y + line
            let selected = index == documents.cursor.selected
            let style = theme.style(for: selected ? (focused ? .listSelected : .listSelectedUnfocused) : .text)
            if selected { buffer.fill(Rect(x: body.x, y: y, width: body.width, height: 1), style: style) }
            buffer.write(" " + (document["_key"].stringValue ?? ""), x: body.x, y: y, style: style, maxWidth: keyWidth)
            let preview = Self.preview(document)
            buffer.write(preview, x: body.x + keyWidth + 1, y: y, style: selected ? style : theme.style(for: .textMuted),
                         maxWidth: body.width - keyWidth - 1, skipColumns: documents.horizontalOffset)
        }
        if let more = moreNote(documents, top: top, rows: body.height) {
            buffer.write(more, x: rect.maxX - CharacterWidth.of(more), y: rect.maxY, style: theme.style(for: .textMuted))
        }
    }

    /// The border's note: which way there are rows off screen — drawn but
    /// scrolled away, or not loaded yet. A filter's matches are all loaded
    /// (the title says of what), so only its scrolling counts.
    static func moreNote(_ documents: DocumentsState, top: Int, rows: Int) -> String? {
        if documents.loading && !documents.isComplete { return " loading… " }
        let unfiltered = documents.filter.isEmpty
        let above = top > 0 || (unfiltered && documents.hasMoreBefore)
        let below = top + rows < documents.visibleRows.count || (unfiltered && documents.hasMoreAfter)
        switch (above, below) {
        case (true, true): return " ↑ more ↓ "
        case (true, false): return " ↑ more "
        case (false, true): return " more ↓ "
        case (false, false): return nil
        }
    }

    /// The document without its system attributes, as one line of JSON.
    static func preview(_ document: JSON) -> String {
        guard case .object(let object) = document else { return document.jsonString() }
        let members = object.members.filter { !["_key", "_id", "_rev"].contains($0.key) }
        return JSON.object(JSONObject(uniqueMembers: members)).jsonString()
    }

    static func drawIndexes(_ buffer: inout ScreenBuffer, _ indexes: [JSON], _ cursor: SelectionCursor, _ rect: Rect, theme: Theme, focused: Bool) {
        let (header, body) = rect.splitTop(1)
        buffer.fill(header, style: theme.style(for: .listHeader))
        buffer.write(" name                 type         fields", x: header.x, y: header.y, style: theme.style(for: .listHeader), maxWidth: header.width)
        let top = cursor.firstVisible(rows: body.height, count: indexes.count)
        for line in 0..<body.height {
            let index = top + line
            guard index < indexes.count else { break }
            let definition = indexes[index]
            let selected = index == cursor.selected
            let style = theme.style(for: selected ? (focused ? .listSelected : .listSelectedUnfocused) : .text)
            let y = body.y + line
            if selected { buffer.fill(Rect(x: body.x, y: y, width: body.width, height: 1), style: style) }
            let name = definition["name"].stringValue ?? ""
            let type = definition["type"].stringValue ?? ""
            var flags: [String] = []
            if definition["unique"] == true { flags.append("unique") }
            if definition["sparse"] == true { flags.append("sparse") }
            let fields = (definition["fields"].arrayValue ?? []).compactMap(\.stringValue).joined(separator: ", ")
            let text = " " + name.padding(toLength: 20, withPad: " ", startingAt: 0) + " " + type.padding(toLength: 12, withPad: " ", startingAt: 0)
                + " " + fields + (flags.isEmpty ? "" : "  (\(flags.joined(separator: ", ")))")
            buffer.write(text, x: body.x, y: y, style: style, maxWidth: body.width)
        }
    }
}

import Foundation
