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

# A page refused by a limit is failed and its dossier classified
# without it; --retry-failed under a wider limit takes it again and
# classifies the dossier again, with it.  Planned from inside $WORK by a
# relative path and retried from / by the absolute one: the store holds
# absolute paths, so the worker finds the file.
"$SOHOA_GEN" --out "$WORK/r" --dossiers 1 --pages 3 --degrade clean,dpi400,clean --seed 5 >/dev/null
# The working directory is reached through a symbolic link, which the
# stored paths keep (another machine may see the share through one).
ln -s "$WORK" "$WORK/via"
(cd "$WORK/via" && run_sohoa 4 run -j 1 --db "$DB" --quiet --max-megapixels 12 ./r//dossiers/) || exit 1
code=$(ls "$WORK/r/dossiers" | head -n 1)
code=${code%.tif}
did=$(q "SELECT max(id) FROM dossiers WHERE code='$code'") # codes repeat across corpora
expect_eq "the 400 dpi page refused" "2:failed:limit" "$(q "SELECT string_agg(number||':'||status||':'||failure_code, ',') FROM pages WHERE dossier_id=$did AND status<>'done'")"
cls=$(q "SELECT classified_at FROM dossiers WHERE id=$did")
[ -n "$cls" ] || fail "the dossier with a failed page was not classified"
expect_eq "paths stored absolute" "$WORK/via/r/dossiers/$code.tif 3" \
	"$(q "SELECT d.source_path||' '||count(*) FROM dossiers d JOIN pages p ON p.dossier_id=d.id WHERE d.id=$did AND p.source_path=d.source_path GROUP BY d.source_path")"
(cd / && run_sohoa 0 run -j 1 --db "$DB" --quiet --retry-failed "$WORK/r/dossiers") || exit 1
expect_eq "failed pages left" 0 "$(q "SELECT count(*) FROM pages WHERE dossier_id=$did AND status='failed'")"
[ "$(q "SELECT classified_at > '$cls' FROM dossiers WHERE id=$did")" = t ] ||
	fail "the dossier was not classified again with its retried page"
check_words_once

# A file refused whole by planning (over --max-pages) is one failed page;
# planned again under a wider limit, that page is replaced by the file's
# pages, which are read, and the dossier is classified with them.
"$SOHOA_GEN" --out "$WORK/m" --dossiers 1 --pages 3 --seed 8 >/dev/null
run_sohoa 4 run -j 1 --db "$DB" --quiet --max-pages 2 "$WORK/m/dossiers"
did=$(q "SELECT id FROM dossiers WHERE source_path LIKE '$WORK/m/%'")
expect_eq "refused by planning" "1:failed:limit:true" \
	"$(q "SELECT string_agg(number||':'||status||':'||failure_code||':'||failed_in_planning, ',') FROM pages WHERE dossier_id=$did")"
run_sohoa 0 run -j 1 --db "$DB" --quiet "$WORK/m/dossiers"
expect_eq "planned again and read" "1:done,2:done,3:done" \
	"$(q "SELECT string_agg(number||':'||status, ',' ORDER BY number) FROM pages WHERE dossier_id=$did")"
expect_eq "page count" 3 "$(q "SELECT page_count FROM dossiers WHERE id=$did")"
expect_eq "classified with every page" 3 \
	"$(q "SELECT coalesce(max(d.last_page), 0) FROM documents d WHERE d.dossier_id=$did")"
run_sohoa 0 run -j 1 --db "$DB" --quiet --max-pages 2 "$WORK/m/dossiers"
expect_eq "a narrower limit later leaves the pages" "1:done,2:done,3:done" \
	"$(q "SELECT string_agg(number||':'||status, ',' ORDER BY number) FROM pages WHERE dossier_id=$did")"

# Refused again for another reason (another limit): nothing is planned
# anew, and the summary names the refusal once, as an earlier run's.
"$SOHOA_GEN" --out "$WORK/m2" --dossiers 1 --pages 3 --seed 9 >/dev/null
run_sohoa 4 run -j 1 --db "$DB" --quiet --max-pages 2 "$WORK/m2/dossiers"
did=$(q "SELECT id FROM dossiers WHERE source_path LIKE '$WORK/m2/%'")
first=$(q "SELECT run_id||' '||failure_reason FROM pages WHERE dossier_id=$did")
run_sohoa 4 run -j 1 --db "$DB" --quiet --max-pages 1 "$WORK/m2/dossiers"
expect_eq "refused again: the row as it was" "$first" "$(q "SELECT run_id||' '||failure_reason FROM pages WHERE dossier_id=$did")"
expect_eq "refusal named once, as earlier" "0 1" \
	"$(echo "$(grep -c '^  failed: ' "$WORK/out.txt") $(grep -c '^  failed earlier: ' "$WORK/out.txt")")"

# A folder whose middle member was refused and expands now: its later
# pages would move up a number.  The pages read stay as they are, the
# refusal stays, and the run says so.
"$SOHOA_GEN" --out "$WORK/f1" --dossiers 1 --pages 1 --seed 21 --format tiff >/dev/null
"$SOHOA_GEN" --out "$WORK/f3" --dossiers 1 --pages 3 --seed 22 --format tiff >/dev/null
mkdir -p "$WORK/fold/HS-FOLD"
cp "$WORK"/f1/dossiers/*.tif "$WORK/fold/HS-FOLD/01.tif"
cp "$WORK"/f3/dossiers/*.tif "$WORK/fold/HS-FOLD/02.tif"
cp "$WORK"/f1/dossiers/*.tif "$WORK/fold/HS-FOLD/03.tif"
run_sohoa 4 run -j 1 --db "$DB" --quiet --max-pages 2 "$WORK/fold"
did=$(q "SELECT id FROM dossiers WHERE code='HS-FOLD'")
expect_eq "folder with a refused member" "1:done:f,2:failed:t,3:done:f" \
	"$(q "SELECT string_agg(number||':'||status||':'||left(failed_in_planning::text,1), ',' ORDER BY number) FROM pages WHERE dossier_id=$did")"
run_sohoa 4 run -j 1 --db "$DB" --log-format json "$WORK/fold"
expect_eq "folder left as it was" "1:done,2:failed,3:done" \
	"$(q "SELECT string_agg(number||':'||status, ',' ORDER BY number) FROM pages WHERE dossier_id=$did")"
grep -q '"event":"dossier_reshaped"' "$WORK/err.txt" || fail "no dossier_reshaped warning"
say ok
