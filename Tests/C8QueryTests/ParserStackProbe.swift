import Foundation
import XCTest
@testable import C8Query

final class ParserStackProbe: XCTestCase {
    func testProbe() {
        for shape in ["[", "(", "{", "f", "!", "R", "*", "?", "+"] {
            var line = "\(shape):"
            for n in [10, 20, 40] {
                let body: String
                switch shape {
                case "[": body = String(repeating: "[", count: n) + String(repeating: "]", count: n)
                case "(": body = String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n)
                case "{": body = String(repeating: "{a:", count: n) + "1" + String(repeating: "}", count: n)
                case "f": body = String(repeating: "f(", count: n) + "1" + String(repeating: ")", count: n)
                case "!": body = String(repeating: "!", count: n) + "1"
                case "R": body = String(repeating: "(RETURN ", count: n) + "1" + String(repeating: ")", count: n)
                case "*": body = "[1]" + String(repeating: "[* RETURN CURRENT", count: n) + String(repeating: "]", count: n)
                case "+": body = String(repeating: "1 + (", count: n) + "1" + String(repeating: ")", count: n)
                default: body = String(repeating: "1 ? 1 : ", count: n) + "1"
                }
                let r = QueryParser.measureStack("RETURN " + body)
                line += " n=\(n) peak=\(r.peak) per=\(r.peak / n)"
            }
            print(line)
        }
    }
}
