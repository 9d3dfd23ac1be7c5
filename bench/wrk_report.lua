-- Prints the figures bench/today.py reads after a wrk run: one "key value" per line.
-- wrk reports latency in microseconds.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout + summary.errors.status
  io.write(string.format("rps %.2f\n", summary.requests / seconds))
  io.write(string.format("p50_ms %.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("p95_ms %.2f\n", latency:percentile(95) / 1000))
  io.write(string.format("errors %d\n", errors))
end
