#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers over the POSIX socket calls the server uses; every failure becomes a ``SocketError``.
#if canImport(Glibc)
private let socketAccept = Glibc.accept
private let socketListen = Glibc.listen
private let socketClose = Glibc.close
#else
private let socketAccept = Darwin.accept
private let socketListen = Darwin.listen
private let socketClose = Darwin.close
#endif

enum PlatformSocket {
    /// Flags for `send` that suppress SIGPIPE on a closed peer.
    #if canImport(Glibc)
    static let sendFlags = Int32(MSG_NOSIGNAL)
    #else
    static let sendFlags: Int32 = 0
    #endif

    static func error(_ call: String, code: Int32 = errno) -> SocketError {
        SocketError(call: call, errno: code, message: String(cString: strerror(code)))
    }

    /// Process-wide: ignore SIGPIPE so writes to a closed peer fail with EPIPE instead of killing the process.
    static func ignoreSIGPIPE() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Creates a non-blocking, close-on-exec listening socket bound to `host:port`.
    static func listen(host: String, port: UInt16, backlog: Int32) throws(SocketError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var info: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &info)
        guard status == 0, let address = info else {
            throw SocketError(call: "getaddrinfo", errno: status, message: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(info) }

        let fd = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
        guard fd >= 0 else { throw error("socket") }
        do throws(SocketError) {
            try setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1, name: "setsockopt(SO_REUSEADDR)")
            #if canImport(Darwin)
            try setOption(fd, SOL_SOCKET, SO_NOSIGPIPE, 1, name: "setsockopt(SO_NOSIGPIPE)")
            #endif
            guard bind(fd, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 else { throw error("bind") }
            guard socketListen(fd, backlog) == 0 else { throw error("listen") }
            try setNonBlocking(fd)
        } catch {
            close(fd)
            throw error
        }
        return fd
    }

    /// The local port a socket is bound to.
    static func boundPort(_ fd: Int32) throws(SocketError) -> UInt16 {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard result == 0 else { throw error("getsockname") }
        let family = Int32(storage.ss_family)
        return withUnsafePointer(to: &storage) { pointer in
            if family == AF_INET6 {
                pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
            } else {
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
            }
        }
    }

    /// Accepts one pending connection as a non-blocking socket with `TCP_NODELAY`.
    /// - Returns: the new descriptor, or `nil` when no connection is pending.
    static func accept(_ listener: Int32) throws(SocketError) -> Int32? {
        while true {
            let fd = socketAccept(listener, nil, nil)
            if fd >= 0 {
                do throws(SocketError) {
                    try setNonBlocking(fd)
                    guard fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 else { throw error("fcntl(FD_CLOEXEC)") }
                    #if canImport(Darwin)
                    try setOption(fd, SOL_SOCKET, SO_NOSIGPIPE, 1, name: "setsockopt(SO_NOSIGPIPE)")
                    #endif
                    try setOption(fd, Int32(IPPROTO_TCP), Int32(TCP_NODELAY), 1, name: "setsockopt(TCP_NODELAY)")
                } catch {
                    close(fd)
                    throw error
                }
                return fd
            }
            switch errno {
            case EINTR, ECONNABORTED, EPROTO: continue
            case EAGAIN, EWOULDBLOCK: return nil
            default: throw error("accept")
            }
        }
    }

    /// Outcome of a non-blocking read or write.
    enum IOResult: Equatable {
        /// This many bytes were transferred.
        case transferred(Int)
        /// The call would block.
        case wouldBlock
        /// The peer closed its side (reads only).
        case endOfStream
    }

    /// Reads into `buffer` without blocking.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SocketError) -> IOResult {
        while true {
            let count = recv(fd, buffer.baseAddress, buffer.count, 0)
            if count > 0 { return .transferred(count) }
            if count == 0 { return .endOfStream }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: throw error("recv")
            }
        }
    }

    /// Writes from `buffer` without blocking and without raising SIGPIPE.
    static func write(_ fd: Int32, from buffer: UnsafeRawBufferPointer) throws(SocketError) -> IOResult {
        while true {
            let count = send(fd, buffer.baseAddress, buffer.count, sendFlags)
            if count >= 0 { return .transferred(count) }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: throw error("send")
            }
        }
    }

    /// Half-closes the write side so the peer sees end-of-stream after our last response.
    static func shutdownWrite(_ fd: Int32) {
        _ = shutdown(fd, Int32(SHUT_WR))
    }

    /// Takes a listening socket out of LISTEN state so new connection attempts are refused.
    static func shutdownListener(_ fd: Int32) {
        _ = shutdown(fd, Int32(SHUT_RDWR))
    }

    /// Closes a descriptor.
    static func close(_ fd: Int32) {
        _ = socketClose(fd)
    }

    private static func setNonBlocking(_ fd: Int32) throws(SocketError) {
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else { throw error("fcntl(O_NONBLOCK)") }
    }

    private static func setOption(_ fd: Int32, _ level: Int32, _ option: Int32, _ value: Int32, name: String) throws(SocketError) {
        var value = value
        guard setsockopt(fd, level, option, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else { throw error(name) }
    }
}
