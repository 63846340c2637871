import Foundation

/// Where themes are looked for, most specific first.
///
/// 1. `$XDG_CONFIG_HOME/c8/themes` (or `~/.config/c8/themes`): the user's own
///    themes, which override shipped ones of the same name.
/// 2. The repository's `Themes/`, found by walking up from the executable:
///    development builds run from `.build/<config>/c8` and should see theme
///    edits without installing.
/// 3. `/usr/share/c8/themes`: an installed copy.
///
/// Everything is a parameter, so tests can point it at temporary directories.
public enum ThemeSearchPath {
    /// Where a system-wide installation puts its themes.
    public static let systemDirectory = "/usr/share/c8/themes"

    /// The file whose presence marks a directory as a repository `Themes/`.
    public static let repositoryMarker = "default.theme"

    /// The search path for a process with `environment` whose executable is
    /// at `executablePath`; duplicates (a repo that is also the user dir)
    /// appear once.
    public static func directories(environment: [String: String],
                                   executablePath: String?) -> [String] {
        let candidates = [
            userDirectory(environment: environment),
            executablePath.flatMap(repositoryDirectory(above:)),
            systemDirectory,
        ]
        var seen = Set<String>()
        return candidates.compactMap { $0 }.filter { seen.insert($0).inserted }
    }

    /// `$XDG_CONFIG_HOME/c8/themes`, else `$HOME/.config/c8/themes`. A relative
    /// `XDG_CONFIG_HOME` is ignored, as the XDG spec requires.
    public static func userDirectory(environment: [String: String]) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return config + "/c8/themes"
        }
        if let home = environment["HOME"], !home.isEmpty {
            return home + "/.config/c8/themes"
        }
        return nil
    }

    /// The nearest `Themes/` directory containing `default.theme` in a parent
    /// of the executable (symlinks resolved, so `~/bin/c8 -> repo/.build/...`
    /// works too).
    public static func repositoryDirectory(above executablePath: String) -> String? {
        var directory = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        while true {
            let themes = directory.appendingPathComponent("Themes")
            if FileManager.default.fileExists(atPath: themes.appendingPathComponent(repositoryMarker).path) {
                return themes.path
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { return nil }
            directory = parent
        }
    }
}
