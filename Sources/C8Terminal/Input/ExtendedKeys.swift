import C8Console

/// Modified cursor keys (ctrl+left, shift+end, alt+up, ...), which terminfo
/// lists only under extended names such as `kLFT5`.
///
/// ncurses gives each such name a key code when the terminal is set up, so
/// the codes are found at run time; which name means which key is fixed and
/// lives here.
enum ExtendedKeys {
    /// The key each extended name's stem stands for.
    static let stems: [(stem: String, key: KeyEvent.Key)] = [
        ("kUP", .up), ("kDN", .down), ("kLFT", .left), ("kRIT", .right),
        ("kHOM", .home), ("kEND", .end), ("kPRV", .pageUp), ("kNXT", .pageDown),
        ("kDC", .delete), ("kIC", .insert),
    ]

    /// xterm's modifier parameter (the 5 in `kLFT5`, `ESC[1;5D`) is 1 plus a
    /// bit mask: 1 shift, 2 alt, 4 ctrl.
    static func modifiers(parameter: Int) -> KeyEvent.Modifiers {
        let bits = parameter - 1
        var result: KeyEvent.Modifiers = []
        if bits & 1 != 0 { result.insert(.shift) }
        if bits & 2 != 0 { result.insert(.alt) }
        if bits & 4 != 0 { result.insert(.control) }
        return result
    }

    /// Every extended name with the key it means (`kLFT5` → ctrl+left).
    static let names: [(name: String, key: KeyEvent)] = stems.flatMap { stem, key in
        (2...8).map { parameter in (stem + String(parameter), KeyEvent(key, modifiers(parameter: parameter))) }
    }

    /// The key-code table for the running terminal.
    ///
    /// - Parameter codeFor: the key code ncurses assigned to a name, or nil
    ///   when the terminal does not define it.
    static func table(codeFor: (String) -> Int32?) -> [Int32: KeyEvent] {
        var table: [Int32: KeyEvent] = [:]
        for (name, key) in names {
            if let code = codeFor(name), table[code] == nil { table[code] = key }
        }
        return table
    }
}
