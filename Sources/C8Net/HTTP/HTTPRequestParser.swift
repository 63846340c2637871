/// What the parser made of the bytes fed so far.
public enum HTTPParseEvent: Sendable {
    /// A complete request, body included.
    case request(HTTPRequest)
    /// A head with `Expect: 100-continue` is complete and its body has not
    /// all arrived: the client waits for `100 Continue` before sending it.
    case continueRequested
    /// The request breaks a rule; answer `error.status` and close. The
    /// parser produces nothing after this.
    case rejected(HTTPParseError)
}

/// An incremental, strict HTTP/1.x request parser.
///
/// Feed it bytes as they arrive, in chunks of any size, and pull events
/// with `next()` until it returns nil (it needs more bytes). It frames
/// bodies by `Content-Length` only and refuses every shape on which two
/// parsers could disagree (see `HTTPParseError`).
///
/// Limits apply before the bytes that break them are buffered: a request
/// line longer than the URL limit is refused before its end arrives, a head
/// over the header limit before its blank line, a body over the body limit
/// as soon as its `Content-Length` is read.
///
/// A body longer than its `Content-Length`: on a keep-alive connection the
/// bytes after a body are the next pipelined request, and nothing in
/// HTTP/1.1 tells a pipelined request from a body overrun except whether
/// the bytes form a request. So the parser reads whatever follows a body as
/// a request line and checks it byte by byte as it arrives: the first byte
/// that cannot continue `METHOD SP` (a `{`, a quote, a space, lowercase
/// JSON…) ends the connection with 400 at once, after the earlier
/// request's response. Overrun bytes that happen to look like a method
/// prefix (`ABC`) wait for the rest of the line like any partial request,
/// and the body-wait timeout closes the connection if no more arrives.
/// One CRLF before a request line is skipped, as RFC 9112 §2.2 asks, so a
/// client that ends a body with CRLF is not refused.
public struct HTTPRequestParser: Sendable {
    public let limits: HTTPLimits

    /// Bytes not yet consumed start at `readIndex`; consumed bytes are
    /// dropped when a request completes, so pipelining does not grow it.
    private var buffer: [UInt8] = []
    private var readIndex = 0
    private var scan = HeadScan()
    /// The request whose head is decoded and whose body is still arriving.
    private var pending: HTTPRequest?
    private var bodyRemaining = 0
    private var failed = false

    /// A buffer larger than this is released, not kept, once empty, so an
    /// idle connection that once received a large head costs little.
    private static let retainedCapacity = 64 * 1024
    /// A body's buffer is reserved up to this much from `Content-Length`;
    /// beyond it the array grows as bytes arrive, so a client announcing
    /// 512 MB and sending nothing does not cost 512 MB.
    private static let bodyReservation = 256 * 1024
    /// No accepted method is this long; a longer token is not a request.
    private static let maxMethodLength = 32

    public init(limits: HTTPLimits = HTTPLimits()) {
        self.limits = limits
    }

    /// Whether bytes of a request that is not complete are held: the
    /// transport's body-wait timeout applies while this is true.
    public var hasPartialRequest: Bool { !failed && (pending != nil || readIndex < buffer.count) }

    /// Whether bytes of a request head are held whose end has not been
    /// parsed yet (the transport's header timeout runs while this is true).
    public var hasPartialHead: Bool { !failed && pending == nil && readIndex < buffer.count }

    /// Bytes received and not yet consumed by a request.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// Adds bytes from the peer. Body bytes go straight into the pending
    /// request's body, so a large upload is copied once.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        guard !failed, !bytes.isEmpty else { return }
        var rest = bytes[...]
        if pending != nil, bodyRemaining > 0 {
            let count = min(bodyRemaining, rest.count)
            pending!.body.append(contentsOf: rest.prefix(count))
            bodyRemaining -= count
            rest = rest.dropFirst(count)
        }
        if !rest.isEmpty { buffer.append(contentsOf: rest) }
    }

    public mutating func feed(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { feed($0) }
    }

    /// The next event, or nil when more bytes are needed (or after a
    /// rejection).
    public mutating func next() -> HTTPParseEvent? {
        if failed { return nil }
        if pending != nil {
            guard bodyRemaining == 0 else { return nil }
            return .request(finishRequest())
        }
        switch scanHead() {
        case .incomplete:
            return nil
        case .rejected(let error):
            return reject(error)
        case .complete(let headLength, let requestLineLength):
            let start = readIndex
            let limits = limits
            let result: Result<DecodedRequestHead, HTTPParseError> = buffer.withUnsafeBufferPointer { all in
                // The head without the blank line that ends it.
                let head = UnsafeBufferPointer(rebasing: all[start..<(start + headLength - 2)])
                do throws(HTTPParseError) {
                    return .success(try HTTPRequestHeadDecoder.decode(head, requestLineLength: requestLineLength, limits: limits))
                } catch {
                    return .failure(error)
                }
            }
            let decoded: DecodedRequestHead
            switch result {
            case .success(let head): decoded = head
            case .failure(let error): return reject(error)
            }
            readIndex += headLength
            scan = HeadScan()
            return startBody(of: decoded)
        }
    }

    /// The bytes after the last complete request, handed to a protocol the
    /// connection switches to (a WebSocket client may send its first frame
    /// right behind the handshake). The parser is empty afterwards.
    public mutating func takeUnparsedBytes() -> [UInt8] {
        let rest = Array(buffer[readIndex...])
        buffer = []
        readIndex = 0
        scan = HeadScan()
        return rest
    }

    private mutating func startBody(of decoded: DecodedRequestHead) -> HTTPParseEvent? {
        pending = decoded.request
        bodyRemaining = decoded.contentLength
        if bodyRemaining > 0 {
            let available = min(bodyRemaining, buffer.count - readIndex)
            pending!.body.reserveCapacity(min(bodyRemaining, max(available, Self.bodyReservation)))
            pending!.body.append(contentsOf: buffer[readIndex..<(readIndex + available)])
            readIndex += available
            bodyRemaining -= available
        }
        if bodyRemaining == 0 { return .request(finishRequest()) }
        // Everything buffered went into the body.
        releaseConsumedBytes()
        return decoded.expectsContinue ? .continueRequested : nil
    }

    private mutating func finishRequest() -> HTTPRequest {
        let request = pending!
        pending = nil
        releaseConsumedBytes()
        return request
    }

    private mutating func reject(_ error: HTTPParseError) -> HTTPParseEvent {
        failed = true
        buffer = []
        readIndex = 0
        pending = nil
        return .rejected(error)
    }

    private mutating func releaseConsumedBytes() {
        if readIndex == buffer.count {
            if buffer.capacity > Self.retainedCapacity { buffer = [] } else { buffer.removeAll(keepingCapacity: true) }
            readIndex = 0
        } else if readIndex >= Self.retainedCapacity {
            buffer.removeFirst(readIndex)
            readIndex = 0
        }
    }

    // MARK: Head scanning

    /// Progress through a head that has not all arrived, so each byte is
    /// looked at once however the head is split. Offsets are relative to
    /// `readIndex`.
    private struct HeadScan {
        var scanned = 0
        var lineStart = 0
        var requestLineLength: Int?
        var methodLength: Int?
        var skippedEmptyLine = false
    }

    private enum ScanResult {
        case incomplete
        case rejected(HTTPParseError)
        /// `headLength` includes the blank line.
        case complete(headLength: Int, requestLineLength: Int)
    }

    private mutating func scanHead() -> ScanResult {
        var state = scan
        let limits = limits
        let start = readIndex
        // An incomplete request line this long cannot hold a target within
        // the limit, whatever its (at most 32-byte) method.
        let requestLineLimit = limits.maxTargetLength + Self.maxMethodLength + " HTTP/1.1\r".utf8.count + 1
        let result: ScanResult = buffer.withUnsafeBufferPointer { bytes in
            var index = start + state.scanned
            while index < bytes.count {
                let byte = bytes[index]
                let offset = index - start
                if byte == HTTPSyntax.lf {
                    guard offset > state.lineStart, bytes[index - 1] == HTTPSyntax.cr else {
                        return .rejected(.bareLineFeed)
                    }
                    let lineLength = offset - 1 - state.lineStart
                    if state.requestLineLength == nil {
                        if lineLength > 0 {
                            guard state.methodLength != nil else { return .rejected(.malformedRequestLine) }
                            state.requestLineLength = lineLength
                        } else if state.lineStart == 0 && !state.skippedEmptyLine {
                            // One CRLF before a request line is tolerated;
                            // the head then starts after it.
                            state.skippedEmptyLine = true
                        } else {
                            return .rejected(.malformedRequestLine)
                        }
                    } else if lineLength == 0 {
                        return .complete(headLength: offset + 1, requestLineLength: state.requestLineLength!)
                    }
                    state.lineStart = offset + 1
                } else if state.requestLineLength == nil {
                    if state.methodLength == nil {
                        let methodOffset = offset - state.lineStart
                        let mayStartEmptyLine = byte == HTTPSyntax.cr && methodOffset == 0
                            && state.lineStart == 0 && !state.skippedEmptyLine
                        if byte == HTTPSyntax.space && methodOffset > 0 {
                            state.methodLength = methodOffset
                        } else if mayStartEmptyLine {
                            // The CR of the one empty line tolerated before a request.
                        } else if !HTTPSyntax.isToken(byte) || methodOffset >= Self.maxMethodLength {
                            return .rejected(.malformedRequestLine)
                        }
                    } else if offset - state.lineStart >= requestLineLimit {
                        return .rejected(.targetTooLong(limit: limits.maxTargetLength))
                    }
                }
                if offset - (state.skippedEmptyLine ? 2 : 0) >= limits.maxHeaderBytes {
                    return .rejected(.headersTooLarge(limit: limits.maxHeaderBytes))
                }
                index += 1
            }
            state.scanned = index - start
            return .incomplete
        }
        scan = state
        if case .complete(let headLength, let requestLineLength) = result, state.skippedEmptyLine {
            // Drop the skipped CRLF so the head starts at `readIndex`.
            readIndex += 2
            return .complete(headLength: headLength - 2, requestLineLength: requestLineLength)
        }
        return result
    }
}
