import Foundation
import ModelFormat

/// A directory of its own for this process, holding the model files of the current input.
let directory: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-model-loader-\(getpid())")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}()

/// libFuzzer entry point for the model loader: `model.json` + `model.safetensors` (`ModelDirectory.load(from:)`) and the
/// safetensors decoder on its own (`Safetensors.decode`).
///
/// Input layout: a 4-byte little-endian length L, then L bytes of `model.json`, then the `model.safetensors` bytes
/// (the weights file the seed's `model.json` names). Any input loads or throws; nothing may trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModelLoader(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count >= 4 else { return 0 }
    let input = UnsafeBufferPointer(start: start, count: count)
    let length = min(count - 4, Int(input[0]) | Int(input[1]) << 8 | Int(input[2]) << 16 | Int(input[3]) << 24)
    let json = Data(input[4..<(4 + length)])
    let weights = Data(input[(4 + length)...])
    _ = try? Safetensors.decode(weights, file: "model.safetensors")
    do {
        try json.write(to: directory.appendingPathComponent("model.json"))
        try weights.write(to: directory.appendingPathComponent("model.safetensors"))
    } catch {
        fatalError("cannot write the model files to \(directory.path): \(error)")
    }
    _ = try? ModelDirectory.load(from: directory)
    return 0
}
