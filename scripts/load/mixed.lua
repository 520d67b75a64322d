-- wrk script: POST /v1/decode (7 of 8 requests) and POST /v1/decode/batch with 16 points, scalars only
-- (1 of 8), at points inside the model's training region written by run.sh to WRK_POINTS (one "m r" per line).
local points = {}
for line in io.lines(os.getenv("WRK_POINTS")) do
    local m, r = line:match("(%S+) (%S+)")
    points[#points + 1] = string.format('{"m_max": %s, "r_14": %s}', m, r)
end
local counter = 0
local headers = { ["Content-Type"] = "application/json" }

request = function()
    counter = counter + 1
    local point = points[(counter % #points) + 1]
    if counter % 8 == 0 then
        local batch = {}
        for i = 1, 16 do batch[i] = points[((counter + i) % #points) + 1] end
        return wrk.format("POST", "/v1/decode/batch", headers,
            '{"include": "scalars", "mr_points": 20, "points": [' .. table.concat(batch, ",") .. ']}')
    end
    return wrk.format("POST", "/v1/decode", headers, point:sub(1, -2) .. ', "eos_points": 100, "mr_points": 30}')
end

done = function(summary, latency, requests)
    io.write(string.format("mixed: requests=%d non2xx=%d socket_errors=%d p50=%.2fms p99=%.2fms\n",
        summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
