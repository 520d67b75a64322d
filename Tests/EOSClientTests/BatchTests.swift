import Foundation
import Testing

/// `eos-client batch`: files and pipes, CSV and JSON lines, scalars and `--full`, chunking, failures.
@Suite("eos-client batch")
struct BatchTests {
    /// `count` good points cycling through ``goodPoints`` as CSV with a header.
    func csv(_ count: Int, header: String = "m_max,r_14") -> String {
        ([header] + (0..<count).map { "\(goodPoints[$0 % goodPoints.count].m),\(goodPoints[$0 % goodPoints.count].r)" })
            .joined(separator: "\n") + "\n"
    }

    @Test("CSV file → CSV rows in input order, chunked, progress and summary on stderr, exit 0")
    func csvFile() throws {
        let file = try temporaryFile(csv(10), suffix: ".csv")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try Client.run(["batch", file, "--chunk-size", "3", "--concurrency", "2"], server: liveURL)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(
            lines.first
                == "index,ok,in_m_max,in_r_14,in_z0,m_max,r_14,lambda_14,m_max_relative_error,r_14_error_km,error_code,error_message")
        #expect(lines.count == 11)
        for (row, line) in lines.dropFirst().enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(cells.count == 12)
            #expect(cells[0] == "\(row)" && cells[1] == "true")
            #expect(Double(cells[2]) == goodPoints[row % goodPoints.count].m && Double(cells[3]) == goodPoints[row % goodPoints.count].r)
            #expect(Double(cells[5]) != nil && Double(cells[7]) != nil)
        }
        #expect(result.stderr.contains("batch: 3/10 points (30%)") && result.stderr.contains("points/s, 0 failed"))
        #expect(result.stderr.hasSuffix(" points/s), 0 failed\n"))
        #expect(result.stderr.contains("batch: 10 points in "))
    }

    @Test("standard input → standard output: JSON lines in and out, so it pipes")
    func pipe() throws {
        let input = goodPoints.map { "{\"m_max\": \($0.m), \"r_14\": \($0.r), \"z\": [-0.8]}" }.joined(separator: "\n") + "\n"
        let result = try Client.run(["batch", "-", "--quiet"], server: liveURL, stdin: input)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").map { jsonObject(String($0)) }
        #expect(rows.count == goodPoints.count)
        for (index, row) in rows.enumerated() {
            #expect(row["index"] as? Int == index && row["ok"] as? Bool == true)
            #expect((row["input"] as? [String: Any])?["z"] as? [Double] == [-0.8])
            #expect(row["m_max"] is Double && row["r_14"] is Double && row["lambda_14"] is Double)
            #expect(row["mass_radius"] == nil)
        }
        #expect(!result.stderr.contains("%)"), "--quiet prints no progress line")
        #expect(result.stderr.hasPrefix("batch: 4 points in "))

        let csvOut = try Client.run(["batch", "-", "--format", "csv", "-q"], server: liveURL, stdin: input)
        #expect(csvOut.status == 0 && csvOut.stdout.split(separator: "\n").count == goodPoints.count + 1)
    }

    @Test("--full writes the whole result as JSON lines (EOS table, curve, diagnostics)")
    func full() throws {
        let result = try Client.run(
            ["batch", "-", "--full", "--eos-points", "15", "--mr-points", "7", "-q"],
            server: liveURL, stdin: csv(2, header: "r_14,m_max").replacingOccurrences(of: "r_14,m_max", with: "m_max,r_14"))
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").map { jsonObject(String($0)) }
        #expect(rows.count == 2)
        let first = rows[0]["result"] as? [String: Any] ?? [:]
        #expect(((first["eos"] as? [String: Any])?["pressure"] as? [Double])?.count == 15)
        #expect(((first["mass_radius"] as? [String: Any])?["mass"] as? [Double])?.count == 7)
        #expect(first["diagnostics"] is [String: Any] && (first["vector"] as? [Double])?.count == 107)
    }

    @Test("failed points get error rows, the summary counts them, exit 5")
    func failures() throws {
        let input = "# a comment\nm_max,r_14,id\n2.1,12.0,a\n5.0,12.0,b\n2.05,12.5,c\n"
        let result = try Client.run(["batch", "-"], server: liveURL, stdin: input)
        #expect(result.status == 5)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("0,true,2.1,12.0,"))
        #expect(lines[2].hasPrefix("1,false,5.0,12.0,") && lines[2].contains(",out_of_range,"))
        #expect(lines[3].hasPrefix("2,true,"))
        #expect(result.stderr.contains("points/s), 1 failed\n"))
        #expect(result.stderr.hasSuffix("eos-client: error: 1 of 3 points failed (see their error rows)\n"))
    }

    @Test("unreadable input exits 2 naming the line")
    func badInput() throws {
        let csvResult = try Client.run(["batch", "-"], server: liveURL, stdin: "2.1,12.0\n2.1,abc\n")
        #expect(csvResult.status == 2)
        #expect(csvResult.stderr == "eos-client: error: standard input line 2: column r_14: 'abc' is not a finite number\n")

        let jsonResult = try Client.run(["batch", "-"], server: liveURL, stdin: "{\"m_max\": 2.1, \"r_14\": 12}\n{\"m_max\": 2.1}\n")
        #expect(jsonResult.status == 2)
        #expect(jsonResult.stderr.hasPrefix("eos-client: error: standard input line 2: expected {\"m_max\""))
        #expect(jsonResult.stderr.contains("missing r_14"))

        let missing = try Client.run(["batch", "/nonexistent/points.csv"], server: liveURL)
        #expect(missing.status == 2 && missing.stderr.hasPrefix("eos-client: error: cannot read /nonexistent/points.csv"))
    }
}
