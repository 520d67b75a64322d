import Foundation

/// Collects one response's header lines and body from libcurl's callbacks.
final class TransferSink {
    private(set) var headers: [HTTPHeader] = []
    private(set) var body = Data()

    /// A header line as libcurl delivers it (with CRLF). A status line starts a new header
    /// block, so only the final response's headers remain (after `100 Continue` or redirects).
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            headers.removeAll()
        } else if let colon = line.firstIndex(of: ":") {
            let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            headers.append(HTTPHeader(name, value))
        }
    }

    func receiveBody(_ bytes: UnsafeRawBufferPointer) {
        body.append(contentsOf: bytes)
    }
}
