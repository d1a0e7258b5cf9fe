-- Shared by the wrk scripts: one machine-readable line at the end.
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local s = summary.errors
  io.write(string.format(
    "RESULT req_s=%.1f p50_ms=%.3f p99_ms=%.3f requests=%d non2xx=%d errors=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.requests, s.status,
    s.connect + s.read + s.write + s.timeout))
end
