/// A failed socket system call, with the call's name and `errno`.
public struct SocketError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The system call that failed (e.g. `"bind"`).
    public var call: String
    /// The `errno` value it set (or a `getaddrinfo` error code for `"getaddrinfo"`).
    public var errno: Int32
    /// A readable explanation from the C library.
    public var message: String

    public init(call: String, errno: Int32, message: String) {
        self.call = call
        self.errno = errno
        self.message = message
    }

    public var description: String { "\(call) failed: \(message) (errno \(errno))" }
}
