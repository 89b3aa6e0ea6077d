-- wrk script: GET PREFIX<value><SUFFIX> for values read from a file, in
-- random order; prints one RESULT line that serve_load.sh parses.
-- Arguments after "--": FILE PREFIX [SUFFIX].  Token in $SOHOA_TOKEN.
local values, prefix, suffix = {}, "/", ""
local token = os.getenv("SOHOA_TOKEN") or ""
local counter = 0

function setup(thread)
	counter = counter + 1
	thread:set("tid", counter)
end

function init(args)
	for line in io.lines(args[1]) do
		values[#values + 1] = line
	end
	prefix = args[2] or "/"
	suffix = args[3] or ""
	math.randomseed(os.time() * 100 + (tid or 0))
end

function request()
	local v = values[math.random(#values)]
	return wrk.format("GET", prefix .. v .. suffix, {
		["Authorization"] = "Bearer " .. token,
		["X-Purpose"] = "load test",
	})
end

function done(summary, latency, requests)
	local e = summary.errors
	io.write(string.format(
		"RESULT requests=%d seconds=%.3f rps=%.1f non2xx=%d connect=%d read=%d write=%d timeout=%d " ..
		"p50_ms=%.3f p90_ms=%.3f p95_ms=%.3f p99_ms=%.3f max_ms=%.3f\n",
		summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
		e.status, e.connect, e.read, e.write, e.timeout,
		latency:percentile(50) / 1e3, latency:percentile(90) / 1e3, latency:percentile(95) / 1e3,
		latency:percentile(99) / 1e3, latency.max / 1e3))
end
