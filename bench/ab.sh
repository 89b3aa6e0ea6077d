#!/usr/bin/env bash
# ab.sh A_SOHOA B_SOHOA INPUT [ROUNDS [JOBS]]: two sohoa binaries on the
# same input, ROUNDS rounds (default 6) at JOBS jobs (default 2), each run
# into a fresh database of a private cluster.  Rounds alternate the order
# (A B, then B A, ...) so that neither side always runs first; one
# unscored warm-up run of each comes before.  Prints each run's wall,
# Recognize and OCR-stage seconds, their means and medians, B against A,
# and whether B's exported texts and documents equal A's in every round.
#
# For a change that should only save time: copy the binary before and
# after it aside (rebuilding would disturb a run), then compare.  The
# machine's noise moves single runs by several percent.
#
# Exit status: 0 when every run finished (pages may have failed: they
# are counted), 1 when a run or the set-up failed (its log is printed).
set -euo pipefail
export LC_ALL=C
[ $# -ge 3 ] || { echo "usage: ab.sh A_SOHOA B_SOHOA INPUT [ROUNDS [JOBS]]" >&2; exit 2; }
A=$(realpath "$1") B=$(realpath "$2") IN=$(realpath "$3") rounds=${4:-6} jobs=${5:-2}
# Short on purpose: the cluster's socket path must fit in 107 bytes.
W=$(mktemp -d /tmp/sohoa-ab.XXXXXX)
chmod 755 "$W"
export SOHOA_STATE_DIR=$W/state
unset DATABASE_URL PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGSERVICE
trap '"$A" db stop >/dev/null 2>&1 || true; rm -rf "$W"' EXIT
"$A" db start >/dev/null
H="host='$SOHOA_STATE_DIR/run' user=sohoa"
PSQL=(env PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1)

now() { date +%s.%N; }

one() { # NAME BINARY ROUND: appends a line to runs.tsv unless ROUND is 0
	local db="ab_${1,,}_$3" t0 t1 rc=0
	"${PSQL[@]}" -d "$H dbname=sohoa" -c "drop database if exists $db" \
		-c "create database $db"
	"$2" db migrate --db "$H dbname=$db" >/dev/null
	t0=$(now)
	"$2" run -j "$jobs" --quiet --db "$H dbname=$db" --report "$W/$1_$3.json" "$IN" \
		>/dev/null 2>"$W/$1_$3.err" || rc=$?
	t1=$(now)
	# 4: finished with failed pages; the figures stand, the pages are counted.
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 4 ]; then
		echo "ab.sh: $1 ($2) failed with exit $rc:" >&2
		cat "$W/$1_$3.err" >&2
		exit 1
	fi
	"$2" export --db "$H dbname=$db" --out "$W/text_$1_$3" >/dev/null
	"${PSQL[@]}" -d "$H dbname=sohoa" -c "drop database $db"
	[ "$3" -eq 0 ] && return 0
	printf '%s\t%d\t%.3f\t%.3f\t%.3f\t%d\n' "$1" "$3" \
		"$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" \
		"$(jq .stages.recognize_s "$W/$1_$3.json")" "$(jq .stages.ocr_s "$W/$1_$3.json")" \
		"$(jq .pages.failed "$W/$1_$3.json")" | tee -a "$W/runs.tsv"
}

echo "# A: $A"
echo "# B: $B"
echo "# input: $IN, $rounds rounds at $jobs jobs; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
one A "$A" 0
one B "$B" 0
printf 'run\tround\twall_s\trecognize_s\tocr_s\tfailed_pages\n'
for i in $(seq 1 "$rounds"); do
	if [ $((i % 2)) -eq 1 ]; then
		one A "$A" "$i"
		one B "$B" "$i"
	else
		one B "$B" "$i"
		one A "$A" "$i"
	fi
done
for side in A B; do
	for col in 3 4 5; do
		awk -F'\t' -v s="$side" -v c="$col" '$1 == s { print $c }' "$W/runs.tsv" | sort -g |
			awk '{ v[NR] = $1; t += $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s %.3f %.3f\n", "'"$side"'", t / NR, m }'
	done
done >"$W/stats"
awk '{ k = $1; n[k]++; mean[k, n[k]] = $2; med[k, n[k]] = $3 }
	END {
		split("wall Recognize OCR-stage", name, " ")
		for (i = 1; i <= 3; i++)
			printf "%-10s mean A %.3f s, B %.3f s (%+.1f%%); median A %.3f s, B %.3f s (%+.1f%%)\n", name[i], mean["A", i], mean["B", i], 100 * (mean["B", i] / mean["A", i] - 1), med["A", i], med["B", i], 100 * (med["B", i] / med["A", i] - 1)
	}' "$W/stats"
same=yes
for i in $(seq 1 "$rounds"); do
	diff -rq "$W/text_A_$i" "$W/text_B_$i" >/dev/null || same=no
done
echo "texts and documents of B equal A's in every round: $same"
