import Foundation

/// Whole-file reads and crash-safe writes with errors that name the file.
enum AtomicFile {
    static func read(_ url: URL) throws(ModelFormatError) -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw .cannotRead(file: url.path, reason: (error as NSError).localizedDescription)
        }
    }

    /// Writes to `.NAME.tmp-<uuid>` beside the target, then renames over it (atomic on POSIX file systems),
    /// so an interrupted write never leaves a partial file under the real name.
    static func write(_ data: Data, to url: URL) throws(ModelFormatError) {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
        do {
            try data.write(to: temporary)
        } catch {
            throw .cannotWrite(file: temporary.path, reason: (error as NSError).localizedDescription)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWrite(file: url.path, reason: "rename from \(temporary.lastPathComponent) failed: \(reason)")
        }
    }
}
