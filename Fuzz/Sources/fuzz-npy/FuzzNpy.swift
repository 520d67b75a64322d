import Foundation
import Training

/// libFuzzer entry point for the `.npy` reader (`NumpyArray(npy:path:)`): any bytes parse or throw, and a parsed
/// array's values fill its shape exactly.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNpy(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    if let array = try? NumpyArray(npy: data, path: "fuzz.npy") {
        precondition(array.shape.reduce(1, *) == array.values.count, "shape \(array.shape) does not match the values")
        precondition(array.rows * array.columns == array.values.count, "rows × columns does not match the values")
    }
    return 0
}
