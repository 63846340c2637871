import Foundation

/// Finds, lists and loads themes from a list of directories.
///
/// The first directory holding `NAME.theme` wins, so a user's file shadows a
/// shipped one. The shipped themes are always available: when no directory
/// has one, its compiled-in copy is used (``ShippedThemes``), so a binary
/// installed without its theme files still starts and offers them all.
public struct ThemeCatalog: Sendable {
    /// The extension of theme files.
    public static let fileExtension = "theme"

    /// Where to look, most specific first.
    public let directories: [String]

    public init(directories: [String]) {
        self.directories = directories
    }

    /// The catalog for this process: see `ThemeSearchPath`.
    public static func standard(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executablePath: String? = Bundle.main.executablePath
    ) -> ThemeCatalog {
        ThemeCatalog(directories: ThemeSearchPath.directories(environment: environment,
                                                              executablePath: executablePath))
    }

    /// Every theme that `load(named:)` would find, by name, each from the
    /// location that wins.
    public func availableThemes() -> [ThemeListing] {
        var found: [String: ThemeListing] = [:]
        for directory in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files.sorted() where file.hasSuffix("." + Self.fileExtension) {
                let name = String(file.dropLast(Self.fileExtension.count + 1))
                guard ThemeParser.isValidName(name), found[name] == nil else { continue }
                found[name] = ThemeListing(name: name, source: .file(directory + "/" + file))
            }
        }
        for shipped in ShippedThemes.all where found[shipped.name] == nil {
            found[shipped.name] = ThemeListing(name: shipped.name, source: .builtin)
        }
        return found.values.sorted { $0.name < $1.name }
    }

    /// Loads a theme by name, following `inherits`.
    ///
    /// - Throws: `ThemeError` when the theme or a parent is missing, does not
    ///   parse, or the inheritance loops.
    public func load(named name: String) throws(ThemeError) -> Theme {
        Theme(resolving: try document(named: name, searchingFrom: 0, requestedBy: nil, chain: []))
    }

    /// Loads `name`, or the built-in default if that fails, returning the
    /// failure too so the console can start and still tell the user why.
    public func loadOrDefault(named name: String) -> (theme: Theme, error: ThemeError?) {
        do {
            return (try load(named: name), nil)
        } catch {
            return (BuiltinTheme.theme, error)
        }
    }

    // MARK: - Lookup

    /// Where a document came from: an index into `directories`, or
    /// `directories.count` for the built-in copy.
    private typealias Position = Int

    /// The document for `name` with its parents laid underneath.
    ///
    /// A theme inheriting its own name (a user's `default.theme` with
    /// `inherits = default`) means "the next one down the search path", so
    /// the search for a parent of the same name starts after the child.
    private func document(named name: String, searchingFrom start: Position,
                          requestedBy reference: (file: String, line: Int)?,
                          chain: [(name: String, position: Position)]) throws(ThemeError) -> ThemeDocument {
        guard ThemeParser.isValidName(name) else {
            throw ThemeError(file: reference?.file ?? name, line: reference?.line, problem: .badName(name))
        }
        let (document, position) = try locate(name, searchingFrom: start, requestedBy: reference)
        if chain.contains(where: { $0.name == name && $0.position == position }) {
            throw ThemeError(file: reference?.file ?? name, line: reference?.line,
                             problem: .inheritanceCycle(chain.map(\.name) + [name]))
        }
        guard let parent = document.inherits else { return document }
        let parentDocument = try self.document(
            named: parent.name,
            searchingFrom: parent.name == name ? position + 1 : 0,
            requestedBy: (document.file, parent.line),
            chain: chain + [(name, position)])
        return document.overlaying(parentDocument)
    }

    /// The first file named `name.theme` at or after `start`, parsed.
    private func locate(_ name: String, searchingFrom start: Position,
                        requestedBy reference: (file: String, line: Int)?) throws(ThemeError) -> (ThemeDocument, Position) {
        for position in directories.indices where position >= start {
            let path = directories[position] + "/" + name + "." + Self.fileExtension
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
                  !isDirectory.boolValue else { continue }
            return (try parseFile(at: path, expectedName: name), position)
        }
        if let text = ShippedThemes.text(named: name) {
            return (try ThemeParser.parseDocument(text, file: ShippedThemes.label(name)), directories.count)
        }
        let searched = Array(directories[min(start, directories.count)...])
        throw ThemeError(file: reference?.file ?? name + "." + Self.fileExtension, line: reference?.line,
                         problem: .notFound(name: name, searched: searched))
    }

    private func parseFile(at path: String, expectedName: String) throws(ThemeError) -> ThemeDocument {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ThemeError(file: path, line: nil, problem: .unreadable("permission denied or I/O error"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ThemeError(file: path, line: nil, problem: .unreadable("not UTF-8 text"))
        }
        let document = try ThemeParser.parseDocument(text, file: path)
        guard document.name == expectedName else {
            throw ThemeError(file: path, line: document.nameLine,
                             problem: .nameMismatch(name: document.name, fileName: expectedName + "." + Self.fileExtension))
        }
        return document
    }
}
