import Foundation

/// Whole-file reads and crash-safe writes with errors that name the file; the one implementation of both in the
/// package (the model files, checkpoints, datasets, reports and figures all go through it).
package enum AtomicFile {
    package static func read(_ url: URL) throws(ModelFormatError) -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw .cannotRead(file: url.path, reason: (error as NSError).localizedDescription)
        }
    }

    /// Writes to `.NAME.tmp-<uuid>` beside the target, then renames over it (atomic on POSIX file systems), so an
    /// interrupted write never leaves a partial file under the real name and concurrent writers never share a
    /// temporary. A target that exists and is neither a regular file nor a directory (a device such as `/dev/null`,
    /// a FIFO) is written in place instead: renaming over it would replace the device with a file.
    package static func write(_ data: Data, to url: URL) throws(ModelFormatError) {
        if let type = try? FileManager.default.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType,
            type != .typeRegular, type != .typeDirectory
        {
            do {
                let handle = try FileHandle(forWritingTo: url)
                defer { try? handle.close() }
                try handle.write(contentsOf: data)
                return
            } catch {
                throw .cannotWrite(file: url.path, reason: (error as NSError).localizedDescription)
            }
        }
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
