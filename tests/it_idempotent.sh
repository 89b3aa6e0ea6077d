#!/usr/bin/env bash
# The same input twice adds nothing and re-OCRs nothing; a copy of a
# dossier under another name reuses the stored OCR by pixel hash;
# --refresh OCRs again, once, exactly the pages recognized under other
# settings, and classifies their dossiers again.
. "$(dirname "$0")/lib.sh"
fresh_db it_idem
"$SOHOA_GEN" --out "$WORK/c" --dossiers 3 --seed 21 >/dev/null
run_sohoa 0 run -j 2 --db "$DB" --quiet --report "$WORK/r1.json" "$WORK/c/dossiers"
snap() { q "SELECT string_agg(id||':'||status||':'||processed_at||':'||coalesce(word_count,0), ',' ORDER BY id) FROM pages"; }
before=$(snap)
words=$(q "SELECT count(*) FROM words")
run_sohoa 0 run -j 2 --db "$DB" --quiet --report "$WORK/r2.json" "$WORK/c/dossiers"
expect_eq "pages unchanged" "$before" "$(snap)"
expect_eq "words unchanged" "$words" "$(q "SELECT count(*) FROM words")"
expect_eq "dossiers" 3 "$(q "SELECT count(*) FROM dossiers")"
expect_eq "done in second run" 0 "$(json_num "$WORK/r2.json" done)"
total=$(q "SELECT count(*) FROM pages")
expect_eq "earlier in second run" "$total" "$(json_num "$WORK/r2.json" earlier)"

# Same pixels under a new dossier code: no OCR, text copied.
first=$(ls "$WORK/c/dossiers" | grep '\.tif$' | head -n 1)
mkdir "$WORK/copy"
cp "$WORK/c/dossiers/$first" "$WORK/copy/HS-COPY-0001.tif"
run_sohoa 0 run -j 1 --db "$DB" --quiet --report "$WORK/r3.json" "$WORK/copy"
nonblank=$(q "SELECT count(*) FROM pages p JOIN dossiers d ON d.id=p.dossier_id WHERE d.code='HS-COPY-0001' AND p.status='done'")
expect_eq "reused pages" "$nonblank" "$(json_num "$WORK/r3.json" reused)"
expect_eq "copied text differs" 0 "$(q "SELECT count(*) FROM pages a JOIN pages b ON b.id=a.reused_from WHERE a.text IS DISTINCT FROM b.text")"
check_words_once

# Other settings (no deskew): --refresh takes every done page of the
# input again, once; the same refresh twice redoes nothing.
done_pages=$(q "SELECT count(*) FROM pages p JOIN dossiers d ON d.id=p.dossier_id WHERE d.code <> 'HS-COPY-0001' AND p.status='done'")
docs_before=$(q "SELECT count(*) FROM documents d JOIN dossiers o ON o.id=d.dossier_id WHERE o.code <> 'HS-COPY-0001'")
run_sohoa 0 run -j 2 --db "$DB" --quiet --no-deskew --refresh --report "$WORK/r4.json" "$WORK/c/dossiers"
expect_eq "pages OCR'd again" "$done_pages" "$(json_num "$WORK/r4.json" done)"
expect_eq "pages under the new settings" "$done_pages" "$(q "SELECT count(*) FROM pages p JOIN dossiers d ON d.id=p.dossier_id WHERE d.code <> 'HS-COPY-0001' AND p.status='done' AND p.ocr_config NOT LIKE '%deskew1%'")"
expect_eq "pages left pending" 0 "$(q "SELECT count(*) FROM pages WHERE status='pending'")"
expect_eq "dossiers classified again" 3 "$(q "SELECT count(*) FROM dossiers WHERE code <> 'HS-COPY-0001' AND classified_at IS NOT NULL")"
expect_eq "documents after refresh" "$docs_before" "$(q "SELECT count(*) FROM documents d JOIN dossiers o ON o.id=d.dossier_id WHERE o.code <> 'HS-COPY-0001'")"
check_words_once
after=$(snap)
run_sohoa 0 run -j 2 --db "$DB" --quiet --no-deskew --refresh --report "$WORK/r5.json" "$WORK/c/dossiers"
expect_eq "second refresh redoes nothing" "$after" "$(snap)"
expect_eq "done in the second refresh" 0 "$(json_num "$WORK/r5.json" done)"

# Pages refused by a limit are failed; --retry-failed under a wider
# limit takes them again, and their dossier is classified with them.
mkdir "$WORK/retry"
cp "$WORK/c/dossiers/$first" "$WORK/retry/HS-RETRY-0001.tif"
run_sohoa 4 run -j 1 --db "$DB" --quiet --max-megapixels 1 --no-deskew "$WORK/retry"
retry_pages=$(q "SELECT count(*) FROM pages p JOIN dossiers d ON d.id=p.dossier_id WHERE d.code='HS-RETRY-0001'")
expect_eq "pages over the limit" "$retry_pages" "$(q "SELECT count(*) FROM pages p JOIN dossiers d ON d.id=p.dossier_id WHERE d.code='HS-RETRY-0001' AND p.status='failed' AND p.failure_code='limit'")"
run_sohoa 0 run -j 1 --db "$DB" --quiet --no-deskew --retry-failed "$WORK/retry"
expect_eq "failed pages left" 0 "$(q "SELECT count(*) FROM pages p JOIN dossiers d ON d.id=p.dossier_id WHERE d.code='HS-RETRY-0001' AND p.status='failed'")"
[ "$(q "SELECT count(*) FROM documents d JOIN dossiers o ON o.id=d.dossier_id WHERE o.code='HS-RETRY-0001'")" -gt 0 ] ||
	fail "the retried dossier was not classified with its pages"
check_words_once
say ok
