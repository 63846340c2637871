import C8Core
import C8Crypto
import C8Streams
import Foundation
import XCTest

@testable import C8Server

/// The byte-level fast paths of the stream frames (StreamFrames.swift,
/// Base64.swift) read and write exactly what the JSON path does.
final class StreamFramesTests: XCTestCase {
    func testBase64MatchesFoundationBothWays() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<70 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var encoded = [UInt8]()
            Base64.encode(bytes, into: &encoded)
            XCTAssertEqual(String(decoding: encoded, as: UTF8.self), Data(bytes).base64EncodedString())
            XCTAssertEqual(Base64.decode(encoded), bytes)
        }
        for bad in ["a", "abc", "ab=c", "a===", "====", "ab==cdef", "ab c", "ab\"=", "YWJj\n", "=WJj", "Y=Jj", "YW=j",
                    "YWJjYW\\j", "YWJj\"WJj", "YWJ\u{e9}", "YWJjY\u{e9}==", "YWJjYW\u{e9}="] {
            // (swift-corelibs-foundation lets "ab=c" and "====" through;
            // RFC 4648 padding is only at the end.)
            XCTAssertNil(Base64.decode(Array(bad.utf8)), bad)
        }
    }

    func testThePayloadOnlyFrameTakesTheFastPathAndOthersTheGeneralOne() throws {
        XCTAssertEqual(StreamFrames.payloadOnly(#"{"payload":"aGk="}"#), Array("hi".utf8))
        XCTAssertNil(StreamFrames.payloadOnly(#"{"payload":"aGk=","key":"k"}"#))
        XCTAssertNil(StreamFrames.payloadOnly(#"{"payload":"a\"Gk="}"#))
        let general = try StreamFrames.publish(#"{"payload":"aGk=","key":"k","properties":{"a":"b"},"context":"c1"}"#)
        XCTAssertEqual(general.message.payload, Array("hi".utf8))
        XCTAssertEqual(general.message.key, "k")
        XCTAssertEqual(general.message.properties, ["a": "b"])
        XCTAssertEqual(general.context, "c1")
        XCTAssertThrowsError(try StreamFrames.publish(#"{"payload":"a"}"#))
        XCTAssertThrowsError(try StreamFrames.publish("[]"))
    }

    /// The fast path leaves a payload with a JSON escape in it (`\/`) to
    /// the general one, which reads it as the JSON string it is.
    func testAnEscapedPayloadTakesTheGeneralPath() throws {
        XCTAssertNil(StreamFrames.payloadOnly(#"{"payload":"a\/8="}"#))
        XCTAssertEqual(try StreamFrames.publish(#"{"payload":"a\/8="}"#).message.payload, [0x6B, 0xFF])
        XCTAssertNil(StreamFrames.payloadOnly(#"{"payload":"aGk=","key":"aGk="}"#))
        XCTAssertEqual(try StreamFrames.publish(#"{"payload":"aGk=","key":"aGk="}"#).message.key, "aGk=")
    }

    func testDeliveryAndReceiptFramesAreTheJSONOfBefore() throws {
        let message = StreamMessage(
            id: MessageID(entry: 42), payload: Array("hello \"world\"".utf8), key: "k\"1",
            properties: ["z": "last", "a": "quote\"\n"], producerName: "p", sequenceId: 41,
            publishTime: 1_700_000_000_123, eventTime: 1_700_000_000_000)
        let frame = try JSON.parse(String(decoding: StreamFrames.delivery(message), as: UTF8.self))
        XCTAssertEqual(frame["messageId"].stringValue, MessageID(entry: 42).text)
        XCTAssertEqual(frame["payload"].stringValue, Data("hello \"world\"".utf8).base64EncodedString())
        XCTAssertEqual(frame["properties"]["a"].stringValue, "quote\"\n")
        XCTAssertEqual(frame["properties"]["z"].stringValue, "last")
        XCTAssertEqual(frame["publishTime"].stringValue, CivilDate.iso8601(milliseconds: 1_700_000_000_123))
        XCTAssertEqual(frame["eventTime"].stringValue, CivilDate.iso8601(milliseconds: 1_700_000_000_000))
        XCTAssertEqual(frame["redeliveryCount"].intValue, 0)
        XCTAssertEqual(frame["key"].stringValue, "k\"1")
        let receipt = try JSON.parse(String(decoding: StreamFrames.receipt(MessageID(entry: 7), context: .null), as: UTF8.self))
        XCTAssertEqual(receipt["result"].stringValue, "ok")
        XCTAssertEqual(receipt["messageId"].stringValue, MessageID(entry: 7).text)
    }
}
