#!/usr/bin/env bash
# PDF input: a scanned PDF goes through the same pipeline as the TIFF of
# the same pages (same pixels, same text within a CER bound); a PDF with
# a text layer is stored from it without OCR, and OCR'd with --force-ocr;
# encrypted, truncated and oversized PDFs are recorded failed with their
# reasons while the batch goes on (exit 4).
. "$(dirname "$0")/lib.sh"
: "${MKPDF:?}"
"$MKPDF" "$WORK/g"
T="$WORK/g/truth"
page() { q "SELECT p.$3 FROM pages p JOIN dossiers d ON d.id=p.dossier_id WHERE d.code='$1' AND p.number=$2"; }
below() { awk -v v="$1" -v m="$2" 'BEGIN { exit !(v != "" && v <= m) }'; }

# 1. The scan as PDF and as TIFF, each in its own database so that
#    neither copies the other's text by pixel hash.
fresh_db it_pdf_scan
run_sohoa 0 run -j 2 --db "$DB" --quiet --no-classify --truth "$T" --report "$WORK/pdf.json" \
	"$WORK/g/scan"
expect_eq "pdf dossier format" pdf "$(q "SELECT format FROM dossiers WHERE code='scan'")"
expect_eq "pdf pages done" 2 "$(q "SELECT count(*) FROM pages WHERE status='done'")"
pdf_pages=$(q "SELECT number||' '||pixel_sha256||' '||width||'x'||height||' '||dpi FROM pages ORDER BY number")
pdf_cer=$(json_num "$WORK/pdf.json" cer)
case "$(page scan 1 ocr_config)" in
vie*) ;;
*) fail "scanned pdf page not OCR'd: $(page scan 1 ocr_config)" ;;
esac
check_words_once

fresh_db it_pdf_tif
run_sohoa 0 run -j 2 --db "$DB" --quiet --no-classify --truth "$T" --report "$WORK/tif.json" \
	"$WORK/g/tif"
tif_pages=$(q "SELECT number||' '||pixel_sha256||' '||width||'x'||height||' '||dpi FROM pages ORDER BY number")
tif_cer=$(json_num "$WORK/tif.json" cer)
say "pdf: $pdf_pages, CER $pdf_cer"
say "tif: $tif_pages, CER $tif_cer"
# The embedded images were read as they are: the TIFF's pixels, its size and dpi.
expect_eq "pixels, size and dpi of the pdf pages against the tiff" "$tif_pages" "$pdf_pages"
below "$pdf_cer" 0.05 || fail "pdf CER $pdf_cer above 5%"
below "$tif_cer" 0.05 || fail "tiff CER $tif_cer above 5%"
awk -v a="$pdf_cer" -v b="$tif_cer" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 0.01) }' ||
	fail "pdf CER $pdf_cer and tiff CER $tif_cer differ"

# 2. Typed PDF: its own text, no OCR; with --force-ocr, OCR.
fresh_db it_pdf_text
run_sohoa 0 run -j 1 --db "$DB" --quiet --no-classify --truth "$T" --report "$WORK/text.json" \
	"$WORK/g/typed"
expect_eq "text layer page status" done "$(page typed 1 status)"
expect_eq "text layer page config" pdf-text1 "$(page typed 1 ocr_config)"
expect_eq "text layer pages in the report" 1 "$(json_num "$WORK/text.json" text_layer)"
page typed 1 text | grep -q "Điều 1. Cấp giấy phép cho ông Lê Minh Tuấn" || fail "text layer text"
expect_eq "text layer word confidence" 100 "$(q "SELECT min(conf)::int FROM words")"
# Every word box lies inside the 300 dpi page.
expect_eq "word boxes outside the page" 0 "$(q "SELECT count(*) FROM words w JOIN pages p ON p.id=w.page_id
	WHERE w.x0 < 0 OR w.y0 < 0 OR w.x1 > p.width OR w.y1 > p.height OR w.x0 >= w.x1")"
text_cer=$(json_num "$WORK/text.json" cer)
say "text layer: CER $text_cer against the truth, $(page typed 1 word_count) words"
below "$text_cer" 0.01 || fail "text layer CER $text_cer"
check_words_once

fresh_db it_pdf_force
run_sohoa 0 run -j 1 --db "$DB" --quiet --no-classify --force-ocr --truth "$T" \
	--report "$WORK/force.json" "$WORK/g/typed"
case "$(page typed 1 ocr_config)" in
vie*) ;;
*) fail "--force-ocr page config: $(page typed 1 ocr_config)" ;;
esac
expect_eq "text layer pages with --force-ocr" 0 "$(json_num "$WORK/force.json" text_layer)"
expect_eq "rendered page dpi" 300 "$(page typed 1 dpi)"
force_cer=$(json_num "$WORK/force.json" cer)
say "--force-ocr: CER $force_cer, OCR confidence $(page typed 1 confidence)"
below "$force_cer" 0.05 || fail "--force-ocr CER $force_cer"
awk -v c="$(page typed 1 confidence)" 'BEGIN { exit !(c < 100) }' || fail "--force-ocr page not OCR'd"
expect_eq "force_ocr in the run options" true "$(q "SELECT options->>'force_ocr' FROM runs")"

# 3. Bad PDFs next to a good one.
mkdir "$WORK/bad"
cp "$WORK/g/scan/scan.pdf" "$WORK/bad/good.pdf"
qpdf --encrypt secret owner 256 -- "$WORK/g/scan/scan.pdf" "$WORK/bad/locked.pdf"
size=$(stat -c %s "$WORK/g/scan/scan.pdf")
head -c $((size * 6 / 10)) "$WORK/g/scan/scan.pdf" >"$WORK/bad/cut.pdf"
cp "$WORK/g/huge/huge.pdf" "$WORK/bad/huge.pdf"
fresh_db it_pdf_bad
run_sohoa 4 run -j 2 --db "$DB" --log-format json --no-classify --report "$WORK/bad.json" "$WORK/bad"
reason() { q "SELECT p.failure_code||': '||p.failure_reason FROM pages p JOIN dossiers d ON d.id=p.dossier_id WHERE d.code='$1' AND p.number=1"; }
for code in locked cut huge; do
	expect_eq "status of $code" failed "$(page $code 1 status)"
	say "$code: $(reason $code)"
	grep -q "\"dossier\": *\"$code\"" "$WORK/bad.json" || fail "$code missing from the report"
done
reason locked | grep -q "encrypted pdf" || fail "encrypted reason"
reason cut | grep -q "broken pdf.*truncated" || fail "truncated reason"
# 3,600 megapixels at 300 dpi: refused from the page size in points, which
# is known before anything is rendered (no timing needed to show it).
reason huge | grep -q "pixel limit.*14400 x 14400 pt" || fail "pixel limit reason"
expect_eq "good pdf pages" "done done" "$(q "SELECT string_agg(p.status, ' ' ORDER BY p.number) FROM pages p
	JOIN dossiers d ON d.id=p.dossier_id WHERE d.code='good'")"
say ok
