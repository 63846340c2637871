import C8Core

/// HASH(): a number that identifies a value, stable across runs, processes
/// and versions, and below 2^51 so JavaScript clients read it exactly.
///
/// It hashes a canonical encoding that agrees with C8QL equality: numbers
/// as doubles (so 1 and 1.0 hash alike, -0 like 0), arrays without
/// trailing nulls, objects without null members and independent of member
/// order — values that are `==` hash equal. The numbers differ from
/// ArangoDB's (which hashes its VelocyPack bytes); only their stability
/// is part of the contract.
enum ValueHash {
    static func hash(_ value: JSON) -> UInt64 {
        var state = State()
        state.write(value)
        return state.hash & 0x0007_FFFF_FFFF_FFFF
    }

    private struct State {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325

        mutating func byte(_ b: UInt8) {
            hash ^= UInt64(b)
            hash = hash &* 0x0000_0100_0000_01B3
        }

        mutating func word(_ w: UInt64) {
            for shift in stride(from: 0, to: 64, by: 8) { byte(UInt8(truncatingIfNeeded: w >> UInt64(shift))) }
        }

        mutating func text(_ s: String) {
            word(UInt64(s.utf8.count))
            for b in s.utf8 { byte(b) }
        }

        mutating func write(_ value: JSON) {
            switch value {
            case .null:
                byte(0)
            case .bool(let b):
                byte(1)
                byte(b ? 1 : 0)
            case .int, .double:
                byte(2)
                let d = value.doubleValue!
                word((d == 0 ? 0.0 : d).bitPattern)
            case .string(let s):
                byte(3)
                text(s)
            case .array(let elements):
                byte(4)
                var count = elements.count
                while count > 0, elements[count - 1].isNull { count -= 1 }
                word(UInt64(count))
                for element in elements[0..<count] { write(element) }
            case .object(let object):
                byte(5)
                let members = object.members.filter { !$0.value.isNull }.sorted { $0.key.utf8Compare($1.key) < 0 }
                word(UInt64(members.count))
                for member in members {
                    text(member.key)
                    write(member.value)
                }
            }
        }
    }
}
