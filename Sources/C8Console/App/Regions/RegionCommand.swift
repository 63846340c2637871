import C8Client

/// The Regions `:` commands, parsed: `:partition R1 R2`, `:heal [R1 R2]`,
/// `:down R`, `:up R`, `:latency R1 R2 MS`, `:region [R]`. Only the shape
/// is checked here; whether a region exists is the connection's answer,
/// so embedded and remote say the same.
enum RegionCommand: Equatable {
    case simulate(SimulatorAction)
    case switchRegion(String)
    /// `:region` alone: say which region the console talks to.
    case showRegion

    /// The arguments of each command, for completion: how many region
    /// names lead, and whether another argument follows them.
    static let arguments: [String: (regions: Int, more: Bool)] = [
        "partition": (2, false), "heal": (2, false), "down": (1, false), "up": (1, false),
        "latency": (2, true), "region": (1, false),
    ]

    /// The command `name argument` stands for, a usage message when its
    /// arguments are wrong, or nil when it is not a region command.
    /// `:down` and `:up` without a region stay the `down`/`up` moves (every
    /// action's name is a command too).
    static func parse(_ name: String, _ argument: String?) -> Result<RegionCommand, Usage>? {
        let words = argument?.split(separator: " ").map(String.init) ?? []
        switch name {
        case "partition":
            guard words.count == 2 else { return .failure(Usage(":partition needs two regions: :partition us-east eu-west")) }
            return .success(.simulate(.partition(words[0], words[1])))
        case "heal":
            switch words.count {
            case 0: return .success(.simulate(.heal(nil)))
            case 2: return .success(.simulate(.heal((words[0], words[1]))))
            default: return .failure(Usage(":heal heals every link, :heal R1 R2 the link between two regions"))
            }
        case "down", "up":
            guard !words.isEmpty else { return nil }
            guard words.count == 1 else { return .failure(Usage(":\(name) takes one region: :\(name) eu-west")) }
            return .success(.simulate(name == "down" ? .regionDown(words[0]) : .regionUp(words[0])))
        case "latency":
            guard words.count == 3, let ms = Double(words[2]), ms.isFinite else {
                return .failure(Usage(":latency needs two regions and milliseconds: :latency us-east eu-west 150"))
            }
            return .success(.simulate(.latency(words[0], words[1], milliseconds: ms)))
        case "region":
            switch words.count {
            case 0: return .success(.showRegion)
            case 1: return .success(.switchRegion(words[0]))
            default: return .failure(Usage(":region takes one region: :region eu-west"))
            }
        default:
            return nil
        }
    }

    /// Why a command's arguments were refused, with an example.
    struct Usage: Error, Equatable {
        let text: String
        init(_ text: String) { self.text = text }
    }

    /// `150` for whole milliseconds, `12.5` otherwise.
    static func milliseconds(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
