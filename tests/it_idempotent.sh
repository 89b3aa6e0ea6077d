#!/usr/bin/env bash
# The same input twice adds nothing and re-OCRs nothing; a copy of a
# dossier under another name reuses the stored OCR by pixel hash.
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
say ok
