#!/usr/bin/env bash
# Pages scanned upside down or sideways are turned upright before OCR;
# the turn is recorded per page and the text reads as on upright pages.
. "$(dirname "$0")/lib.sh"
fresh_db it_orient
"$SOHOA_GEN" --out "$WORK/c" --pages 8 --dossiers 2 --seed 8 --degrade clean,rot180,rot90,rot270 --quiet >/dev/null
run_sohoa 0 run -j 2 --db "$DB" --quiet --truth "$WORK/c/truth" --report "$WORK/r.json" "$WORK/c/dossiers"
cat "$WORK/out.txt"
expect_eq "pages without a recorded turn" 0 "$(q "SELECT count(*) FROM pages WHERE status='done' AND rotation IS NULL")"
rot() { q "SELECT p.rotation FROM pages p JOIN dossiers d ON d.id=p.dossier_id WHERE d.code='$1' AND p.number=$2"; }
# Clockwise turns applied: a page scanned upside down needs 180, one
# scanned turned 90 degrees clockwise needs 270, and so on.
expect_eq "clean card page" 0 "$(rot HS-2024-0001 1)"
expect_eq "clean business registration" 0 "$(rot HS-2024-0002 1)"
expect_eq "upside-down birth certificate" 180 "$(rot HS-2024-0001 2)"
expect_eq "rot90 application form" 270 "$(rot HS-2024-0001 3)"
expect_eq "rot270 birth certificate" 90 "$(rot HS-2024-0001 4)"
expect_eq "upside-down decision" 180 "$(rot HS-2024-0002 2)"
expect_eq "rot270 marriage certificate" 90 "$(rot HS-2024-0002 4)"
cer=$(json_num "$WORK/r.json" cer)
say "CER over all pages, rotated ones included: $cer"
awk -v c="$cer" 'BEGIN { exit !(c != "" && c <= 0.03) }' || fail "CER $cer above 3%"
# Without orientation the same pages read far worse: the test can fail.
fresh_db it_orient2
run_sohoa 0 run -j 2 --db "$DB" --quiet --no-orient --truth "$WORK/c/truth" --report "$WORK/r2.json" "$WORK/c/dossiers"
cer2=$(json_num "$WORK/r2.json" cer)
say "CER without orientation: $cer2"
awk -v a="$cer" -v b="$cer2" 'BEGIN { exit !(b > 3 * a) }' || fail "orientation made no difference ($cer vs $cer2)"
say ok
