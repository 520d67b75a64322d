import Foundation
import Testing

/// `eos-client decode` and `batch` with observables, and the lalsuite and macro export formats.
@Suite("eos-client observables and export formats")
struct ObservablesCommandTests {
    @Test("decode --masses --binary --densities --quantities: table and json agree")
    func decodeObservables() throws {
        let point = goodPoints[0]
        let common = [
            "decode", "--m-max", "\(point.m)", "--r14", "\(point.r)", "--masses", "1.3,3.4", "--binary", "1.4:1.2",
            "--densities", "0.16,0.32", "--quantities", "moment_of_inertia,baryon_mass",
        ]
        let json = try Client.run(common + ["--format", "json"], server: liveURL)
        #expect(json.status == 0, "\(json.stderr)")
        let observables = try #require(jsonObject(json.stdout)["observables"] as? [String: Any])
        let stars = try #require(observables["at_masses"] as? [[String: Any]])
        #expect(stars.map { $0["exists"] as? Bool } == [true, false])
        let inertia = try #require(stars[0]["moment_of_inertia"] as? Double)
        let tilde = try #require((observables["binaries"] as? [[String: Any]])?.first?["lambda_tilde"] as? Double)

        let table = try Client.run(common, server: liveURL)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(
            table.stdout.contains("stars at given masses") && table.stdout.contains("binaries")
                && table.stdout.contains("EOS at given densities"))
        #expect(table.stdout.contains(String(format: "%.4f", inertia)), "\(table.stdout)")
        #expect(table.stdout.contains(String(format: "%.4g", tilde)))
        #expect(table.stdout.contains("no star (above M_TOV or below the lightest star)"))

        let bad = try Client.run(["decode", "--m-max", "2.1", "--r14", "12", "--binary", "1.4"], server: liveURL)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--binary"))
        let quantity = try Client.run(["decode", "--m-max", "2.1", "--r14", "12", "--quantities", "spin"], server: liveURL)
        #expect(quantity.status == 2)
        #expect(quantity.stderr.contains("moment_of_inertia"))
    }

    @Test("--format lalsuite writes geometrized (p, eps) in m^-2 from the JSON table; --format macro the curve")
    func exportFormats() throws {
        let point = goodPoints[0]
        let common = ["decode", "--m-max", "\(point.m)", "--r14", "\(point.r)", "--eos-points", "40"]
        let json = jsonObject(try Client.run(common + ["--format", "json"], server: liveURL).stdout)
        let table = try #require(json["eos"] as? [String: [Double]])
        let lal = try Client.run(common + ["--format", "lalsuite"], server: liveURL)
        #expect(lal.status == 0, "\(lal.stderr)")
        let rows = lal.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
            $0.split(separator: " ").compactMap { Double($0) }
        }
        // 1 MeV fm^-3 = 1.3238e-12 m^-2 in G = c = 1 (physics.md: 1.3238333e-6 km^-2); every written row is a table row,
        // ε increases strictly, and only rows whose ε would not increase are left out.
        let pressure = try #require(table["pressure"]), energy = try #require(table["energy_density"])
        var next = 0
        for values in rows {
            let row = try #require(pressure.indices.first { $0 >= next && abs(values[0] / (pressure[$0] * 1.3238333e-12) - 1) < 1e-6 })
            #expect(abs(values[1] / (energy[row] * 1.3238333e-12) - 1) < 1e-6)
            for skipped in next..<row { #expect(energy[skipped] <= energy[..<skipped].max() ?? 0, "row \(skipped) left out") }
            next = row + 1
        }
        #expect(zip(rows, rows.dropFirst()).allSatisfy { $0[1] < $1[1] && $0[0] < $1[0] })
        #expect(rows.count >= 38 && next == 40)
        let macro = try Client.run(common + ["--format", "macro", "--mr-points", "9"], server: liveURL)
        #expect(macro.status == 0, "\(macro.stderr)")
        let lines = macro.stdout.split(separator: "\n")
        #expect(lines.first == "# R_km M_Msun Lambda p_c_MeV_fm3")
        #expect(lines.count == 10)
    }

    @Test("batch: CSV columns mass*, m1, m2, n_b* and --masses become observables columns of the output")
    func batchObservables() throws {
        let point = goodPoints[0]
        let input = try temporaryFile(
            "m_max,r_14,mass_a,mass_b,m1,m2,n_b1\n\(point.m),\(point.r),1.3,3.4,1.4,1.2,0.16\n\(point.m),\(point.r),,,,,\n", suffix: ".csv")
        let result = try Client.run(["batch", input, "--masses", "1.5", "--quiet"], server: liveURL)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        for name in ["m_max_relative_error", "r_14_error_km", "m_tov", "mass1", "radius_km1", "lambda2", "lambda_tilde1", "pressure1"] {
            #expect(header.contains(name), "\(name) missing from \(header)")
        }
        let first = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let second = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        func cell(_ row: [String], _ name: String) -> String { row[header.firstIndex(of: name)!] }
        #expect(cell(first, "mass1") == "1.3" && cell(first, "mass2") == "3.4")
        #expect(Double(cell(first, "radius_km1")) != nil && cell(first, "radius_km2").isEmpty)  // 3.4 Msun: no star
        #expect(Double(cell(first, "lambda_tilde1")) != nil && Double(cell(first, "pressure1")) != nil)
        // The second point has no observables of its own: the shared --masses apply.
        #expect(cell(second, "mass1") == "1.5" && Double(cell(second, "radius_km1")) != nil)
    }
}
