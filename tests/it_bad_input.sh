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

# Over the pixel limit, refused from the header.
fresh_db it_bad2
mkdir "$WORK/one" && cp "$WORK/in/good.tif" "$WORK/one/"
run_sohoa 4 run -j 1 --db "$DB" --quiet --max-megapixels 0.5 "$WORK/one"
reason good | grep -qi "pixel limit" || fail "pixel limit reason: $(reason good)"

# Exit codes: bad arguments, unreachable database.
run_sohoa 2 run --jobs zero "$WORK/one"
run_sohoa 2 run
run_sohoa 2 run --db "$DB" "$WORK/does-not-exist"
run_sohoa 3 run --db "host=$WORK/no-socket dbname=x user=sohoa" "$WORK/one"
grep -q "cannot connect" "$WORK/err.txt" || fail "unreachable database message"
say ok
