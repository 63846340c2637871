import C8Core
import C8Engine
import C8Storage
import Foundation
import XCTest

/// Engine tests run on the in-memory engine; ``RocksDBBacked`` subclasses
/// run the same tests on RocksDB in a temp dir.
class EngineTestCase: XCTestCase {
    var directories: [URL] = []

    /// A fresh engine on the storage this class tests.
    func makeEngine() throws -> Engine { try Engine.inMemory() }

    func temporaryDirectory() -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("c8-engine-\(UUID().uuidString)")
        directories.append(dir)
        return dir
    }

    override func tearDown() {
        for dir in directories { try? FileManager.default.removeItem(at: dir) }
        directories = []
        super.tearDown()
    }

    /// Asserts that `body` throws a C8Error with `errorNum`.
    func assertError<T>(_ code: ErrorCode, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T) {
        do {
            _ = try body()
            XCTFail("expected error \(code.rawValue)", file: file, line: line)
        } catch let error as C8Error {
            XCTAssertEqual(error.errorNum, code.rawValue, "\(error)", file: file, line: line)
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
    }
}
