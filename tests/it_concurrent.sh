#!/usr/bin/env bash
# Two runs started together on the same input split the work, both
# finish, and no page is processed twice.
. "$(dirname "$0")/lib.sh"
fresh_db it_conc
"$SOHOA_GEN" --out "$WORK/c" --dossiers 4 --seed 5 >/dev/null
total=$(truth_total "$WORK/c/truth")
"$SOHOA" run -j 1 --db "$DB" --quiet --report "$WORK/a.json" "$WORK/c/dossiers" >"$WORK/a.out" 2>&1 &
a=$!
"$SOHOA" run -j 1 --db "$DB" --quiet --report "$WORK/b.json" "$WORK/c/dossiers" >"$WORK/b.out" 2>&1 &
b=$!
ra=0; rb=0
wait $a || ra=$?
wait $b || rb=$?
[ $ra = 0 ] && [ $rb = 0 ] || { cat "$WORK/a.out" "$WORK/b.out"; fail "exit codes $ra and $rb"; }
expect_eq "dossiers" 4 "$(q "SELECT count(*) FROM dossiers")"
expect_eq "pages" "$total" "$(q "SELECT count(*) FROM pages")"
expect_eq "pages not finished" 0 "$(q "SELECT count(*) FROM pages WHERE status NOT IN ('done','blank')")"
da=$(json_num "$WORK/a.json" done); ba=$(json_num "$WORK/a.json" blank)
db=$(json_num "$WORK/b.json" done); bb=$(json_num "$WORK/b.json" blank)
say "run a: $da done $ba blank; run b: $db done $bb blank"
expect_eq "pages finished by the two runs" "$total" $((da + ba + db + bb))
[ "$((da + ba))" -gt 0 ] && [ "$((db + bb))" -gt 0 ] || fail "one run did all the work"
expect_eq "runs that finished pages" 2 "$(q "SELECT count(DISTINCT run_id) FROM pages")"
check_words_once
say ok
