-- wrk script: one POST /v1/decode (default table and curve sizes) at the point in WRK_BODY.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = os.getenv("WRK_BODY")

done = function(summary, latency, requests)
    io.write(string.format("decode: requests=%d non2xx=%d p50=%.2fms p90=%.2fms p99=%.2fms\n", summary.requests,
        summary.errors.status, latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000))
end
