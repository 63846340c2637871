/// An ISO 8601 duration as DATE_ADD/DATE_SUBTRACT accept it, ArangoDB's
/// grammar: `P[nY][nM][nW][nD][T[nH][nM][n[.fff]S]]`, integer parts only
/// except up to three fraction digits on seconds (`.` or `,`).
struct ISODuration: Equatable {
    var years: Int64 = 0
    var months: Int64 = 0
    var weeks: Int64 = 0
    var days: Int64 = 0
    var hours: Int64 = 0
    var minutes: Int64 = 0
    var seconds: Int64 = 0
    var milliseconds: Int64 = 0

    /// The time part (weeks and smaller) in milliseconds.
    var fixedMilliseconds: Int64 {
        (((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60_000 + seconds * 1000 + milliseconds
    }

    init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count > 1, bytes[0] == UInt8(ascii: "P") else { return nil }
        var i = 1

        /// Reads `digits designator` if present; nil result means "absent".
        func component(_ designator: UInt8) -> Int64?? {
            let start = i
            var value: Int64 = 0
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                if value < 1_000_000_000_000 { value = value * 10 + Int64(bytes[i] - 0x30) }
                i += 1
            }
            guard i > start else { return .some(nil) }
            guard i < bytes.count, bytes[i] == designator else {
                i = start
                return .some(nil)
            }
            i += 1
            return .some(value)
        }

        for (designator, path) in [(UInt8(ascii: "Y"), \ISODuration.years), (UInt8(ascii: "M"), \.months),
                                   (UInt8(ascii: "W"), \.weeks), (UInt8(ascii: "D"), \.days)] {
            if case .some(.some(let value)) = component(designator) { self[keyPath: path] = value }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "T") {
            i += 1
            if case .some(.some(let value)) = component(UInt8(ascii: "H")) { hours = value }
            if case .some(.some(let value)) = component(UInt8(ascii: "M")) { minutes = value }
            // Seconds, with an optional 1–3 digit fraction.
            let start = i
            var whole: Int64 = 0
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                if whole < 1_000_000_000_000 { whole = whole * 10 + Int64(bytes[i] - 0x30) }
                i += 1
            }
            if i > start {
                var millis: Int64 = 0
                if i < bytes.count, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ",") {
                    i += 1
                    let fractionStart = i
                    while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39, i - fractionStart < 3 { i += 1 }
                    let digits = i - fractionStart
                    guard digits > 0 else { return nil }
                    for k in 0..<3 {
                        millis *= 10
                        if k < digits { millis += Int64(bytes[fractionStart + k] - 0x30) }
                    }
                }
                guard i < bytes.count, bytes[i] == UInt8(ascii: "S") else { return nil }
                i += 1
                seconds = whole
                milliseconds = millis
            }
        }
        guard i == bytes.count else { return nil }
    }
}
