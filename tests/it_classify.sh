#!/usr/bin/env bash
# A run stores documents, fields and subjects; `sohoa reclassify`
# reproduces them from the stored words without OCR; a field a person
# verified keeps its status; a classification interrupted by kill -9 is
# redone by the next run, exactly once.
. "$(dirname "$0")/lib.sh"
fresh_db it_cls
"$SOHOA_GEN" --out "$WORK/c" --dossiers 4 --seed 31 >/dev/null
run_sohoa 0 run -j 2 --db "$DB" --quiet --report "$WORK/r.json" "$WORK/c/dossiers"
cat "$WORK/out.txt"
docs=$(q "SELECT count(*) FROM documents")
[ "$docs" -gt 0 ] || fail "no documents stored"
expect_eq "dossiers classified" 4 "$(q "SELECT count(*) FROM dossiers WHERE classified_at IS NOT NULL")"
expect_eq "documents in the report" "$docs" "$(json_num "$WORK/r.json" documents)"
[ "$(q "SELECT count(*) FROM fields")" -gt 0 ] || fail "no fields stored"
expect_eq "fields with a bad status" 0 "$(q "SELECT count(*) FROM fields WHERE status NOT IN ('auto_accepted','needs_review')")"
expect_eq "documents over blank pages" 0 "$(q "SELECT count(*) FROM documents d JOIN pages p ON p.dossier_id=d.dossier_id AND p.number BETWEEN d.first_page AND d.last_page WHERE p.status='blank'")"
# Every subject is keyed by a valid-looking personal ID or enterprise code.
expect_eq "malformed subject keys" 0 "$(q "SELECT count(*) FROM subjects WHERE NOT (kind='person' AND key ~ '^[0-9]{12}$' OR kind='enterprise' AND key ~ '^[0-9]{10}(-[0-9]{3})?$')")"
[ "$(q "SELECT count(*) FROM document_subjects")" -gt 0 ] || fail "no subject links"

snap() { q "SELECT string_agg(d.type||':'||d.first_page||'-'||d.last_page||':'||f.name||'='||coalesce(f.value,'')||':'||f.status, '|' ORDER BY s.code, d.first_page, f.name, f.value) FROM fields f JOIN documents d ON d.id=f.document_id JOIN dossiers s ON s.id=d.dossier_id"; }
before=$(snap)
words=$(q "SELECT count(*) FROM words")
ocr=$(q "SELECT string_agg(id||':'||extract(epoch from processed_at), ',' ORDER BY id) FROM pages")

# A person verifies one field; reclassification keeps the decision.
fid=$(q "SELECT f.id FROM fields f WHERE f.status='auto_accepted' ORDER BY f.id LIMIT 1")
fname=$(q "SELECT name||'='||value FROM fields WHERE id=$fid")
q "UPDATE fields SET status='verified', verified_by='clerk-7', verified_at=now() WHERE id=$fid" >/dev/null
run_sohoa 0 reclassify --db "$DB"
grep -q "reclassified 4 dossiers" "$WORK/out.txt" || fail "reclassify summary: $(cat "$WORK/out.txt")"
expect_eq "verified field after reclassify" "clerk-7" \
	"$(q "SELECT string_agg(verified_by, ',') FROM fields WHERE status='verified' AND name||'='||value='$fname'")"
q "UPDATE fields SET status='auto_accepted', verified_by=NULL, verified_at=NULL WHERE status='verified'" >/dev/null
expect_eq "fields after reclassify" "$before" "$(snap)"
expect_eq "words untouched" "$words" "$(q "SELECT count(*) FROM words")"
expect_eq "pages not re-OCR'd" "$ocr" "$(q "SELECT string_agg(id||':'||extract(epoch from processed_at), ',' ORDER BY id) FROM pages")"

# One dossier by code.
code=$(q "SELECT code FROM dossiers ORDER BY code LIMIT 1")
run_sohoa 0 reclassify --db "$DB" --dossier "$code"
grep -q "reclassified 1 dossiers" "$WORK/out.txt" || fail "reclassify one dossier"
run_sohoa 2 reclassify --db "$DB" --dossier NO-SUCH-CODE

# Lost classification (as after a kill between the last page and the
# classification): the next run classifies, once.
q "DELETE FROM documents; UPDATE dossiers SET classified_at = NULL" >/dev/null
run_sohoa 0 run -j 2 --db "$DB" --quiet "$WORK/c/dossiers"
expect_eq "fields after the sweep" "$before" "$(snap)"
expect_eq "documents after a second run" "$docs" "$(q "SELECT count(*) FROM documents")"
run_sohoa 0 run -j 2 --db "$DB" --quiet "$WORK/c/dossiers"
expect_eq "documents after a third run" "$docs" "$(q "SELECT count(*) FROM documents")"
say ok
