import C8Console
import Foundation
import XCTest

/// Golden-screen testing: a rendered ScreenBuffer is compared, as text and
/// as a style mask, to `Snapshots/<name>.txt` beside this file. Run the
/// tests with `RECORD_SNAPSHOTS=1` to (re)write the files, then review the
/// diff like any other change.
func assertSnapshot(_ buffer: ScreenBuffer, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let directory = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Snapshots")
    let url = directory.appendingPathComponent("\(name).txt")
    let rendered = snapshotText(buffer)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? rendered.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        XCTFail("no snapshot \(name).txt; run with RECORD_SNAPSHOTS=1 to record it", file: file, line: line)
        return
    }
    if expected != rendered {
        let diff = zip(expected.split(separator: "\n", omittingEmptySubsequences: false), rendered.split(separator: "\n", omittingEmptySubsequences: false))
            .enumerated().first { $0.element.0 != $0.element.1 }
        let where_ = diff.map { "first difference at line \($0.offset + 1):\n  expected: \($0.element.0)\n  actual:   \($0.element.1)" } ?? "lengths differ"
        XCTFail("snapshot \(name) differs; \(where_)\n--- actual ---\n\(rendered)", file: file, line: line)
    }
}

/// The file format: the screen's text, a separator, then the style mask.
func snapshotText(_ buffer: ScreenBuffer) -> String {
    "\(buffer.width)x\(buffer.height)\n" + buffer.text + "\n--- styles ---\n" + buffer.styleMask + "\n"
}
