#!/usr/bin/env bash
# sohoa-bench end to end on a few pages: its sohoa runs succeed, every
# page is scored, and the clean twins work: a page turned by a quarter
# turn reads exactly as its twin (the turn is lossless and undone), and
# the results carry the comparison for every degradation.  The bare
# C-API loop reads every page as scanned and gives the recognition
# limit.  The gray and bilevel pages read apart hold the corpus's pages
# and read them as the mixed runs do.  --rounds repeats the N-job runs
# and takes the medians.  sohoa-cer
# --per-page lists every scored page, and its lines add up to the total.
. "$(dirname "$0")/lib.sh"
: "${SOHOA_BENCH:?}" "${SOHOA_CER:?}"
"$SOHOA_BENCH" --pages 6 --seed 5 --degrade rot180,clean --jobs-max 1 --no-cli --no-ocrmypdf \
	--no-results-md --db "$ADMIN" --sohoa "$SOHOA" --out "$WORK/b" >"$WORK/b.md" 2>"$WORK/b.err" ||
	{ cat "$WORK/b.err" >&2; fail "sohoa-bench failed"; }
r="$WORK/b/results.json"
twin() { jq -r ".clean_twins.by_degradation.$1.$2" "$r"; }
expect_eq "rot180 pages scored" 3 "$(twin rot180 pages)"
expect_eq "rot180 against its twins (points)" 0 "$(twin rot180 difference_points)"
expect_eq "clean pages against themselves (points)" 0 "$(twin clean difference_points)"
grep -q "Degraded pages against their clean twins" "$WORK/b.md" || fail "no twins table"
# The plain C-API loop read every page and its Recognize times make the limit.
expect_eq "bare loop state" ok "$(jq -r .recognition_limit.bare_loop.state "$r")"
expect_eq "bare loop pages read" 6 "$(jq -r .recognition_limit.bare_loop.bare_report.done "$r")"
jq -e '.recognition_limit.seconds > 0 and .recognition_limit.efficiency > 0' "$r" >/dev/null ||
	fail "no recognition limit from the bare loop"
# It reads the pages as scanned: the upside-down ones come out as noise.
jq -e ".recognition_limit.bare_loop.accuracy.rot180.cer > 0.5" "$r" >/dev/null ||
	fail "the bare loop did not read the upside-down pages as scanned"
grep -q "| rot180 | 3 |" "$WORK/b.md" || fail "no rot180 row"
"$SOHOA_CER" --per-page "$WORK"/b/corpus-*/truth "$WORK/b/sohoa-j1-text" >"$WORK/pp.txt" ||
	fail "sohoa-cer --per-page failed"
total=$(tail -n 1 "$WORK/pp.txt")
expect_eq "pages listed" "$(jq -r .pages <<<"$total")" "$(grep -c $'\t' "$WORK/pp.txt")"
# The total is printed to 6 decimals: the sum may differ by its last digit.
awk -F'\t' -v t="$(jq -r .cer <<<"$total")" 'NF == 5 { e += $3; n += $4 }
	END { d = e / n - t; exit !(n > 0 && d < 1.5e-6 && d > -1.5e-6) }' "$WORK/pp.txt" ||
	fail "per-page edits do not add up to the total CER"
expect_eq "page texts missing" 0 "$(jq -r .missing <<<"$total")"
# A mistyped text folder is an error, not 100% CER.
if "$SOHOA_CER" "$WORK"/b/corpus-*/truth "$WORK/no-such-texts" >/dev/null 2>&1; then
	fail "sohoa-cer accepted a missing text folder"
fi
# The gray and the bilevel pages apart, with OCRmyPDF (the setup script
# installs it): each part holds its pages, read from files of its own,
# and their edits add up to the mixed runs'.
command -v ocrmypdf >/dev/null || fail "ocrmypdf not installed (scripts/setup-deps.sh installs it)"
{
	"$SOHOA_BENCH" --pages 5 --seed 5 --degrade clean,g4 --jobs-max 1 --no-cli --no-twins \
		--no-bare --no-results-md --db "$ADMIN" --sohoa "$SOHOA" --out "$WORK/p" \
		>"$WORK/p.md" 2>"$WORK/p.err" || { cat "$WORK/p.err" >&2; fail "sohoa-bench on parts failed"; }
	k="$WORK/p/results.json"
	# A number, or the test fails saying which: null == null must not pass.
	num() { jq -er "$1 | numbers" "$k" || fail "not a number in the results: $1"; }
	g=$(num '.by_kind_of_page.gray.pages')
	b=$(num '.by_kind_of_page.bilevel.pages')
	expect_eq "gray pages in the corpus and its part" "$(jq -r '[.corpus.description |
		capture("(?<g>[0-9]+) gray").g] | .[0]' "$k")" "$g"
	expect_eq "pages in both parts" 5 "$((g + b))"
	[ "$g" -gt 0 ] && [ "$b" -gt 0 ] || fail "a part is empty: gray $g, bilevel $b"
	for part in gray bilevel; do
		expect_eq "sohoa on the $part pages" ok "$(jq -r ".by_kind_of_page.$part.sohoa.state" "$k")"
		expect_eq "OCRmyPDF on the $part pages" ok \
			"$(jq -r ".by_kind_of_page.$part.ocrmypdf_fast.state" "$k")"
	done
	# Seed 5's bilevel part ends on its blank page: OCRmyPDF's sidecar
	# must still map back page for page, or the part is not scored.
	[ "$(num '.by_kind_of_page.bilevel.sohoa.sohoa_report.blank')" -ge 1 ] ||
		fail "no blank page in the bilevel part"
	expect_eq "sohoa's edits, parts against the mixed run" \
		"$(num '.sohoa_runs[0].accuracy.all.edits')" \
		"$(num '.by_kind_of_page.sohoa_edits_of_parts.edits')"
	expect_eq "OCRmyPDF's edits, parts against the mixed run" \
		"$(num '.peers[] | select(.system == "OCRmyPDF fast") | .accuracy.all.edits')" \
		"$(num '.by_kind_of_page.ocrmypdf_fast_edits_of_parts.edits')"
	grep -q "| bilevel | $b |" "$WORK/p.md" || fail "no bilevel row"
}
# Without twins the table says why.  Two rounds: the N-job runs again,
# the second round starting with the bare loop, and the medians of the
# figures that both rounds measured; the peers not run give none.
"$SOHOA_BENCH" --pages 2 --seed 5 --degrade clean --jobs-max 1 --no-cli --no-ocrmypdf --no-twins \
	--no-parts --rounds 2 --no-results-md --db "$ADMIN" --sohoa "$SOHOA" --out "$WORK/c" \
	>"$WORK/c.md" 2>"$WORK/c.err" || { cat "$WORK/c.err" >&2; fail "sohoa-bench without twins failed"; }
grep -q "clean twins: not run: --no-twins" "$WORK/c.md" || fail "no reason for the missing twins"
c="$WORK/c/results.json"
expect_eq "rounds made" 2 "$(jq -r .rounds.count "$c")"
for k in 0 1; do
	jq -e ".rounds.per_round[$k].pages_per_min.sohoa > 0 and
		.rounds.per_round[$k].figures.efficiency > 0 and
		.rounds.per_round[$k].runs.sohoa == \"ok\" and
		.rounds.per_round[$k].runs.bare_loop == \"ok\"" "$c" >/dev/null ||
		fail "round $((k + 1)) has no sohoa or efficiency figure"
done
# Round 1 is the main runs; round 2 ran them again, backwards from the
# bare loop, into work files of its own.
jq -e '(.rounds.per_round[0].figures.efficiency - .recognition_limit.efficiency | fabs < 1e-9)
	and (.rounds.per_round[0].pages_per_min.sohoa - .sohoa_runs[0].pages_per_min | fabs < 1e-9)
	and .rounds.per_round[1].pages_per_min.sohoa != .rounds.per_round[0].pages_per_min.sohoa' \
	"$c" >/dev/null || fail "round 1 is not the main runs, or round 2 is not a run of its own"
b2=$(grep -n "round 2 of 2: bare loop" "$WORK/c.err" | cut -d: -f1)
s2=$(grep -n "round 2 of 2: sohoa" "$WORK/c.err" | cut -d: -f1)
[ -n "$b2" ] && [ -n "$s2" ] && [ "$b2" -lt "$s2" ] || fail "round 2 did not start with the bare loop"
[ -s "$WORK/c/bare-1.json" ] && [ -s "$WORK/c/bare-1-r2.json" ] ||
	fail "round 2 did not keep round 1's work files"
# The median of two rounds is their mean, and says it covers both.
jq -e '.rounds.per_round as $r | (.rounds.median.efficiency -
	($r[0].figures.efficiency + $r[1].figures.efficiency) / 2) | fabs < 1e-9' "$c" >/dev/null ||
	fail "the median efficiency is not that of the two rounds"
expect_eq "rounds behind the median efficiency" 2 "$(jq -r .rounds.median_of_rounds.efficiency "$c")"
expect_eq "CLI ratio without the CLI" null "$(jq -r .rounds.median.sohoa_over_tesseract_cli "$c")"
expect_eq "rounds behind it" 0 "$(jq -r .rounds.median_of_rounds.sohoa_over_tesseract_cli "$c")"
grep -q "^| 2 | " "$WORK/c.md" || fail "no row for round 2"
grep -q "efficiency .* (2 of 2 rounds)" "$WORK/c.md" || fail "no verdict on the median efficiency"
say ok
