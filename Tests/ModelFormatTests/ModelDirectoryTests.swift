import Foundation
import ModelFormat
import NeuralNetwork
import Testing

@Suite("Model directory")
struct ModelDirectoryTests {
    @Test("save then load is bit-exact, and saving again writes identical bytes")
    func roundTrip() throws {
        try withTemporaryDirectory { directory in
            let bundle = try makeBundle()
            let target = directory.appendingPathComponent("models/demo")
            try ModelDirectory.save(bundle, to: target)
            let loaded = try ModelDirectory.load(from: target)
            #expect(loaded.model.parameters.map(\.bitPattern) == bundle.model.parameters.map(\.bitPattern))
            #expect(loaded.model.inputScaler == bundle.model.inputScaler)
            #expect(loaded.model.labelScaler == bundle.model.labelScaler)
            #expect(loaded.model.latentStatistics == bundle.model.latentStatistics)
            #expect(loaded.model.architecture == bundle.model.architecture)
            #expect(loaded.metadata == bundle.metadata)
            let first = try Data(contentsOf: target.appendingPathComponent("model.safetensors"))
            try ModelDirectory.save(loaded, to: target)
            #expect(try Data(contentsOf: target.appendingPathComponent("model.safetensors")) == first)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: target.path).sorted()
            #expect(leftovers == ["model.json", "model.safetensors"])
        }
    }

    @Test("the weights file follows the safetensors layout with PyTorch names and [out, in] shapes")
    func safetensorsLayout() throws {
        try withTemporaryDirectory { directory in
            try ModelDirectory.save(try makeBundle(), to: directory)
            let bytes = [UInt8](try Data(contentsOf: directory.appendingPathComponent("model.safetensors")))
            let headerLength = bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
            #expect(headerLength % 8 == 0)
            let header = try JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + headerLength)])) as! [String: Any]
            let entry = try #require(header["encoder.0.weight"] as? [String: Any])
            #expect(entry["dtype"] as? String == "F32")
            #expect(entry["shape"] as? [Int] == [128, 107])
            #expect((header["decoder.cs2_head.weight"] as? [String: Any])?["shape"] as? [Int] == [101, 128])
            #expect((header["decoder.boundary_head.bias"] as? [String: Any])?["shape"] as? [Int] == [6])
            #expect((header["encoder.logvar_v.weight"] as? [String: Any])?["shape"] as? [Int] == [4, 64])
            #expect((header["decoder.0.weight"] as? [String: Any])?["shape"] as? [Int] == [64, 6])
            #expect(header["__metadata__"] is [String: String])
            let offsets = try #require(entry["data_offsets"] as? [Int])
            let start = 8 + headerLength + offsets[0]
            let firstWeight = Float(
                bitPattern: UInt32(bytes[start]) | UInt32(bytes[start + 1]) << 8
                    | UInt32(bytes[start + 2]) << 16 | UInt32(bytes[start + 3]) << 24)
            #expect(firstWeight == (try makeBundle()).model.tensor(named: "encoder.0.weight")?.first)
        }
    }

    @Test("a truncated weights file is rejected as truncated")
    func truncated() throws {
        try withTemporaryDirectory { directory in
            try ModelDirectory.save(try makeBundle(), to: directory)
            let url = directory.appendingPathComponent("model.safetensors")
            let data = try Data(contentsOf: url)
            try data.prefix(data.count - 10).write(to: url)
            #expect {
                try ModelDirectory.load(from: directory)
            } throws: { error in
                guard case let ModelFormatError.truncated(file, expected, actual) = error else { return false }
                return file == url.path && expected == data.count && actual == data.count - 10
            }
            try data.prefix(5).write(to: url)
            #expect(throws: ModelFormatError.truncated(file: url.path, expectedBytes: 8, actualBytes: 5)) {
                try ModelDirectory.load(from: directory)
            }
        }
    }

    @Test("a corrupt header is rejected as malformed")
    func corruptHeader() throws {
        try withTemporaryDirectory { directory in
            try ModelDirectory.save(try makeBundle(), to: directory)
            let url = directory.appendingPathComponent("model.safetensors")
            var bytes = [UInt8](try Data(contentsOf: url))
            bytes[8] = UInt8(ascii: "[")
            try Data(bytes).write(to: url)
            #expect {
                try ModelDirectory.load(from: directory)
            } throws: { error in
                guard case ModelFormatError.malformedHeader(url.path, _) = error else { return false }
                return true
            }
        }
    }

    @Test("wrong shapes, missing, extra, non-F32 and non-finite tensors are named in the error")
    func tensorProblems() throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("model.safetensors").path
            let bundle = try makeBundle()
            func expectError(_ expected: ModelFormatError, _ edit: (inout [NamedTensor]) -> Void) throws {
                try ModelDirectory.save(bundle, to: directory)
                try editTensors(in: directory, edit)
                #expect(throws: expected) { try ModelDirectory.load(from: directory) }
            }
            try expectError(.shapeMismatch(tensor: "encoder.1.weight", expected: [64, 128], actual: [128, 64], file: file)) {
                let index = $0.firstIndex { $0.name == "encoder.1.weight" }!
                $0[index].shape = [128, 64]
            }
            try expectError(.missingTensor(tensor: "decoder.cs2_head.bias", file: file)) {
                $0.removeAll { $0.name == "decoder.cs2_head.bias" }
            }
            try expectError(.unexpectedTensor(tensor: "encoder.9.weight", file: file)) {
                $0.append(NamedTensor(name: "encoder.9.weight", shape: [1], values: [0]))
            }
            try expectError(.nonFiniteWeight(tensor: "decoder.1.bias", index: 3, file: file)) {
                let index = $0.firstIndex { $0.name == "decoder.1.bias" }!
                $0[index].values[3] = .nan
            }
            try ModelDirectory.save(bundle, to: directory)
            let url = URL(fileURLWithPath: file)
            let text = try #require(String(data: try Data(contentsOf: url), encoding: .isoLatin1))
            try #require(text.replacingOccurrences(of: "\"F32\"", with: "\"F16\"").data(using: .isoLatin1)).write(to: url)
            #expect {
                try ModelDirectory.load(from: directory)
            } throws: { error in
                guard case ModelFormatError.unsupportedDType(_, "F16", file) = error else { return false }
                return true
            }
        }
    }

    @Test("weights from another save are rejected by the checksum")
    func mismatchedPair() throws {
        try withTemporaryDirectory { directory in
            let first = directory.appendingPathComponent("a"), second = directory.appendingPathComponent("b")
            try ModelDirectory.save(try makeBundle(seed: 1), to: first)
            try ModelDirectory.save(try makeBundle(seed: 2), to: second)
            let weights = first.appendingPathComponent("model.safetensors")
            try FileManager.default.removeItem(at: weights)
            try FileManager.default.copyItem(at: second.appendingPathComponent("model.safetensors"), to: weights)
            #expect {
                try ModelDirectory.load(from: first)
            } throws: { error in
                guard case ModelFormatError.checksumMismatch(weights.path, _, _) = error else { return false }
                return true
            }
        }
    }

    @Test("invalid model.json fields are rejected with the field named")
    func documentProblems() throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("model.json").path
            let bundle = try makeBundle()
            try ModelDirectory.save(bundle, to: directory)
            try editDocument(in: directory) { $0["formatVersion"] = 7 }
            #expect(throws: ModelFormatError.unsupportedFormatVersion(found: 7, supported: 1, file: file)) {
                try ModelDirectory.load(from: directory)
            }

            try ModelDirectory.save(bundle, to: directory)
            try editDocument(in: directory) { document in
                var scaler = document["inputScaler"] as! [String: Any]
                var deviations = scaler["standardDeviations"] as! [Double]
                deviations[5] = 0
                scaler["standardDeviations"] = deviations
                document["inputScaler"] = scaler
            }
            #expect(
                throws: ModelFormatError.invalidField(
                    field: "inputScaler", reason: "column 5 has standard deviation 0.0; it must be positive", file: file)
            ) {
                try ModelDirectory.load(from: directory)
            }

            try ModelDirectory.save(bundle, to: directory)
            try editDocument(in: directory) { document in
                var scaler = document["labelScaler"] as! [String: Any]
                scaler["means"] = [2.1]
                document["labelScaler"] = scaler
            }
            #expect(throws: ModelFormatError.invalidField(field: "labelScaler.means", reason: "has 1 entries, expected 2", file: file)) {
                try ModelDirectory.load(from: directory)
            }

            try ModelDirectory.save(bundle, to: directory)
            try editDocument(in: directory) { $0.removeValue(forKey: "latentStatistics") }
            #expect(throws: ModelFormatError.malformedJSON(file: file, reason: "missing key latentStatistics")) {
                try ModelDirectory.load(from: directory)
            }
        }
    }

    @Test("a missing directory is reported as unreadable")
    func missingDirectory() {
        let directory = URL(fileURLWithPath: "/nonexistent/models/none")
        #expect {
            try ModelDirectory.load(from: directory)
        } throws: { error in
            guard case ModelFormatError.cannotRead(file: "/nonexistent/models/none/model.json", _) = error else { return false }
            return true
        }
    }
}
