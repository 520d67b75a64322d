import APIModels
import EOSClient
import Foundation
import Testing

/// `EOSServiceClient` used as a library against the live server.
@Suite("EOSClient library")
struct LibraryTests {
    @Test("decodeBatch: chunks answered out of order are delivered in point order with global indices and progress")
    func batchOrder() throws {
        let client = try EOSServiceClient(configuration: EOSClientConfiguration(serverURL: liveURL))
        let points = (0..<9).map { i in
            i == 4
                ? LatentPointInput(maximumMass: outOfRangePoint.m, radius14: outOfRangePoint.r)
                : LatentPointInput(maximumMass: goodPoints[i % goodPoints.count].m, radius14: goodPoints[i % goodPoints.count].r)
        }
        var reports: [BatchProgress] = []
        let items = try client.decodeBatch(points, options: BatchOptions(chunkSize: 2, concurrency: 4), progress: { reports.append($0) })
        #expect(items.map(\.index) == Array(0..<9))
        #expect(items.map(\.ok) == (0..<9).map { $0 != 4 })
        #expect(items[4].error?.field == "points[0].m_max", "the server's field path is relative to the chunk")
        for (item, point) in zip(items, points) where item.ok {
            #expect(item.result?.input.maximumMass == point.maximumMass && item.result?.input.radius14 == point.radius14)
        }
        #expect(reports.map(\.completedPoints) == [2, 4, 6, 8, 9])
        #expect(reports.last?.failedPoints == 1 && reports.last?.isComplete == true)

        let single = try client.decode(DecodeRequest(maximumMass: goodPoints[0].m, radius14: goodPoints[0].r))
        let batched = try #require(items[0].result)
        // Same point, same server: /v1/decode (full) and a scalars batch agree to the TOV tolerance (rtol 1e-6;
        // measured 5e-7 M☉ apart, the two paths stop the maximum-mass search at slightly different stars).
        #expect(
            abs(single.maximumMass - batched.maximumMass) < 1e-5 && abs(single.radius14 - batched.radius14) < 1e-5,
            "single \(single.maximumMass) \(single.radius14), batch \(batched.maximumMass) \(batched.radius14)")
        #expect(try client.models().models.first?.name == "tiny")
        #expect(try client.health().status == "ok" && client.readiness().status == "ok")
    }

    @Test("a request failure stops the batch and is thrown after the chunks before it")
    func batchFailure() throws {
        let url = try closedPortURL()
        let client = try EOSServiceClient(configuration: EOSClientConfiguration(serverURL: url, maxAttempts: 1))
        var delivered = 0
        #expect(throws: EOSClientError.self) {
            try client.decodeBatch([LatentPointInput(maximumMass: 2.1, radius14: 12)], onResults: { delivered += $0.count })
        }
        #expect(delivered == 0)
        do {
            _ = try client.models()
            Issue.record("expected a failure")
        } catch {
            #expect(error.exitCode == 3)
        }
    }
}
