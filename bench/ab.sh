#!/usr/bin/env bash
# ab.sh A_SOHOA B_SOHOA INPUT [ROUNDS [JOBS]]: two sohoa binaries on the
# same input, alternating A, B, A, B... (ROUNDS pairs, default 5, at JOBS
# jobs, default 2), each run into a fresh database of a private cluster.
# Prints each run's wall, Recognize and OCR-stage seconds, their means,
# B against A, and whether B's exported texts and documents equal A's.
#
# For a change that should only save time: copy the binary before and
# after it aside (rebuilding would disturb a run), then compare.  The
# machine's noise moves single runs by several percent; alternating and
# averaging in one session keeps both sides under the same load.
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: ab.sh A_SOHOA B_SOHOA INPUT [ROUNDS [JOBS]]" >&2; exit 2; }
A=$(realpath "$1") B=$(realpath "$2") IN=$(realpath "$3") rounds=${4:-5} jobs=${5:-2}
W=$(mktemp -d /tmp/sohoa-ab.XXXXXX)
chmod 755 "$W"
export SOHOA_STATE_DIR=$W/state
unset DATABASE_URL PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGSERVICE
"$A" db start >/dev/null
trap '"$A" db stop >/dev/null 2>&1 || true; rm -rf "$W"' EXIT
H="host='$SOHOA_STATE_DIR/run' user=sohoa"

one() { # NAME BINARY ROUND
	local db="ab_${1,,}_$3" t0 t1
	psql "$H dbname=sohoa" -qc "drop database if exists $db" -c "create database $db" \
		>/dev/null 2>&1
	"$2" db migrate --db "$H dbname=$db" >/dev/null
	t0=$(date +%s.%N)
	"$2" run -j "$jobs" --quiet --db "$H dbname=$db" --report "$W/$1_$3.json" "$IN" \
		>/dev/null 2>"$W/$1_$3.err" || [ $? -eq 3 ]
	t1=$(date +%s.%N)
	"$2" export --db "$H dbname=$db" --out "$W/text_$1_$3" >/dev/null
	psql "$H dbname=sohoa" -qc "drop database $db" >/dev/null
	printf '%s\t%d\t%.3f\t%.3f\t%.3f\n' "$1" "$3" "$(echo "$t1 - $t0" | bc)" \
		"$(jq .stages.recognize_s "$W/$1_$3.json")" "$(jq .stages.ocr_s "$W/$1_$3.json")" |
		tee -a "$W/runs.tsv"
}

echo "# A: $A"
echo "# B: $B"
echo "# input: $IN, $rounds rounds at $jobs jobs; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
printf 'run\tround\twall_s\trecognize_s\tocr_s\n'
for i in $(seq 1 "$rounds"); do
	one A "$A" "$i"
	one B "$B" "$i"
done
awk -F'\t' '{ n[$1]++; w[$1] += $3; r[$1] += $4; o[$1] += $5 }
	END {
		printf "mean A: wall %.3f s, Recognize %.3f s, OCR stage %.3f s\n", w["A"] / n["A"], r["A"] / n["A"], o["A"] / n["A"]
		printf "mean B: wall %.3f s, Recognize %.3f s, OCR stage %.3f s\n", w["B"] / n["B"], r["B"] / n["B"], o["B"] / n["B"]
		printf "B against A: wall %+.1f%%, Recognize %+.1f%%, OCR stage %+.1f%%\n", 100 * (w["B"] / w["A"] - 1), 100 * (r["B"] / r["A"] - 1), 100 * (o["B"] / o["A"] - 1)
	}' "$W/runs.tsv"
same=yes
for i in $(seq 1 "$rounds"); do
	diff -rq "$W/text_A_$i" "$W/text_B_$i" >/dev/null || same=no
done
echo "texts and documents of B equal A's in every round: $same"
