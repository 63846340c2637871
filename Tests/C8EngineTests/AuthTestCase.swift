import C8Core
import C8Engine
import Foundation
import XCTest

/// Auth tests run on the in-memory engine with a cheap password hash; the
/// `…RocksDBTests` subclasses run them on RocksDB and add reopen tests.
class AuthTestCase: EngineTestCase {
    static let password = "Sdk@123456##"

    var limits: EngineLimits {
        var limits = EngineLimits()
        limits.passwordHashIterations = 1_000
        return limits
    }

    override func makeEngine() throws -> Engine { try Engine.inMemory(limits: limits) }

    /// A RocksDB engine in `directory`, for reopening.
    func openEngine(_ directory: String) throws -> Engine { try Engine.open(directory: directory, limits: limits) }

    /// Asserts a 401 with errorNum 11.
    func assertNotAuthenticated<T>(file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T) {
        do {
            _ = try body()
            XCTFail("expected 401", file: file, line: line)
        } catch let error as C8Error {
            XCTAssertEqual(error.code, 401, "\(error)", file: file, line: line)
            XCTAssertEqual(error.errorNum, ErrorCode.forbidden.errorNum, "\(error)", file: file, line: line)
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
    }

    @discardableResult
    func createUser(_ access: TenantAccess, _ email: String, user: String? = nil) throws -> UserAccount {
        try access.createUser(NewUser(email: email, password: Self.password, user: user))
    }
}
