#!/usr/bin/env bash
# Bad input: each broken file is recorded failed with a clear reason,
# the batch goes on, good pages come out done, the exit code says partial.
. "$(dirname "$0")/lib.sh"
fresh_db it_bad
"$MKBAD" "$WORK/in"
ln -s "$WORK/in/nowhere.tif" "$WORK/in/dangling.tif"
run_sohoa 4 run -j 2 --db "$DB" --log-format json --report "$WORK/r.json" "$WORK/in"
reason() { q "SELECT p.failure_code||': '||p.failure_reason FROM pages p JOIN dossiers d ON d.id=p.dossier_id WHERE d.code='$1' AND p.number=${2:-1}"; }
status() { q "SELECT p.status FROM pages p JOIN dossiers d ON d.id=p.dossier_id WHERE d.code='$1' AND p.number=${2:-1}"; }
for code in empty notes corrupt truncated bomb dangling; do
	expect_eq "status of $code" failed "$(status $code)"
	say "$code: $(reason $code)"
	grep -q "\"dossier\": *\"$code\"" "$WORK/r.json" || fail "$code missing from the report"
	grep -q "\"$code\"" "$WORK/err.txt" || fail "$code missing from the log"
done
reason empty | grep -qi "empty" || fail "empty file reason"
reason notes | grep -qi "format" || fail "text-as-jpg reason"
reason bomb | grep -qi "limit" || fail "bomb reason"
reason dangling | grep -qi "no such file" || fail "dangling link reason"
expect_eq "good page" done "$(status good)"
expect_eq "broken-middle page 1" done "$(status broken-middle 1)"
expect_eq "broken-middle page 2" failed "$(status broken-middle 2)"
expect_eq "broken-middle page 3" done "$(status broken-middle 3)"
say "broken-middle page 2: $(reason broken-middle 2)"
# Run again: nothing new fails, but the pages failed before still hold
# the batch (exit 4), and the summary and the report name them.
nfailed=$(q "SELECT count(*) FROM pages WHERE status='failed'")
run_sohoa 4 run -j 2 --db "$DB" --report "$WORK/r2.json" "$WORK/in"
grep -q "already done [0-9]* ($nfailed of them failed)" "$WORK/out.txt" ||
	fail "re-run summary: $(head -n 2 "$WORK/out.txt")"
grep -q "failed earlier: corrupt page 1: " "$WORK/out.txt" || fail "re-run summary lists no earlier failure"
expect_eq "re-run report: earlier failures" "$nfailed $nfailed 0" \
	"$(jq -r '"\(.pages.failed_earlier) \([.failures[] | select(.earlier)] | length) \(.pages.failed)"' "$WORK/r2.json")"

# Over the pixel limit, refused from the header.
fresh_db it_bad2
mkdir "$WORK/one" && cp "$WORK/in/good.tif" "$WORK/one/"
run_sohoa 4 run -j 1 --db "$DB" --quiet --max-megapixels 0.5 "$WORK/one"
reason good | grep -qi "pixel limit" || fail "pixel limit reason: $(reason good)"

# Entries the store cannot take as they are: a file name that is not
# UTF-8, FIFOs (which would block the planner), a folder inside a
# dossier folder, two entries with one dossier code.  Each is recorded
# failed with its reason; the good pages are done; the batch goes on.
fresh_db it_bad3
mkdir -p "$WORK/odd/folder1/extra" "$WORK/odd/twin"
cp "$WORK/in/good.tif" "$WORK/odd/$(printf 'HS-\xc8\xe0').tif"
cp "$WORK/in/good.tif" "$WORK/odd/folder1/good.tif"
cp "$WORK/in/good.tif" "$WORK/odd/folder1/$(printf 'p\xff').tif"
cp "$WORK/in/good.tif" "$WORK/odd/twin/good.tif"
cp "$WORK/in/good.tif" "$WORK/odd/twin.tif"
mkfifo "$WORK/odd/fifo.tif" "$WORK/odd/folder1/pipe.png"
# The same folder name in a second input, holding other pages.
mkdir -p "$WORK/odd2/folder1"
cp "$WORK/in/good.tif" "$WORK/odd2/folder1/other.tif"
# The first input given twice (once with a trailing slash): planned once.
run_sohoa 4 run -j 2 --db "$DB" --quiet --report "$WORK/odd.json" "$WORK/odd" "$WORK/odd/" \
	"$WORK/odd2"
expect_eq "dossiers planned" "HS-?? fifo folder1 folder1~2 twin twin~2" \
	"$(q "SELECT string_agg(code, ' ' ORDER BY code) FROM dossiers")"
expect_eq "pages planned" 9 "$(q "SELECT count(*) FROM pages")"
reason folder1~2 | grep -q "duplicate dossier code" || fail "duplicate folder: $(reason folder1~2)"
reason 'HS-??' | grep -q "not UTF-8" || fail "non-UTF-8 name: $(reason 'HS-??')"
reason fifo | grep -q "not a regular file" || fail "FIFO entry: $(reason fifo)"
expect_eq "folder1 pages done/failed" "1/3" \
	"$(q "SELECT count(*) FILTER (WHERE status='done')||'/'||count(*) FILTER (WHERE status='failed') FROM pages p JOIN dossiers d ON d.id=p.dossier_id WHERE d.code='folder1'")"
for why in "folder inside a dossier folder" "not a regular file" "not UTF-8"; do
	expect_eq "folder1 page failed as: $why" 1 \
		"$(q "SELECT count(*) FROM pages p JOIN dossiers d ON d.id=p.dossier_id WHERE d.code='folder1' AND p.failure_reason LIKE '%$why%'")"
done
expect_eq "twin (first of the two)" done "$(status twin)"
reason twin~2 | grep -q "duplicate dossier code" || fail "duplicate code: $(reason twin~2)"
# --retry-failed retries what failed in a worker (it_idempotent.sh), not
# what planning refused: planning looks at every entry again on each
# run, and a worker would read the duplicate's file as page 1 of
# "twin~2", or open the FIFO.
run_sohoa 4 run -j 2 --db "$DB" --quiet --retry-failed "$WORK/odd" "$WORK/odd2"
for code in fifo twin~2 folder1~2 'HS-??'; do
	expect_eq "status of $code after --retry-failed" failed "$(status "$code")"
done
reason fifo | grep -q "not a regular file" || fail "FIFO entry retried: $(reason fifo)"
reason twin~2 | grep -q "duplicate dossier code" || fail "duplicate retried: $(reason twin~2)"
expect_eq "pages after --retry-failed" 9 "$(q "SELECT count(*) FROM pages")"
# A store from before migration 10 did not mark these pages; migration
# 11 does (no worker claimed them), and the retry leaves them again.
q "UPDATE pages SET failed_in_planning = false; DELETE FROM schema_migrations WHERE version = 11" >/dev/null
run_sohoa 0 db --db "$DB" migrate
expect_eq "refused pages marked by migration 11" "7 0" \
	"$(q "SELECT count(*) FILTER (WHERE failed_in_planning)||' '||count(*) FILTER (WHERE status='failed' AND NOT failed_in_planning) FROM pages")"
expect_eq "folder1 pages done/failed after --retry-failed" "1/3" \
	"$(q "SELECT count(*) FILTER (WHERE status='done')||'/'||count(*) FILTER (WHERE status='failed') FROM pages p JOIN dossiers d ON d.id=p.dossier_id WHERE d.code='folder1'")"

# An entry whose path is too long to form (its folder's path is legal):
# a failed dossier with the reason, not a stopped batch.
fresh_db it_bad4
deep="$WORK/deep"
seg=$(printf 'd%.0s' $(seq 200))
while [ ${#deep} -lt 3950 ]; do deep="$deep/$seg"; done
mkdir -p "$deep"
long=$(printf 'f%.0s' $(seq 240))
(cd "$deep" && cp "$WORK/in/good.tif" "$long.tif")
run_sohoa 4 run -j 1 --db "$DB" --quiet "$deep"
expect_eq "the long entry" "1 failed" "$(q "SELECT count(*)||' '||min(status) FROM pages")"
q "SELECT failure_reason FROM pages" | grep -q "path too long" || fail "long path reason: $(q "SELECT failure_reason FROM pages")"

# Exit codes: bad arguments, unreachable database.
run_sohoa 2 run --db "$DB" --max-megapixels nan "$WORK/one"
run_sohoa 2 db --bogus migrate
run_sohoa 2 db status extra
run_sohoa 2 db --db "$DB" stop # --db names no embedded cluster to stop
run_sohoa 0 serve --help
grep -q "^usage: sohoa" "$WORK/out.txt" || fail "serve --help printed no usage"
run_sohoa 2 run --jobs zero "$WORK/one"
run_sohoa 2 run
run_sohoa 2 run --db "$DB" "$WORK/does-not-exist"
run_sohoa 3 run --db "host=$WORK/no-socket dbname=x user=sohoa" "$WORK/one"
grep -q "cannot connect" "$WORK/err.txt" || fail "unreachable database message"
say ok
