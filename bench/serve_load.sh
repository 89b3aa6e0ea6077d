#!/usr/bin/env bash
# serve_load.sh - the reuse service under load, measured with wrk on
# loopback: GET /v1/subjects/{id} for random persons of the store, then
# full-text search for random names.  Every request is audited, so the
# audit rows written are checked against wrk's request count.
#
#   bench/serve_load.sh --db CONNINFO [--duration S] [--connections N]
#                       [--search-connections N] [--threads N]
#
# The store needs documents: load them with build/bench/sohoa-load.
set -euo pipefail
cd "$(dirname "$0")/.."
SOHOA=${SOHOA:-build/pipeline/sohoa}
db="" duration=30 conns=32 sconns=8 threads=""
while [ $# -gt 0 ]; do
	case $1 in
	--db) db=$2; shift 2 ;;
	--duration) duration=$2; shift 2 ;;
	--connections) conns=$2; shift 2 ;;
	--search-connections) sconns=$2; shift 2 ;;
	--threads) threads=$2; shift 2 ;;
	*) echo "usage: $0 --db CONNINFO [--duration S] [--connections N] [--search-connections N] [--threads N]" >&2; exit 2 ;;
	esac
done
[ -n "$db" ] || { echo "serve_load: --db is required" >&2; exit 2; }
command -v wrk >/dev/null || { echo "serve_load: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
work=$(mktemp -d /tmp/sohoa-load.XXXXXX)
srv=""
trap '[ -n "$srv" ] && kill $srv 2>/dev/null; rm -rf "$work"' EXIT
q() { psql "$db" -qAtX -v ON_ERROR_STOP=1 -c "$1"; }

"$SOHOA" db migrate --db "$db" >/dev/null
docs=$(q "SELECT count(*) FROM documents")
q "SELECT s.key FROM subjects s WHERE s.kind = 'person' AND EXISTS
     (SELECT 1 FROM document_subjects ds WHERE ds.subject_id = s.id)
   ORDER BY random() LIMIT 20000" >"$work/ids"
# Two words of a name (family and last given name): a realistic query
# that matches many pages.
q "SELECT replace(split_part(sohoa_fold(display_name), ' ', 1) || ' ' ||
              reverse(split_part(reverse(sohoa_fold(display_name)), ' ', 1)), ' ', '%20')
   FROM subjects WHERE kind = 'person' ORDER BY random() LIMIT 2000" >"$work/names"
export SOHOA_TOKEN
SOHOA_TOKEN=$("$SOHOA" token create --db "$db" --agency serve-load --scope read --rate-limit 0 \
	--note "bench/serve_load.sh" --json | jq -r .token)
"$SOHOA" serve --db "$db" --listen 127.0.0.1:0 --quiet ${threads:+--threads $threads} \
	>"$work/serve.out" 2>"$work/serve.err" &
srv=$!
for _ in $(seq 100); do grep -q listening "$work/serve.out" && break; sleep 0.1; done
port=$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$work/serve.out")
[ -n "$port" ] || { cat "$work/serve.err" >&2; exit 1; }
base="http://127.0.0.1:$port"

echo "store: $docs documents; server threads: ${threads:-default (2 per core)}; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
# Warm the caches and the prepared statements, as a running service is.
wrk -t2 -c"$conns" -d5s -s bench/wrk/ids.lua "$base" -- "$work/ids" /v1/subjects/ >/dev/null
a0=$(q "SELECT count(*) FROM audit")
wrk -t2 -c"$conns" -d"${duration}s" --latency -s bench/wrk/ids.lua "$base" -- "$work/ids" /v1/subjects/ >"$work/subj.txt"
a1=$(q "SELECT count(*) FROM audit")
sed -n 's/^RESULT/subject lookup, '"$conns"' connections:/p' "$work/subj.txt"
wrk -t2 -c"$sconns" -d"${duration}s" --latency -s bench/wrk/ids.lua "$base" -- "$work/names" "/v1/search?q=" "&limit=20" >"$work/search.txt"
sed -n 's/^RESULT/search, '"$sconns"' connections:/p' "$work/search.txt"
req=$(sed -n 's/^RESULT requests=\([0-9]*\).*/\1/p' "$work/subj.txt")
echo "audit rows written during the subject run: $((a1 - a0)) for $req requests"
