import Dispatch
import Foundation
import ModelFormat
import Locking
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("AtomicFile")
struct AtomicFileTests {
    /// A fresh temporary directory, removed by the caller.
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("A write replaces the target's content and leaves no temporary behind")
    func replacesTarget() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("data.bin")
        try AtomicFile.write(Data("first, and longer".utf8), to: target)
        try AtomicFile.write(Data("second".utf8), to: target)
        #expect(try AtomicFile.read(target) == Data("second".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["data.bin"])
    }

    @Test("Threads writing the same target never collide: every write succeeds and the file holds one whole payload")
    func concurrentWriters() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("shared.json")
        let payloads = (0..<8).map { Data(String(repeating: "\($0)", count: 4096 * ($0 + 1)).utf8) }
        let errors = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: payloads.count) { index in
            for _ in 0..<25 {
                do { try AtomicFile.write(payloads[index], to: target) } catch {
                    errors.withLock { $0.append("\(error)") }
                }
            }
        }
        #expect(errors.withLock { $0 }.isEmpty)
        #expect(payloads.contains(try AtomicFile.read(target)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["shared.json"])
    }

    @Test("A target that is not a regular file (a FIFO) is written in place and stays what it is")
    func writesDevicesInPlace() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("fifo")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        // A non-blocking reader, so that opening the FIFO for writing does not wait.
        let reader = open(fifo.path, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        try AtomicFile.write(Data("through the fifo".utf8), to: fifo)
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(reader, &buffer, buffer.count)
        #expect(count >= 0 && Data(buffer.prefix(max(count, 0))) == Data("through the fifo".utf8))
        var info = stat()
        #expect(lstat(fifo.path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "the FIFO is still a FIFO")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["fifo"])
    }
}
