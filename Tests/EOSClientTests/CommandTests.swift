import APIModels
import Foundation
import Testing

/// `eos-client` against a live in-process `eos-server` (tiny fixture model) on a loopback port chosen by the OS.
@Suite("eos-client against a live server")
struct CommandTests {
    @Test("health reports live and ready; models as table and json; --server wins over EOS_SERVER")
    func healthAndModels() throws {
        let health = try Client.run(["health"], server: liveURL)
        #expect(health.status == 0, "\(health.stderr)")
        #expect(health.stdout == "\(liveURL): live ok, ready ok\n")

        let flag = try Client.run(["health", "--server", liveURL], server: "http://127.0.0.1:1")
        #expect(flag.status == 0, "\(flag.stderr)")
        // Connection options before the subcommand too; the subcommand's own win.
        let before = try Client.run(["--server", liveURL, "--attempts", "1", "health"], server: "http://127.0.0.1:1")
        #expect(before.status == 0 && before.stdout == "\(liveURL): live ok, ready ok\n", "\(before.stderr)")
        let after = try Client.run(["--server", "http://127.0.0.1:1", "health", "--server", liveURL], server: nil)
        #expect(after.status == 0, "\(after.stderr)")
        let beforeOnly = try Client.run(
            ["--server", "http://127.0.0.1:1", "--attempts", "1", "--connect-timeout", "2", "health"],
            server: liveURL)
        #expect(beforeOnly.status == 3, "the option before the subcommand is used: \(beforeOnly.stderr)")

        let table = try Client.run(["models"], server: liveURL)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.hasPrefix("model tiny\n"))
        #expect(table.stdout.contains("m_max") && table.stdout.contains("Msun") && table.stdout.contains("points/batch"))

        let json = try Client.run(["models", "--format", "json"], server: liveURL)
        #expect(json.status == 0, "\(json.stderr)")
        let models = jsonObject(json.stdout)["models"] as? [[String: Any]] ?? []
        #expect(models.first?["name"] as? String == "tiny")
        #expect((models.first?["training_region"] as? [String: Any])?["m_max"] != nil)
    }

    @Test("decode as table, json and csv (EOS table), with a negative z and to a file")
    func decodeFormats() throws {
        let point = goodPoints[0]
        let common = ["decode", "--m-max", "\(point.m)", "--r14", "\(point.r)", "--z", "-0.5", "--eos-points", "30", "--mr-points", "12"]

        let table = try Client.run(common, server: liveURL)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("M_max ") && table.stdout.contains("R_1.4 ") && table.stdout.contains("Lambda_1.4 "))
        #expect(table.stdout.contains("z = [-0.5000]"))
        let curveRows = table.stdout.components(separatedBy: "M [Msun]")[1].split(separator: "\n").dropFirst()
        #expect(curveRows.count == 12)

        let json = try Client.run(common + ["--format", "json"], server: liveURL)
        #expect(json.status == 0, "\(json.stderr)")
        let result = jsonObject(json.stdout)
        #expect(((result["input"] as? [String: Any])?["z"] as? [Double]) == [-0.5])
        #expect(((result["eos"] as? [String: Any])?["pressure"] as? [Double])?.count == 30)
        #expect((result["vector"] as? [Double])?.count == 107)
        let mMax = try #require(result["m_max"] as? Double)
        #expect(table.stdout.contains(String(format: "M_max          %.4f Msun", mMax)))

        let output = FileManager.default.temporaryDirectory.appendingPathComponent("eos-client-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let csv = try Client.run(common + ["--format", "csv", "--output", output], server: liveURL)
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout.isEmpty)
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "n_b_fm3,energy_density_MeV_fm3,pressure_MeV_fm3,cs2")
        #expect(lines.count == 31)
        let last = lines.last?.split(separator: ",").compactMap { Double($0) } ?? []
        #expect(last.count == 4 && last[2] == ((result["eos"] as? [String: Any])?["pressure"] as? [Double])?.last)
    }

    @Test("encode: the vector of a decoded EOS encodes back near its point, from a file or a pipe, in every format")
    func encode() throws {
        let point = goodPoints[0]
        let decoded = try Client.run(["decode", "--m-max", "\(point.m)", "--r14", "\(point.r)", "--format", "json"], server: liveURL)
        let vector = try #require(jsonObject(decoded.stdout)["vector"] as? [Double])
        let file = try temporaryFile(vector.map { "\($0)" }.joined(separator: "\n") + "\n", suffix: ".txt")
        defer { try? FileManager.default.removeItem(atPath: file) }

        let json = try Client.run(["encode", file, "--format", "json"], server: liveURL)
        #expect(json.status == 0, "\(json.stderr)")
        let latent = jsonObject(json.stdout)
        // JSONDecoder, not JSONSerialization: on Linux the latter can read a 17-digit double one ulp off.
        let mMax = try JSONDecoder().decode(EncodeResponse.self, from: Data(json.stdout.utf8)).maximumMass
        let r14 = try #require(latent["r_14"] as? Double)
        #expect(abs(mMax - point.m) < 0.15 && abs(r14 - point.r) < 0.6, "encoded (\(mMax), \(r14))")
        #expect((latent["mu_v"] as? [Double])?.count == 1 && (latent["sigma_v"] as? [Double])?.count == 1)

        let piped = try Client.run(
            ["encode", "-", "--format", "csv"], server: liveURL,
            stdin: "{\"vector\": [\(vector.map { "\($0)" }.joined(separator: ","))]}")
        #expect(piped.status == 0, "\(piped.stderr)")
        let rows = piped.stdout.split(separator: "\n")
        #expect(rows.first == "m_max,r_14,mu_v0,sigma_v0,inside_training_region" && rows.count == 2)
        #expect(Double(rows[1].split(separator: ",")[0]) == mMax)

        let table = try Client.run(["encode", file], server: liveURL)
        #expect(table.status == 0 && table.stdout.hasPrefix("M_max ") && table.stdout.contains("sigma_v ["))

        let short = try temporaryFile("0.1, 0.2, 0.3\n", suffix: ".txt")
        defer { try? FileManager.default.removeItem(atPath: short) }
        let bad = try Client.run(["encode", short], server: liveURL)
        #expect(bad.status == 2)
        #expect(bad.stderr == "eos-client: error: \(short): vector 1 has 3 numbers, expected 107\n")
    }

    /// decode --format csv writes the EOS table; encode --eos-table posts it back. The CSV numbers are shortest
    /// round-trip text, so the CSV and the JSON form of the same answer encode identically.
    @Test("encode --eos-table: the EOS table of decode (CSV or JSON) encodes back near its point")
    func encodeTable() throws {
        let point = goodPoints[0]
        let csvFile = try temporaryFile("", suffix: ".csv"), jsonFile = try temporaryFile("", suffix: ".json")
        defer { try? FileManager.default.removeItem(atPath: csvFile); try? FileManager.default.removeItem(atPath: jsonFile) }
        for (format, file) in [("csv", csvFile), ("json", jsonFile)] {
            let decoded = try Client.run(
                [
                    "decode", "--m-max", "\(point.m)", "--r14", "\(point.r)", "--eos-points", "200",
                    "--format", format, "-o", file,
                ], server: liveURL)
            #expect(decoded.status == 0, "\(decoded.stderr)")
        }
        let decodedMass = try #require(jsonObject(try String(contentsOfFile: jsonFile, encoding: .utf8))["m_max"] as? Double)
        let fromCSV = try Client.run(["encode", "--eos-table", csvFile, "--format", "json"], server: liveURL)
        #expect(fromCSV.status == 0, "\(fromCSV.stderr)")
        let latent = jsonObject(fromCSV.stdout)
        // The exact value through JSONDecoder (JSONSerialization, behind `jsonObject`, can be one ulp off on Linux).
        struct Mass: Decodable { var m_max: Double }
        let mMax = try JSONDecoder().decode(Mass.self, from: Data(fromCSV.stdout.utf8)).m_max
        // The tiny test model's encoder is rough: as in the vector test above.
        #expect(abs(mMax - decodedMass) < 0.15, "encoded \(mMax), decoded \(decodedMass)")
        #expect((latent["vector"] as? [Double])?.count == 107)
        let fromJSON = try Client.run(["encode", "--eos-table", jsonFile, "--format", "csv"], server: liveURL)
        #expect(fromJSON.status == 0, "\(fromJSON.stderr)")
        #expect(fromJSON.stdout.split(separator: "\n").last.map { Double($0.split(separator: ",")[0]) } == mMax)

        let bad = try temporaryFile("n_b,energy_density,pressure\n0.09,84.3,0.46\n", suffix: ".csv")
        defer { try? FileManager.default.removeItem(atPath: bad) }
        let refused = try Client.run(["encode", "--eos-table", bad], server: liveURL)
        #expect(refused.status == 4)
        #expect(
            refused.stderr.contains("server answered HTTP 422 invalid_length") && refused.stderr.hasSuffix("(field eos.pressure)\n"),
            "\(refused.stderr)")
    }

    @Test("a 4xx answer exits 4 with the server's message on one line")
    func serverError() throws {
        let result = try Client.run(["decode", "--m-max", "\(outOfRangePoint.m)", "--r14", "\(outOfRangePoint.r)"], server: liveURL)
        #expect(result.status == 4)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("eos-client: error: server answered HTTP 422 out_of_range: m_max = 5.0 Msun is outside"))
        #expect(result.stderr.hasSuffix("(field m_max)\n") && result.stderr.split(separator: "\n").count == 1)
    }

    @Test(
        "usage errors exit 2",
        arguments: [
            ["decode", "--m-max", "2.1"],
            ["decode", "--m-max", "2.1", "--r14", "12", "--format", "xml"],
            ["decode", "--m-max", "2.1", "--r14", "12", "--z", "abc"],
            ["batch"],
            ["batch", "-", "--full", "--format", "csv"],
            ["batch", "-", "--chunk-size", "0"],
            ["health", "--timeout", "0"],
            ["--timeout", "0", "health"],
            ["frobnicate"],
        ])
    func usage(arguments: [String]) throws {
        let result = try Client.run(arguments, server: liveURL)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.hasPrefix("Error: "), "\(result.stderr)")
    }

    @Test("--help exits 0 and lists the subcommands")
    func help() throws {
        let result = try Client.run(["--help"])
        #expect(result.status == 0)
        for command in ["health", "models", "decode", "batch", "encode", "Exit codes"] {
            #expect(result.stdout.contains(command))
        }
    }
}
