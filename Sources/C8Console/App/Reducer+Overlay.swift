import C8Client
import C8Core

extension Reducer {
    static func handleOverlayKey(_ state: inout AppState, _ key: KeyEvent) -> [Effect] {
        guard let overlay = state.overlay else { return [] }
        switch overlay {
        case .publish(let form):
            return handlePublishKey(&state, form, key)
        case .help(let scroll):
            if [KeyEvent(.escape), .char("?"), .char("q")].contains(key) {
                state.overlay = nil
                return []
            }
            // Kept within the pages there are, so that moving back up
            // moves at once after overshooting the end.
            let page = HelpPage(state)
            let half = max(1, page.visibleRows / 2)
            let target: Int? = switch key {
            case KeyEvent(.down), .char("j"): scroll + 1
            case KeyEvent(.up), .char("k"): scroll - 1
            case KeyEvent(.pageDown), .ctrl("d"): scroll + half
            case KeyEvent(.pageUp), .ctrl("u"): scroll - half
            case KeyEvent(.home), .char("g"): 0
            case KeyEvent(.end), .char("G"): page.lastScroll
            default: nil
            }
            if let target { state.overlay = .help(scroll: min(max(0, target), page.lastScroll)) }
            return []
        case .commandLine(var line):
            switch key.key {
            case .escape:
                state.overlay = nil
            case .enter:
                state.overlay = nil
                let text = line.completionIndex.map { line.completions[$0] } ?? line.text
                return runCommand(&state, text)
            case .tab, .backTab:
                if line.completions.isEmpty {
                    line.completions = CommandLine.completions(for: line.text, state: state)
                    line.completionIndex = line.completions.isEmpty ? nil : 0
                } else {
                    let n = line.completions.count
                    line.completionIndex = ((line.completionIndex ?? -1) + (key.key == .tab ? 1 : n - 1)) % n
                }
                if let i = line.completionIndex, line.completions.count == 1 {
                    line.text = line.completions[i]
                    line.completions = []
                    line.completionIndex = nil
                }
                state.overlay = .commandLine(line)
            case .backspace:
                if line.text.isEmpty { state.overlay = nil; return [] }
                line.text.removeLast()
                line.completions = []
                line.completionIndex = nil
                state.overlay = .commandLine(line)
            case .character(let c) where key.modifiers.isEmpty || key.modifiers == .shift:
                if let i = line.completionIndex { line.text = line.completions[i] }
                line.text.append(c)
                line.completions = []
                line.completionIndex = nil
                state.overlay = .commandLine(line)
            default:
                break
            }
            return []
        case .confirm(var confirmation):
            if let required = confirmation.requiredText {
                switch key.key {
                case .escape: state.overlay = nil
                case .enter:
                    guard confirmation.typed == required else {
                        state.message = .error("type \(required) exactly to confirm")
                        return []
                    }
                    state.overlay = nil
                    state.pending += 1
                    return [confirmation.effect]
                case .backspace:
                    if !confirmation.typed.isEmpty { confirmation.typed.removeLast() }
                    state.overlay = .confirm(confirmation)
                case .character(let c): confirmation.typed.append(c); state.overlay = .confirm(confirmation)
                default: break
                }
                return []
            }
            switch key.key {
            case .character("y"), .character("Y"):
                state.overlay = nil
                state.pending += 1
                return [confirmation.effect]
            case .character("n"), .character("N"), .escape:
                state.overlay = nil
                state.message = .info("cancelled")
            default:
                break
            }
            return []
        case .prompt(var prompt):
            switch key.key {
            case .escape: state.overlay = nil
            case .enter:
                state.overlay = nil
                return submit(&state, prompt)
            case .backspace:
                if !prompt.text.isEmpty { prompt.text.removeLast() }
                state.overlay = .prompt(prompt)
            case .character(let c) where key.modifiers.isEmpty || key.modifiers == .shift:
                prompt.text.append(c)
                state.overlay = .prompt(prompt)
            default:
                break
            }
            return []
        case .savedQueries(let queries, var cursor):
            if let move = SelectionMove(key) {
                cursor.apply(move, count: queries.count, visible: max(1, state.size.height - 8))
                state.overlay = .savedQueries(queries, cursor)
                return []
            }
            switch key.key {
            case .escape: state.overlay = nil
            case .enter:
                // Open: the query's text goes to the editor (Reducer+Query).
                guard queries.indices.contains(cursor.selected) else { return [] }
                openSavedQuery(&state, queries[cursor.selected])
            case .character("r"):
                guard queries.indices.contains(cursor.selected), let name = queries[cursor.selected]["name"].stringValue else { return [] }
                return runSavedQuery(&state, name: name)
            default:
                break
            }
            return []
        }
    }

    /// What a prompt's text asks for.
    static func submit(_ state: inout AppState, _ prompt: Prompt) -> [Effect] {
        let words = prompt.text.split(separator: " ").map(String.init)
        guard let name = words.first else { return [] }
        switch prompt.purpose {
        case .createFabric:
            state.pending += 1
            return [.createFabric(name)]
        case .createCollection:
            var options = JSONObject()
            for word in words.dropFirst() {
                switch word.lowercased() {
                case "edge": options["type"] = 3
                case "kv": options["collectionModel"] = "KV"
                case "document": options["type"] = 2
                case "waitforsync": options["waitForSync"] = true
                case "spot": options["isSpot"] = true
                case "local": options["isLocal"] = true
                default:
                    if word.lowercased().hasPrefix("keys=") {
                        options["keyOptions"] = ["type": .string(String(word.dropFirst(5)))]
                    } else if word.lowercased().hasPrefix("shardkeys=") {
                        options["shardKeys"] = .array(word.dropFirst(10).split(separator: ",").map { .string(String($0)) })
                    } else {
                        state.message = .error("unknown collection option \(word): use document, edge, kv, waitForSync, spot, local, keys=TYPE, shardKeys=a,b")
                        return []
                    }
                }
            }
            state.pending += 1
            return [.createCollection(name: name, options: .object(options), fabric: state.fabric)]
        case .createIndex(let collection):
            guard words.count >= 2 else {
                state.message = .error("give a type and fields: persistent name,email [unique]")
                return []
            }
            var definition = JSONObject()
            definition["type"] = .string(words[0])
            definition["fields"] = .array(words[1].split(separator: ",").map { .string(String($0)) })
            for word in words.dropFirst(2) {
                if word == "unique" { definition["unique"] = true } else if word == "sparse" { definition["sparse"] = true } else if word.hasPrefix("expireAfter="), let n = Double(word.dropFirst(12)) {
                    definition["expireAfter"] = .double(n)
                } else {
                    state.message = .error("unknown index option \(word)")
                    return []
                }
            }
            state.pending += 1
            return [.createIndex(collection: collection, definition: .object(definition), fabric: state.fabric)]
        case .saveQuery:
            let parameters = bindVariables(&state) ?? [:]
            state.pending += 1
            return [.saveQuery(name: name, text: state.query.editor.text, parameters: parameters, fabric: state.fabric)]
        }
    }
}
