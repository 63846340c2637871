@testable import C8CLI
import XCTest

/// The console benchmark's memory figure: anonymous pages apart from the
/// mapped table files, read from the kernel's own accounting.
final class ResidentMemoryTests: XCTestCase {
    func testFieldsAreReadWithTheKernelsTabsAndUnits() {
        let status = "Name:\tc8\nVmRSS:\t  300000 kB\nRssAnon:\t   40960 kB\nRssFile:\t  204800 kB\nRssShmem:\t       0 kB\n"
        XCTAssertEqual(ResidentMemory.field("RssAnon", in: status), 40)
        XCTAssertEqual(ResidentMemory.field("RssFile", in: status), 200)
        XCTAssertEqual(ResidentMemory.field("RssHuge", in: status), 0, "absent")
    }

    func testHeapGrowthShowsAsAnonymousMemory() throws {
        let before = ResidentMemory.current()
        XCTAssertGreaterThan(before.anonymous, 0)
        XCTAssertGreaterThan(before.files, 0, "the executable itself is a mapped file")
        // 64 MB touched page by page: anonymous memory, not file pages.
        let count = 64 << 20
        let block = UnsafeMutablePointer<UInt8>.allocate(capacity: count)
        defer { block.deallocate() }
        for offset in stride(from: 0, to: count, by: 4096) { block[offset] = 1 }
        let after = ResidentMemory.current()
        XCTAssertGreaterThan(after.anonymous - before.anonymous, 48, "\(before) → \(after)")
    }
}
