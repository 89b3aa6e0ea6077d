#!/usr/bin/env bash
# kill -9 at several moments, then resume: finished pages are not
# redone, none is lost, none appears twice.
. "$(dirname "$0")/lib.sh"
fresh_db it_kill
"$SOHOA_GEN" --out "$WORK/c" --dossiers 5 --seed 11 >/dev/null
total=$(truth_total "$WORK/c/truth")
say "$total pages"

finished() { q "SELECT string_agg(id||':'||extract(epoch from processed_at)||':'||run_id, ',' ORDER BY id) FROM pages WHERE status<>'pending'"; }

kill_when() { # SQL N: start a run, kill -9 it once SQL >= N
	"$SOHOA" run -j 2 --db "$DB" --quiet "$WORK/c/dossiers" >/dev/null 2>&1 &
	local pid=$!
	if ! wait_for "$1" "$2" 300; then
		kill -9 $pid 2>/dev/null || true
		fail "condition '$1' >= $2 never reached"
	fi
	kill -9 $pid 2>/dev/null || true
	wait $pid 2>/dev/null || true
}

# check_kept LIST: every "id:processed_at:run_id" of LIST is unchanged.
check_kept() {
	local rec id
	for rec in $(echo "$1" | tr ',' ' '); do
		id=${rec%%:*}
		expect_eq "page $id redone" "$rec" "$(q "SELECT id||':'||extract(epoch from processed_at)||':'||run_id FROM pages WHERE id=$id")"
	done
}

prev=""
for moment in "SELECT count(*) FROM pages:1" \
	"SELECT count(*) FROM pages WHERE status<>'pending':1" \
	"SELECT count(*) FROM pages WHERE status<>'pending':$((total / 2))"; do
	kill_when "${moment%:*}" "${moment##*:}"
	say "killed at '${moment}': $(q "SELECT count(*) FROM pages WHERE status<>'pending'") of $total finished"
	check_kept "$prev"
	check_words_once
	prev=$(finished)
done
keep=$(finished)
run_sohoa 0 run -j 2 --db "$DB" --quiet --report "$WORK/r.json" "$WORK/c/dossiers"
expect_eq "pages" "$total" "$(q "SELECT count(*) FROM pages")"
expect_eq "pages not finished" 0 "$(q "SELECT count(*) FROM pages WHERE status NOT IN ('done','blank')")"
expect_eq "dossiers" 5 "$(q "SELECT count(*) FROM dossiers")"
check_kept "$keep"
check_words_once
say ok
