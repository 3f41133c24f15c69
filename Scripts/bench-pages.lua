-- wrk script for Scripts/bench's desk pages: the same GET on every request (the URL and the
-- session cookie come from the command line); at the end, the percentiles the target names.
done = function(summary, latency, requests)
    io.write(string.format("p50_ms %.2f\n", latency:percentile(50) / 1000))
    io.write(string.format("p95_ms %.2f\n", latency:percentile(95) / 1000))
    io.write(string.format("p99_ms %.2f\n", latency:percentile(99) / 1000))
    io.write(string.format("rps %.1f\n", summary.requests / (summary.duration / 1e6)))
    io.write(string.format("bad %d\n", summary.errors.status + summary.errors.connect + summary.errors.read
        + summary.errors.write + summary.errors.timeout))
end
