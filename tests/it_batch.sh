#!/usr/bin/env bash
# A real batch on generated dossiers: every page done or blank, words
# stored with boxes, CER on clean 300 dpi pages within 1%.
. "$(dirname "$0")/lib.sh"
fresh_db it_batch
"$SOHOA_GEN" --out "$WORK/c" --dossiers 6 --seed 7 >/dev/null
total=$(truth_total "$WORK/c/truth")
blank=$(truth_blank "$WORK/c/truth")
say "$total pages, $blank blank"
run_sohoa 0 run -j 2 --db "$DB" --log-format json --truth "$WORK/c/truth" \
	--report "$WORK/report.json" "$WORK/c/dossiers"
cat "$WORK/out.txt"
expect_eq "dossiers" 6 "$(q "SELECT count(*) FROM dossiers")"
expect_eq "pages" "$total" "$(q "SELECT count(*) FROM pages")"
expect_eq "pages not done" 0 "$(q "SELECT count(*) FROM pages WHERE status NOT IN ('done','blank')")"
expect_eq "blank pages" "$blank" "$(q "SELECT count(*) FROM pages WHERE status='blank'")"
expect_eq "done pages without text" 0 "$(q "SELECT count(*) FROM pages WHERE status='done' AND coalesce(length(text),0)=0")"
expect_eq "words outside their page" 0 "$(q "SELECT count(*) FROM words w JOIN pages p ON p.id=w.page_id WHERE w.x0<0 OR w.y0<0 OR w.x1>p.width OR w.y1>p.height OR w.x0>w.x1 OR w.y0>w.y1")"
expect_eq "pages without dpi or hash" 0 "$(q "SELECT count(*) FROM pages WHERE dpi IS NULL OR length(pixel_sha256)<>64")"
check_words_once
cer=$(json_num "$WORK/report.json" cer_clean_300dpi)
say "CER on clean 300 dpi pages: $cer"
awk -v c="$cer" 'BEGIN { exit !(c != "" && c <= 0.01) }' || fail "CER $cer above 1%"
"$SOHOA" export --db "$DB" --out "$WORK/text" >/dev/null
expect_eq "exported page files" "$total" "$(find "$WORK/text" -name 'page-*.txt' | wc -l)"
grep -q "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "$WORK/text/HS-2024-0001/page-1.txt" || fail "exported text"
grep -q '"event": *"progress"\|"event":"progress"' "$WORK/err.txt" || fail "no JSON progress lines"
run_sohoa 0 export --db "$DB" --out "$WORK/one" HS-2024-0001
expect_eq "pages of one exported dossier" "$(q "SELECT count(*) FROM pages p JOIN dossiers d ON d.id=p.dossier_id WHERE d.code='HS-2024-0001' AND p.status IN ('done','blank')")" \
	"$(find "$WORK/one" -name 'page-*.txt' | wc -l)"
run_sohoa 2 export --db "$DB" --out "$WORK/none" HS-NO-SUCH
grep -q "no such dossier" "$WORK/err.txt" || fail "export of an unknown dossier: $(cat "$WORK/err.txt")"
run_sohoa 2 show --db "$DB" HS-NO-SUCH
say ok
