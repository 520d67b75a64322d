import Foundation
import NeutronStarPhysics
import Testing
import Training

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("eos-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

let fixtureDataset = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/skyrme-300")

@Suite("Dataset files and generation")
struct DatasetTests {
    @Test("A .npy array round-trips bit-exactly and has numpy's header layout")
    func npyRoundTrip() throws {
        let array = try NumpyArray(shape: [3, 2], values: [1.5, -2, .pi, 1e-300, 0, 6.02e23])
        let bytes = array.encoded()
        #expect(bytes.prefix(8) == Data([0x93] + Array("NUMPY".utf8) + [1, 0]))
        #expect((bytes.count - 6 * 8) % 64 == 0)
        let back = try NumpyArray(npy: bytes, path: "mem")
        #expect(back == array)
        let vector = try NumpyArray(shape: [4], values: [1, 2, 3, 4])
        #expect(try NumpyArray(npy: vector.encoded(), path: "mem").shape == [4])
    }

    @Test("Corrupt .npy bytes are rejected with a clear error")
    func npyCorrupt() throws {
        let good = try NumpyArray(shape: [2, 2], values: [1, 2, 3, 4]).encoded()
        #expect(throws: InputFileError.self) { try NumpyArray(npy: good.dropLast(3), path: "t") }
        #expect(throws: InputFileError.self) { try NumpyArray(npy: Data("not numpy".utf8), path: "t") }
        var f4 = good
        let range = f4.range(of: Data("<f8".utf8))!
        f4.replaceSubrange(range, with: Data("<f4".utf8))
        #expect(throws: InputFileError.self) { try NumpyArray(npy: f4, path: "t") }
        // A shape whose element count overflows Int (found by fuzz-npy; it trapped): an error, not a crash.
        for shape in ["(300, 33333333333333333)", "(4611686018427387904,)", "(3037000500, 3037000500)"] {
            let header = "{'descr': '<f8', 'fortran_order': False, 'shape': \(shape), }"
            let padded = header + String(repeating: " ", count: 63 - (10 + header.count) % 64) + "\n"
            var bytes = Data([0x93]) + Data("NUMPY".utf8) + Data([1, 0, UInt8(padded.count % 256), UInt8(padded.count / 256)])
            bytes += Data(padded.utf8) + Data(count: 64)
            #expect(throws: InputFileError.self, "shape \(shape)") { try NumpyArray(npy: bytes, path: "t") }
        }
    }

    @Test("The committed fixture dataset loads, and every row is physical and inside the window")
    func fixtureIsValid() throws {
        let data = try Dataset(directory: fixtureDataset)
        #expect(data.count == 300)
        let window = data.manifest.window
        for i in 0..<data.count {
            let x = Array(data.x.row(i)), y = Array(data.y.row(i))
            #expect(x[0..<101].allSatisfy { $0 > 0 && $0 < 1 })
            #expect(x[106] > x[103] && x[104] > x[101] && x[105] > x[102])
            #expect(window.contains(mMax: y[0], r14: y[1]))
            #expect(data.lambda14.values[i] > 0)
        }
        #expect(data.manifest.rejections.values.reduce(0, +) + data.count == data.manifest.attempted)
    }

    /// The README's command made the fixture: `SOURCE_DATE_EPOCH=1796083200 eos-trainer generate --count 300
    /// --seed 2026 --out Tests/Fixtures/skyrme-300`. Each draw has its own seeded generator, so its first rows are
    /// the rows of a shorter run. When this fails, the code changed the generated numbers: regenerate the fixture
    /// with that command and bump `DatasetFormat.codeVersion`.
    @Test("The fixture is today's code's output: its first rows regenerate bit for bit, its manifest names this code version")
    func fixtureRegenerates() throws {
        let data = try Dataset(directory: fixtureDataset)
        #expect(data.manifest.code_version == DatasetFormat.codeVersion)
        #expect(data.manifest.seed == 2026)
        let directory = try temporaryDirectory("regenerate")
        defer { try? FileManager.default.removeItem(at: directory) }
        try DatasetGenerator(configuration: GenerationConfiguration(count: 12, seed: 2026), directory: directory, workers: 2)
            .run(resume: false, creationDate: Date(timeIntervalSince1970: 1_796_083_200)) { _ in }
        let fresh = try Dataset(directory: directory)
        for i in 0..<12 {
            #expect(Array(fresh.x.row(i)) == Array(data.x.row(i)), "x row \(i)")
            #expect(Array(fresh.y.row(i)) == Array(data.y.row(i)), "y row \(i)")
            #expect(fresh.lambda14.values[i] == data.lambda14.values[i], "lambda14 row \(i)")
            #expect(Array(fresh.params.row(i)) == Array(data.params.row(i)), "params row \(i)")
        }
    }

    @Test("A row's labels match a fresh solve of its own Skyrme parameters to 1e-6")
    func labelsMatchFreshSolve() throws {
        let data = try Dataset(directory: fixtureDataset)
        for i in [0, 137, 299] {
            let p = Array(data.params.row(i))
            let parameters = SkyrmeParameters(t0: p[0], t1: p[1], t2: p[2], t3: p[3], x0: p[4], x1: p[5], x2: p[6], x3: p[7], sigma: p[8])
            let fresh = try SkyrmeStarAnalysis(parameters: parameters, curvePoints: 0)
            let y = Array(data.y.row(i))
            #expect(abs(fresh.summary.maximumMassStar.massMsun - y[0]) <= 1e-6 * y[0])
            #expect(abs(fresh.summary.canonicalStar.radiusKm - y[1]) <= 1e-6 * y[1])
            // The vector's grid ends at p_max, the flat maximum of M(p_c): any change of the TOV integrator moves it
            // by ~1e-5, so the stored vectors are compared at the 1e-4 level the physics note gives for two correct codes.
            #expect(zip(fresh.vector.values, data.x.row(i)).allSatisfy { abs($0 - $1) <= 1e-4 * abs($1) })
        }
    }

    @Test("Generation is byte-identical for 1 and 2 workers, and resumes after an interruption")
    func reproducibleAndResumable() throws {
        let base = try temporaryDirectory("gen")
        defer { try? FileManager.default.removeItem(at: base) }
        let config = GenerationConfiguration(count: 12, seed: 99)
        let date = Date(timeIntervalSince1970: 0)
        let one = base.appendingPathComponent("one"), two = base.appendingPathComponent("two")
        try DatasetGenerator(configuration: config, directory: one, workers: 1).run(resume: false, creationDate: date) { _ in }
        try DatasetGenerator(configuration: config, directory: two, workers: 2).run(resume: false, creationDate: date) { _ in }
        for file in ["x.npy", "y.npy", "lambda14.npy", "params.npy", "nmp.npy", "manifest.json"] {
            #expect(try Data(contentsOf: one.appendingPathComponent(file)) == Data(contentsOf: two.appendingPathComponent(file)), "\(file)")
        }
        // An interrupted run of several rounds (the first saved), then resumed, gives the uninterrupted result.
        let bigger = GenerationConfiguration(count: 20, seed: 99)
        let resumed = base.appendingPathComponent("resumed")
        struct Interrupt: Error {}
        #expect(throws: Interrupt.self) {
            try DatasetGenerator(configuration: bigger, directory: resumed, workers: 2, roundSize: 8).run(resume: false, creationDate: date)
            { _ in throw Interrupt() }
        }
        #expect(!FileManager.default.fileExists(atPath: resumed.appendingPathComponent("x.npy").path))
        try DatasetGenerator(configuration: bigger, directory: resumed, workers: 2, roundSize: 8).run(resume: true, creationDate: date) {
            _ in
        }
        let straight = base.appendingPathComponent("straight")
        try DatasetGenerator(configuration: bigger, directory: straight, workers: 1, roundSize: 8).run(resume: false, creationDate: date) {
            _ in
        }
        #expect(try Data(contentsOf: resumed.appendingPathComponent("x.npy")) == Data(contentsOf: straight.appendingPathComponent("x.npy")))
        #expect(
            try Data(contentsOf: resumed.appendingPathComponent("manifest.json"))
                == Data(contentsOf: straight.appendingPathComponent("manifest.json")))
    }

    @Test("A damaged dataset directory is rejected with an error naming the file")
    func damagedDataset() throws {
        let dir = try temporaryDirectory("damaged")
        defer { try? FileManager.default.removeItem(at: dir) }
        for file in ["manifest.json", "x.npy", "y.npy", "lambda14.npy", "params.npy", "nmp.npy"] {
            try FileManager.default.copyItem(at: fixtureDataset.appendingPathComponent(file), to: dir.appendingPathComponent(file))
        }
        _ = try Dataset(directory: dir)
        // Wrong row count in y.
        try NumpyArray(shape: [299, 2], values: Array(repeating: 2, count: 598)).encoded().write(to: dir.appendingPathComponent("y.npy"))
        #expect { try Dataset(directory: dir) } throws: { "\($0)".contains("y.npy") }
        // A NaN in x.
        var x = try NumpyArray(npy: Data(contentsOf: fixtureDataset.appendingPathComponent("x.npy")), path: "x").values
        x[5] = .nan
        try FileManager.default.removeItem(at: dir.appendingPathComponent("y.npy"))
        try FileManager.default.copyItem(at: fixtureDataset.appendingPathComponent("y.npy"), to: dir.appendingPathComponent("y.npy"))
        try NumpyArray(shape: [300, 107], values: x).encoded().write(to: dir.appendingPathComponent("x.npy"))
        #expect { try Dataset(directory: dir) } throws: { "\($0)".contains("x.npy") && "\($0)".contains("non-finite") }
        // A missing file.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("nmp.npy"))
        #expect { try Dataset(directory: dir) } throws: { "\($0)".contains("nmp.npy") || "\($0)".contains("x.npy") }
    }
}
