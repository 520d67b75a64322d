import APIModels
import Foundation
import MiniHTTP

/// libFuzzer entry point for the numeric inputs of `POST /v1/encode`: the 107-vector and the EOS table.
///
/// Input layout: byte 0 picks the form (bit 0: vector or table; bit 1: whether a table sends `cs2`), the rest is
/// read as little-endian float64 values. Non-finite values become ±1e308 (JSON has no NaN). A vector takes the
/// values as they come (so lengths other than 107 are tried too); a table deals them out row by row to its three
/// or four columns. The request goes through the router as JSON; it must never be answered 500 nor outside
/// 200–599, and a 200 must carry finite numbers.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEncode(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let input = UnsafeBufferPointer(start: start, count: count)
    var values: [Double] = []
    var offset = 1
    while offset + 8 <= count {
        var bits: UInt64 = 0
        for byte in 0..<8 { bits |= UInt64(input[offset + byte]) << (8 * byte) }
        let value = Double(bitPattern: bits)
        values.append(value.isFinite ? value : (value.sign == .minus ? -1e308 : 1e308))
        offset += 8
    }
    let request: EncodeRequest
    if input[0] & 1 == 0 {
        request = EncodeRequest(vector: values)
    } else {
        let columns = input[0] & 2 == 0 ? 3 : 4
        let rows = values.count / columns
        func column(_ c: Int) -> [Double] { (0..<rows).map { values[$0 * columns + c] } }
        request = EncodeRequest(
            eos: EncodeEOSTable(
                baryonDensity: column(0), energyDensity: column(1), pressure: column(2),
                soundSpeedSquared: columns == 4 ? column(3) : nil))
    }
    let body: [UInt8]
    do {
        body = Array(try JSONEncoder().encode(request))
    } catch {
        fatalError("cannot encode the request: \(error)")
    }
    let response = server.handle(
        HTTPRequest(
            method: "POST", target: "/v1/encode",
            headers: [
                "Host": "fuzz", "Content-Type": "application/json",
                "Content-Length": "\(body.count)",
            ], body: body))
    precondition(
        (200...599).contains(response.status) && response.status != 500,
        "/v1/encode answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
    if response.status == 200 {
        do {
            let encoded = try JSONDecoder().decode(EncodeResponse.self, from: Data(response.body))
            let numbers =
                [encoded.maximumMass, encoded.radius14] + encoded.latentMeans + encoded.latentStandardDeviations
                + encoded.zScores
            precondition(numbers.allSatisfy(\.isFinite), "non-finite number in a 200 answer")
        } catch {
            fatalError("a 200 answer of /v1/encode is not an EncodeResponse: \(error)")
        }
    }
    return 0
}
