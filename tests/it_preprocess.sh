#!/usr/bin/env bash
# Cleaning before OCR: each page records the steps that changed it; a
# 400 dpi page is read at 300 but stored, boxed and output at its own
# size; switching steps off changes the reuse key, so --refresh reads
# the pages again; large print is read at two thirds of its size, its
# boxes mapped back.  A blank separator sheet under dust is blank once
# cleaned.
. "$(dirname "$0")/lib.sh"
fresh_db it_preprocess
"$SOHOA_GEN" --out "$WORK/c" --pages 5 --dossiers 1 --seed 6 --degrade clean,border,speckle,dpi400,dpi200 --quiet >/dev/null
run_sohoa 0 run -j 2 --db "$DB" --quiet --truth "$WORK/c/truth" --report "$WORK/r.json" \
	--output "$WORK/out" "$WORK/c/dossiers"
cat "$WORK/out.txt"
steps() { q "SELECT coalesce(preprocess_steps, 'NULL') FROM pages WHERE number=$1"; }
# reduce follows the print's size, not a defect: the cleaning steps without it.
cleaning() { q "SELECT coalesce(array_to_string(array_remove(string_to_array(preprocess_steps, ','), 'reduce'), ','), 'NULL') FROM pages WHERE number=$1"; }
expect_eq "clean page" "" "$(cleaning 1)"
expect_eq "clean page, large print" "reduce" "$(steps 1)"
expect_eq "bordered page" "border" "$(cleaning 2)"
expect_eq "speckled page" "despeckle" "$(cleaning 3)"
expect_eq "400 dpi page" "scale300" "$(cleaning 4)"
expect_eq "200 dpi page" "" "$(cleaning 5)"
# Stored at the size and resolution scanned, boxes inside that page.
expect_eq "400 dpi page's stored dpi" 400 "$(q "SELECT dpi FROM pages WHERE number=4")"
expect_eq "boxes outside the page" 0 "$(q "SELECT count(*) FROM words w JOIN pages p ON p.id=w.page_id WHERE w.x1 > p.width OR w.y1 > p.height")"
expect_eq "boxes of the 400 dpi page beyond 300 dpi size" 1 "$(q "SELECT (max(w.x1) > 0.8 * p.width)::int FROM words w JOIN pages p ON p.id=w.page_id WHERE p.number=4 GROUP BY p.width")"
# Read at two thirds, the large print's boxes still span its page as scanned.
expect_eq "boxes of the reduced page beyond 3/4 of its width" 1 "$(q "SELECT (max(w.x1) > 0.75 * p.width)::int FROM words w JOIN pages p ON p.id=w.page_id WHERE p.number=1 GROUP BY p.width, p.height")"
[ -s "$WORK/out/HS-2024-0001.pdf" ] || fail "no archival PDF"
cer=$(json_num "$WORK/r.json" cer)
say "CER with the default steps: $cer"
awk -v c="$cer" 'BEGIN { exit !(c != "" && c <= 0.05) }' || fail "CER $cer above 5%"
# Other steps, another reuse key: every recognized page is read again.
run_sohoa 0 run -j 2 --db "$DB" --quiet --refresh --no-preprocess all "$WORK/c/dossiers"
expect_eq "pages cleaned after --no-preprocess all" 0 "$(q "SELECT count(*) FROM pages WHERE preprocess_steps <> ''")"
expect_eq "config without steps" 0 "$(q "SELECT count(*) FROM pages WHERE ocr_config LIKE '%despeckle1%' OR ocr_config LIKE '%reduce1%'")"
expect_eq "large print read whole after --no-preprocess all" "" "$(steps 1)"
run_sohoa 2 run --db "$DB" --preprocess border,sharpen "$WORK/c/dossiers"
grep -q "unknown preprocessing step" "$WORK/err.txt" || fail "no message for an unknown step"

# Seed 15: page 2 is a blank separator, page 4 a document, both speckled.
fresh_db it_preprocess_dust
"$SOHOA_GEN" --out "$WORK/d" --pages 5 --dossiers 1 --seed 15 --degrade clean,speckle --quiet >/dev/null
expect_eq "generated blank page" true "$(jq -r '.pages[1].blank' "$WORK/d/truth/HS-2024-0001.json")"
run_sohoa 0 run -j 2 --db "$DB" --quiet "$WORK/d/dossiers"
status() { q "SELECT status || ' ' || coalesce(preprocess_steps, 'NULL') FROM pages WHERE number=$1"; }
expect_eq "speckled blank sheet" "blank despeckle" "$(status 2)"
expect_eq "speckled document page" "done despeckle" "$(status 4)"
say ok
