#!/usr/bin/env bash
# Archival outputs (run --output): a PDF/A-2b per dossier whose text
# layer extracts to the stored OCR text, hOCR and text per page, rows
# in the outputs table; a re-run rewrites nothing, a deleted file comes
# back, concurrent processes write each file once, a dossier with a
# failed page waits.
. "$(dirname "$0")/lib.sh"
: "${TEXTCER:?}" "${MKBAD:?}"
for t in qpdf pdftotext pdfimages xmllint tiffinfo; do
	command -v $t >/dev/null || fail "$t is missing (scripts/setup-deps.sh installs it)"
done
fresh_db it_output
# One gray LZW dossier and one bilevel G4 dossier (seed 5 gives both),
# with a page turned sideways and a skewed one.
"$SOHOA_GEN" --out "$WORK/c" --pages 6 --dossiers 2 --seed 5 --format mixed \
	--degrade clean,rot90,skew,g4,clean --quiet >/dev/null
OUT="$WORK/out"
run_sohoa 0 run -j 2 --db "$DB" --quiet --output "$OUT" "$WORK/c/dossiers"
cat "$WORK/out.txt"
expect_eq "turned pages" 1 "$(q "SELECT count(*) FROM pages WHERE rotation <> 0")"
expect_eq "straightened pages" 1 "$(q "SELECT count(*) FROM pages WHERE skew_angle <> 0")"

g4=0 gray=0
for src in "$WORK"/c/dossiers/*.tif; do
	code=$(basename "$src" .tif)
	pdf="$OUT/$code.pdf"
	[ -s "$pdf" ] || fail "$code: no pdf"
	qpdf --check "$pdf" >"$WORK/check.txt" 2>&1 || { cat "$WORK/check.txt"; fail "$code: qpdf --check"; }
	npages=$(q "SELECT count(*) FROM pages p JOIN dossiers d ON d.id=p.dossier_id WHERE d.code='$code'")
	expect_eq "$code: pdf pages" "$npages" "$(qpdf --show-npages "$pdf")"

	# The text layer gives back the stored text (content-stream order).
	q "SELECT string_agg(coalesce(p.text, ''), E'\n' ORDER BY p.number) FROM pages p
	   JOIN dossiers d ON d.id=p.dossier_id WHERE d.code='$code'" >"$WORK/stored.txt"
	pdftotext -raw "$pdf" "$WORK/extracted.txt"
	read -r edits len < <("$TEXTCER" "$WORK/stored.txt" "$WORK/extracted.txt")
	say "$code: pdftotext against stored text: $edits edits in $len characters"
	[ "$len" -gt 500 ] || fail "$code: too little stored text ($len)"
	[ $((edits * 1000)) -le $((len * 5)) ] || fail "$code: CER above 0.5% ($edits / $len)"

	# PDF/A identification, metadata and output intent with its profile.
	qpdf --qdf --object-streams=disable "$pdf" "$WORK/q.pdf"
	for want in '<pdfaid:part>2</pdfaid:part>' '<pdfaid:conformance>B</pdfaid:conformance>' \
		"<rdf:li xml:lang=\"x-default\">$code</rdf:li>" '/Type /Metadata' '/Subtype /XML' \
		'/OutputIntents' '/S /GTS_PDFA1' '/FontFile2' '/ToUnicode' '/Encoding /Identity-H'; do
		grep -aqF -- "$want" "$WORK/q.pdf" || fail "$code: '$want' missing from the pdf"
	done
	grep -aq '/Encrypt' "$WORK/q.pdf" && fail "$code: encrypted"
	qpdf --show-object=trailer "$pdf" | grep -q '/ID \[' || fail "$code: no file ID"
	icc=$(qpdf --show-object=1 "$pdf" | grep -o '/DestOutputProfile [0-9]*' | awk '{print $2}')
	[ -n "$icc" ] || fail "$code: no output profile"
	qpdf --show-object="$icc" --filtered-stream-data "$pdf" >"$WORK/icc"
	expect_eq "$code: ICC signature" acsp "$(dd if="$WORK/icc" bs=1 skip=36 count=4 2>/dev/null)"
	expect_eq "$code: ICC colour space" RGB "$(dd if="$WORK/icc" bs=1 skip=16 count=3 2>/dev/null)"

	# Bilevel sources stay CCITT G4, gray ones become JPEG.
	pdfimages -list "$pdf" | awk 'NR > 2 {print $9}' | sort -u >"$WORK/enc.txt"
	if tiffinfo "$src" 2>/dev/null | grep -q 'CCITT Group 4'; then
		expect_eq "$code: image coding" ccitt "$(cat "$WORK/enc.txt")"
		g4=$((g4 + 1))
	else
		expect_eq "$code: image coding" jpeg "$(cat "$WORK/enc.txt")"
		gray=$((gray + 1))
	fi
	pdfimages -list "$pdf" | awk 'NR > 2 && $13 < 200 {exit 1}' || fail "$code: image under 200 dpi"

	# hOCR is XML, every word inside its page; text matches the store.
	for n in $(seq 1 "$npages"); do
		h="$OUT/$code/page-$n.hocr"
		xmllint --noout "$h" || fail "$code page $n: hOCR is not XML"
		awk -v page="$code page $n" '
			match($0, /ocr_page[^>]*bbox 0 0 [0-9]+ [0-9]+/) {
				split(substr($0, RSTART, RLENGTH), a, " "); W = a[length(a) - 1]; H = a[length(a)] }
			{ s = $0
			  while (match(s, /ocrx_word[^>]*bbox [0-9]+ [0-9]+ [0-9]+ [0-9]+/)) {
				split(substr(s, RSTART, RLENGTH), b, " "); k = length(b)
				x0 = b[k-3]; y0 = b[k-2]; x1 = b[k-1]; y1 = b[k]; words++
				if (!W || x0 < 0 || y0 < 0 || x1 > W || y1 > H || x0 > x1 || y0 > y1) {
					print page ": word box " x0 " " y0 " " x1 " " y1 " outside " W "x" H; exit 1 }
				s = substr(s, RSTART + RLENGTH) } }
			END { if (!words) { print page ": no words"; exit 1 } }' "$h" || fail "hOCR word boxes"
		q "SELECT coalesce(p.text, '') FROM pages p JOIN dossiers d ON d.id=p.dossier_id
		   WHERE d.code='$code' AND p.number=$n" >"$WORK/p.txt"
		cmp -s <(printf '%s' "$(cat "$WORK/p.txt")") <(printf '%s' "$(cat "$OUT/$code/page-$n.txt")") ||
			fail "$code page $n: text file differs from the store"
	done
done
expect_eq "G4 dossiers" 1 "$g4"
expect_eq "gray dossiers" 1 "$gray"

# Every file has its row with its size and hash.
rows=$(q "SELECT count(*) FROM outputs")
expect_eq "outputs rows" $((2 + 2 * 6)) "$rows"
while IFS='|' read -r path size sha; do
	[ -f "$path" ] || fail "recorded output missing: $path"
	expect_eq "size of $path" "$size" "$(stat -c %s "$path")"
	expect_eq "sha256 of $path" "$sha" "$(sha256sum "$path" | cut -d' ' -f1)"
done < <(q "SELECT path, size, sha256 FROM outputs")

# A second run with the same input rewrites nothing.
snap() { find "$OUT" -type f -printf '%p %i %T@\n' | sort; }
snap >"$WORK/snap1"
written=$(q "SELECT max(written_at) FROM outputs")
sleep 1
run_sohoa 0 run -j 2 --db "$DB" --quiet --output "$OUT" "$WORK/c/dossiers"
snap >"$WORK/snap2"
cmp -s "$WORK/snap1" "$WORK/snap2" || { diff "$WORK/snap1" "$WORK/snap2"; fail "a re-run touched outputs"; }
expect_eq "rows after a re-run" "$rows" "$(q "SELECT count(*) FROM outputs")"
expect_eq "written_at after a re-run" "$written" "$(q "SELECT max(written_at) FROM outputs")"
grep -q '0 files written' "$WORK/out.txt" || { cat "$WORK/out.txt"; fail "re-run reports writes"; }

# Deleted outputs are written again, byte for byte, in the same rows.
code=$(basename "$(ls "$WORK"/c/dossiers/*.tif | head -n 1)" .tif)
sha_pdf=$(sha256sum "$OUT/$code.pdf" | cut -d' ' -f1)
rm "$OUT/$code.pdf" "$OUT/$code/page-2.hocr"
SOHOA_OUTPUT_DIR="$OUT" run_sohoa 0 run -j 1 --db "$DB" --quiet "$WORK/c/dossiers"
[ -f "$OUT/$code/page-2.hocr" ] || fail "deleted hOCR not written again"
expect_eq "rewritten pdf" "$sha_pdf" "$(sha256sum "$OUT/$code.pdf" | cut -d' ' -f1)"
expect_eq "rows after rewriting" "$rows" "$(q "SELECT count(*) FROM outputs")"
grep -q '2 files written' "$WORK/out.txt" || { cat "$WORK/out.txt"; fail "expected 2 files written"; }

# Two processes at once on a new database: each file once, no leftovers.
fresh_db it_output2
OUT2="$WORK/out2"
"$SOHOA" run -j 1 --db "$DB" --quiet --output "$OUT2" "$WORK/c/dossiers" >"$WORK/a.txt" 2>&1 &
pa=$!
"$SOHOA" run -j 1 --db "$DB" --quiet --output "$OUT2" "$WORK/c/dossiers" >"$WORK/b.txt" 2>&1 || fail "second process failed"
wait $pa || fail "first process failed"
expect_eq "rows with two processes" "$rows" "$(q "SELECT count(*) FROM outputs")"
expect_eq "temporary files left" 0 "$(find "$OUT2" -name '.*' -type f | wc -l)"
for f in "$OUT2"/*.pdf; do
	qpdf --check "$f" >/dev/null 2>&1 || fail "$(basename "$f"): qpdf --check after two processes"
done

# A dossier with a failed page gets no outputs until it is retried.
fresh_db it_output3
mkdir -p "$WORK/bad" "$WORK/in3"
"$MKBAD" "$WORK/bad" >/dev/null
cp "$WORK/bad/broken-middle.tif" "$WORK/in3/"
run_sohoa 4 run -j 1 --db "$DB" --output "$WORK/out3" --log-format json "$WORK/in3"
[ -e "$WORK/out3/broken-middle.pdf" ] && fail "pdf written for a dossier with a failed page"
grep -q '"output_held"' "$WORK/err.txt" || fail "held-back dossier not logged"
expect_eq "rows for a held-back dossier" 0 "$(q "SELECT count(*) FROM outputs")"
say ok
