import APIModels
import EOSClient
import Testing

/// Parsing of points and vector files (no server).
@Suite("input files")
struct InputFileTests {
    @Test("CSV with and without header, columns by name, z columns in order, comments skipped")
    func csvPoints() throws {
        let plain = try InputFiles.parsePoints("2.1,12.0\n\n2.2,12.5,0.3,-0.4\n")
        #expect(
            plain == [
                LatentPointInput(maximumMass: 2.1, radius14: 12.0), LatentPointInput(maximumMass: 2.2, radius14: 12.5, z: [0.3, -0.4]),
            ])
        let named = try InputFiles.parsePoints("# comment\nid,z0,r14,M_MAX,z1\nx,0.1,12.0,2.1,0.2\n")
        #expect(named == [LatentPointInput(maximumMass: 2.1, radius14: 12.0, z: [0.1, 0.2])])
        #expect(InputFiles.detectFormat("\n# x\n{\"m_max\": 1}") == .jsonl)
        #expect(throws: EOSClientError.invalidInput(message: "input line 1: header has no r_14 column (found: m_max,r)")) {
            try InputFiles.parsePoints("m_max,r\n2,3\n")
        }
        #expect(throws: EOSClientError.invalidInput(message: "input line 2: column m_max: 'nan' is not a finite number")) {
            try InputFiles.parsePoints("2,12\nnan,12\n")
        }
    }

    @Test("vectors: JSON object, array, array of arrays, one per line, or all numbers of the file")
    func vectors() throws {
        let v = (0..<107).map { Double($0) + 0.5 }
        let text = v.map { "\($0)" }
        #expect(try InputFiles.parseVectors("{\"vector\": [\(text.joined(separator: ","))]}") == [v])
        #expect(try InputFiles.parseVectors("[[\(text.joined(separator: ","))],[\(text.joined(separator: ","))]]") == [v, v])
        #expect(try InputFiles.parseVectors(text.joined(separator: " ") + "\n" + text.joined(separator: ",")) == [v, v])
        #expect(try InputFiles.parseVectors(text.joined(separator: "\n")) == [v])
        #expect(throws: EOSClientError.invalidInput(message: "input: vector 1 has 106 numbers, expected 107")) {
            try InputFiles.parseVectors(text.dropLast().joined(separator: "\n"))
        }
        // Every bit of a 17-digit number survives JSON (JSONSerialization on Linux rounds this one to a neighbour).
        let exact = [2.0660279387010116] + v.dropFirst()
        #expect(try InputFiles.parseVectors("{\"vector\": [\(exact.map { "\($0)" }.joined(separator: ","))]}") == [exact])
        #expect(
            throws: EOSClientError.invalidInput(
                message: "input: expected {\"vector\": [107 numbers]} or a JSON array of 107 numbers")
        ) {
            try InputFiles.parseVectors("{\"vector\": [\"x\"]}")
        }
        let line = "{\"vector\": [\(text.joined(separator: ","))]}"
        #expect(try InputFiles.parseVectors(line + "\n[\(text.joined(separator: ","))]") == [v, v], "JSON lines")
        #expect(throws: EOSClientError.invalidInput(message: "input: not valid JSON")) {
            try InputFiles.parseVectors("{\"vector\": [1,")
        }
        #expect(throws: EOSClientError.invalidInput(message: "input line 2: not valid JSON")) {
            try InputFiles.parseVectors(line + "\n[1, 2")
        }
    }

    @Test("EOS tables: CSV with a header naming the columns in any order, cs2 optional; JSON with eos, a decode answer or bare columns")
    func eosTables() throws {
        let csv =
            "# from eos-client decode --format csv\nn_b_fm3,energy_density_MeV_fm3,pressure_MeV_fm3,cs2\n0.09,84.3,0.46,0.013\n\n0.1,95,0.6,0.016\n"
        #expect(
            try InputFiles.parseEOSTable(csv)
                == EncodeEOSTable(
                    baryonDensity: [0.09, 0.1], energyDensity: [84.3, 95], pressure: [0.46, 0.6],
                    soundSpeedSquared: [0.013, 0.016]))
        let reordered = try InputFiles.parseEOSTable("P,id,Epsilon,NB\n0.46,a,84.3,0.09\n")
        #expect(reordered == EncodeEOSTable(baryonDensity: [0.09], energyDensity: [84.3], pressure: [0.46], soundSpeedSquared: nil))
        let columns = #"{"n_b": [0.09], "energy_density": [84.3], "pressure": [0.46]}"#
        #expect(try InputFiles.parseEOSTable(columns) == reordered)
        #expect(try InputFiles.parseEOSTable(#"{"eos": \#(columns)}"#) == reordered)
        #expect(try InputFiles.parseEOSTable(#"{"m_max": 2.05, "eos": \#(columns), "vector": [1]}"#) == reordered)
        #expect(
            throws: EOSClientError.invalidInput(
                message:
                    "t.csv line 1: the header has no pressure column (need n_b, energy_density, pressure and optionally cs2; found: n_b,energy_density)"
            )
        ) {
            try InputFiles.parseEOSTable("n_b,energy_density\n0.09,84.3\n", source: "t.csv")
        }
        #expect(throws: EOSClientError.invalidInput(message: "input line 3: column energy_density: 'x' is not a number")) {
            try InputFiles.parseEOSTable("n_b,energy_density,pressure\n0.09,84.3,0.46\n0.1,x,0.6\n")
        }
        #expect(throws: EOSClientError.self) { try InputFiles.parseEOSTable(#"{"n_b": [0.09]}"#) }
        #expect(throws: EOSClientError.self) { try InputFiles.parseEOSTable("  \n") }
    }

    @Test("error exit codes: 2 input, 3 unreachable, 4 server")
    func exitCodes() {
        #expect(EOSClientError.invalidInput(message: "x").exitCode == 2)
        #expect(EOSClientError.unreachable(server: "s", message: "m").exitCode == 3)
        #expect(EOSClientError.server(status: 500, code: nil, message: "m", field: nil).exitCode == 4)
        #expect(EOSClientError.invalidResponse(message: "m").exitCode == 4)
    }
}
