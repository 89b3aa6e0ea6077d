#!/usr/bin/env bash
# With no --db and no PG* settings sohoa starts its own private cluster,
# and `sohoa db start|stop|status` manage it.
. "$(dirname "$0")/lib.sh"
export SOHOA_STATE_DIR="$WORK/state"
"$MKBAD" "$WORK/bad" >/dev/null
mkdir "$WORK/in" && cp "$WORK/bad/good.tif" "$WORK/in/HS-EMB-0001.tif"
run_sohoa 3 db status
run_sohoa 0 run -j 1 --quiet "$WORK/in"
run_sohoa 0 db status
grep -q "running" "$WORK/out.txt" || fail "status after run"
run_sohoa 0 show HS-EMB-0001
grep -q "done" "$WORK/out.txt" || fail "show lists the page"
cat "$WORK/out.txt"
[ -S "$WORK/state/run/.s.PGSQL.5432" ] || fail "no unix socket in the state folder"
run_sohoa 0 db stop
run_sohoa 3 db status
say ok
