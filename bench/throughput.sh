#!/usr/bin/env bash
# throughput.sh [PAGES]: sohoa against the plain tesseract CLI on the same
# pages, measured in one run on this machine.  Appends a table to
# bench/RESULTS.md.  Needs a built tree in build/ (scripts/build.sh).
#
# Every figure is computed here, from a clock or from ground truth.
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-40}
B=build
W=$(mktemp -d /tmp/sohoa-bench.XXXXXX)
chmod 755 "$W"
trap 'rm -rf "$W"' EXIT
export SOHOA_STATE_DIR=${SOHOA_STATE_DIR:-$W/state}
unset DATABASE_URL PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGSERVICE
cores=$(nproc)
model=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')

# The same pages for everyone: PNG folders, so the CLI reads the same files.
$B/bench/sohoa-gen --out "$W/c" --dossiers $((pages / 3 + 1)) --pages "$pages" \
	--seed 42 --format png >/dev/null
n=$(find "$W/c/dossiers" -name '*.png' | wc -l)
$B/pipeline/sohoa db start >/dev/null
sock="$SOHOA_STATE_DIR/run"

now() { date +%s.%N; }
ppm() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.1f", n * 60 / s }'; }

sohoa_run() { # NAME JOBS [extra args]
	local name=$1 jobs=$2 t0 t1
	shift 2
	psql "host=$sock dbname=postgres user=sohoa" -qX -c "DROP DATABASE IF EXISTS b_$name" \
		-c "CREATE DATABASE b_$name" >/dev/null
	t0=$(now)
	$B/pipeline/sohoa run -j "$jobs" --quiet --db "host=$sock dbname=b_$name user=sohoa" \
		--truth "$W/c/truth" --report "$W/$name.json" "$@" "$W/c/dossiers" >/dev/null
	t1=$(now)
	echo "$t1 $t0" | awk '{ printf "%.1f", $1 - $2 }'
}

cli_run() { # NAME PARALLEL OMP_LIMIT(empty = unlimited)
	local name=$1 par=$2 lim=$3 t0 t1
	mkdir -p "$W/$name"
	t0=$(now)
	find "$W/c/dossiers" -name '*.png' | sort | while read -r f; do
		d=$(basename "$(dirname "$f")")
		echo "$f $W/$name/$d/$(basename "$f" .png)"
	done | {
		if [ -n "$lim" ]; then export OMP_THREAD_LIMIT=$lim; else unset OMP_THREAD_LIMIT; fi
		xargs -P "$par" -L 1 sh -c 'mkdir -p "$(dirname "$1")"; tesseract "$0" "$1" -l vie --psm 3 2>/dev/null'
	}
	t1=$(now)
	echo "$t1 $t0" | awk '{ printf "%.1f", $1 - $2 }'
}
pct() { awk -v v="$1" 'BEGIN { printf "%.2f%%", 100 * v }'; }

echo "corpus: $n pages (PNG, 300 dpi, forms and prose, some blank)"
s1=$(sohoa_run j1 1)
s2=$(sohoa_run j2 2)
s2i=$(sohoa_run j2inner 2 --tesseract-threads)
c2=$(cli_run cli2 "$cores" 1)
c1u=$(cli_run cli1u 1 "")
cer_cli=$($B/bench/sohoa-cer "$W/c/truth" "$W/cli2")
cer_s=$(pct "$(grep -o '"cer": *[0-9.e-]*' "$W/j2.json" | head -1 | sed 's/.*: *//')")
cer_cli_v=$(pct "$(echo "$cer_cli" | grep -o '"cer": *[0-9.e-]*' | sed 's/.*: *//')")

p_s1=$(ppm "$n" "$s1"); p_s2=$(ppm "$n" "$s2"); p_s2i=$(ppm "$n" "$s2i")
p_c2=$(ppm "$n" "$c2"); p_c1u=$(ppm "$n" "$c1u")
ratio=$(awk -v a="$p_s2" -v b="$p_c2" 'BEGIN { printf "%.2f", a / b }')
ratio_i=$(awk -v a="$p_s2" -v b="$p_s2i" 'BEGIN { printf "%.2f", a / b }')

table=$(cat <<TXT

### Throughput, $(date -u +%Y-%m-%d) ($n pages)

Machine: $cores cores, $model. Command: \`bench/throughput.sh $pages\` (one run; all rows on the same pages).

| pipeline | jobs | seconds | pages/min | CER (all non-blank pages) |
|---|---|---|---|---|
| sohoa (OCR + store in PostgreSQL) | 1 | $s1 | $p_s1 | |
| sohoa (OCR + store in PostgreSQL) | 2 | $s2 | $p_s2 | $cer_s |
| sohoa, Tesseract's own OpenMP left on | 2 | $s2i | $p_s2i | |
| tesseract CLI, one process per page, OMP_THREAD_LIMIT=1 | $cores in parallel | $c2 | $p_c2 | $cer_cli_v |
| tesseract CLI, OpenMP unlimited | 1 at a time | $c1u | $p_c1u | |

Ratios: sohoa 2 jobs / tesseract CLI $cores parallel = **$ratio**; sohoa with Tesseract's threads off / on = **$ratio_i**.
TXT
)
echo "$table"
echo "$table" >>bench/RESULTS.md
