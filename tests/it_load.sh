#!/usr/bin/env bash
# sohoa-load: synthetic documents by COPY.  Counts agree with the plan,
# every link and field points at real rows, keys are valid personal IDs
# and enterprise codes, text and fields agree, sequences are past the
# loaded ids, and a second load appends without colliding.
. "$(dirname "$0")/lib.sh"
: "${SOHOA_LOAD:?}"
fresh_db it_load
N=2000

load() { # REPORT ARGS...
	local report=$1 rc=0
	shift
	"$SOHOA_LOAD" --db "$DB" --documents $N --quiet --report "$report" "$@" \
		>"$WORK/load.out" 2>"$WORK/load.err" || rc=$?
	if [ "$rc" != 0 ]; then
		cat "$WORK/load.out" "$WORK/load.err" >&2
		fail "sohoa-load exited $rc"
	fi
}

rc=0
"$SOHOA_LOAD" --db "$DB" --documents 0 >/dev/null 2>&1 || rc=$?
expect_eq "exit code of a bad --documents" 2 "$rc"

say "first load"
load "$WORK/first.json" --seed 7
cat "$WORK/load.out"
expect_eq "documents" $N "$(q "SELECT count(*) FROM documents")"
expect_eq "copied rows in the report" \
	"$(q "SELECT (SELECT count(*) FROM runs) + (SELECT count(*) FROM subjects)
	      + (SELECT count(*) FROM dossiers) + (SELECT count(*) FROM pages)
	      + (SELECT count(*) FROM documents) + (SELECT count(*) FROM fields)
	      + (SELECT count(*) FROM document_subjects)")" \
	"$(json_num "$WORK/first.json" copy_rows)"
expect_eq "documents without fields" 0 \
	"$(q "SELECT count(*) FROM documents d WHERE NOT EXISTS
	      (SELECT 1 FROM fields f WHERE f.document_id = d.id)")"
expect_eq "documents without subjects" 0 \
	"$(q "SELECT count(*) FROM documents d WHERE NOT EXISTS
	      (SELECT 1 FROM document_subjects l WHERE l.document_id = d.id)")"
expect_eq "links to missing rows" 0 \
	"$(q "SELECT count(*) FROM document_subjects l
	      LEFT JOIN documents d ON d.id = l.document_id LEFT JOIN subjects s ON s.id = l.subject_id
	      WHERE d.id IS NULL OR s.id IS NULL")"
expect_eq "enterprise links to persons and back" 0 \
	"$(q "SELECT count(*) FROM document_subjects l JOIN subjects s ON s.id = l.subject_id
	      WHERE (l.role = 'enterprise') <> (s.kind = 'enterprise')")"
expect_eq "subjects in no document or in more than 10" 0 \
	"$(q "SELECT count(*) FROM subjects s WHERE (SELECT count(DISTINCT document_id)
	      FROM document_subjects l WHERE l.subject_id = s.id) NOT BETWEEN 1 AND 10")"
expect_eq "document types" 10 "$(q "SELECT count(DISTINCT type) FROM documents")"
expect_eq "unknown types" 0 \
	"$(q "SELECT count(*) FROM documents WHERE type NOT IN ('cccd', 'cmnd',
	      'birth_certificate', 'marriage_certificate', 'marital_status_certificate',
	      'business_registration', 'land_use_certificate', 'decision', 'application_form',
	      'other')")"
expect_eq "dossiers whose page count is wrong" 0 \
	"$(q "SELECT count(*) FROM dossiers d
	      WHERE page_count <> (SELECT count(*) FROM pages p WHERE p.dossier_id = d.id)")"
expect_eq "dossier codes not HS-<year>-<n>" 0 \
	"$(q "SELECT count(*) FROM dossiers WHERE code !~ '^HS-20[0-9]{2}-[0-9]+$'")"
expect_eq "fields outside their document's pages" 0 \
	"$(q "SELECT count(*) FROM fields f JOIN documents d ON d.id = f.document_id
	      WHERE f.page NOT BETWEEN d.first_page AND d.last_page
	      OR f.x0 >= f.x1 OR f.y0 >= f.y1 OR f.x1 > 2480 OR f.y1 > 3508")"
expect_eq "fields whose raw text is not on their page" 0 \
	"$(q "SELECT count(*) FROM fields f JOIN documents d ON d.id = f.document_id
	      JOIN pages p ON p.dossier_id = d.dossier_id AND p.number = f.page
	      WHERE strpos(p.text, f.raw_text) = 0")"
expect_eq "first pages shorter than 200 characters" 0 \
	"$(q "SELECT count(*) FROM pages WHERE length(text) < 200 AND number = 1")"
expect_eq "pages of a few hundred characters" t \
	"$(q "SELECT avg(length(text)) BETWEEN 300 AND 1500 FROM pages")"
expect_eq "text not in NFC" 0 "$(q "SELECT count(*) FROM pages WHERE text IS NOT NFC NORMALIZED")"
expect_eq "verified fields without who and when" 0 \
	"$(q "SELECT count(*) FROM fields WHERE (status = 'verified')
	      <> (verified_by IS NOT NULL AND verified_at IS NOT NULL)")"
q "SELECT status, count(*) FROM fields GROUP BY 1 ORDER BY 1" >"$WORK/status.txt"
grep -q '^auto_accepted|' "$WORK/status.txt" && grep -q '^needs_review|' "$WORK/status.txt" &&
	grep -q '^verified|' "$WORK/status.txt" || fail "field statuses: $(cat "$WORK/status.txt")"
expect_eq "personal_id fields without their validator" 0 \
	"$(q "SELECT count(*) FROM fields WHERE name = 'personal_id'
	      AND validators->>'personal_id' IS DISTINCT FROM 'ok'")"

say "keys"
# DOMAIN.md: PPP (a province), G (century and sex), YY (birth year).
provinces="'001','002','004','006','008','010','011','012','014','015','017','019','020',
	'022','024','025','026','027','030','031','033','034','035','036','037','038','040',
	'042','044','045','046','048','049','051','052','054','056','058','060','062','064',
	'066','067','068','070','072','074','075','077','079','080','082','083','084','086',
	'087','089','091','092','093','094','095','096'"
expect_eq "malformed personal IDs" 0 \
	"$(q "SELECT count(*) FROM subjects WHERE kind = 'person'
	      AND (key !~ '^[0-9]{12}$' OR substr(key, 1, 3) NOT IN ($provinces)
	           OR substr(key, 4, 1)::int > 3)")"
expect_eq "personal IDs disagreeing with sex or birth year" 0 \
	"$(q "SELECT count(*) FROM subjects s
	      JOIN document_subjects l ON l.subject_id = s.id AND l.role = 'holder'
	      JOIN documents d ON d.id = l.document_id AND d.type = 'cccd'
	      JOIN fields fs ON fs.document_id = d.id AND fs.name = 'sex'
	      JOIN fields fb ON fb.document_id = d.id AND fb.name = 'date_of_birth'
	      JOIN fields fi ON fi.document_id = d.id AND fi.name = 'personal_id'
	      WHERE (substr(s.key, 4, 1)::int % 2 = 1) <> (fs.value = 'Nữ')
	      OR substr(s.key, 5, 2) <> substr(fb.value, 3, 2)
	      OR 19 + substr(s.key, 4, 1)::int / 2 <> substr(fb.value, 1, 2)::int
	      OR fi.value <> s.key")"
expect_eq "cards checked" t \
	"$(q "SELECT count(*) > 100 FROM documents WHERE type = 'cccd'")"
expect_eq "enterprise codes failing the check digit" 0 \
	"$(q "SELECT count(*) FROM (SELECT key, (31 * substr(key, 1, 1)::int
	      + 29 * substr(key, 2, 1)::int + 23 * substr(key, 3, 1)::int
	      + 19 * substr(key, 4, 1)::int + 17 * substr(key, 5, 1)::int
	      + 13 * substr(key, 6, 1)::int + 7 * substr(key, 7, 1)::int
	      + 5 * substr(key, 8, 1)::int + 3 * substr(key, 9, 1)::int) % 11 AS r
	      FROM subjects WHERE kind = 'enterprise' AND key ~ '^[0-9]{10}$') c
	      WHERE r = 0 OR 10 - r <> substr(key, 10, 1)::int")"
expect_eq "enterprise codes not of 10 digits" 0 \
	"$(q "SELECT count(*) FROM subjects WHERE kind = 'enterprise' AND key !~ '^[0-9]{10}$'")"
expect_eq "enterprises" t "$(q "SELECT count(*) > 0 FROM subjects WHERE kind = 'enterprise'")"

say "sequences past the loaded ids"
q "INSERT INTO runs (host) VALUES ('it_load')" >/dev/null
q "INSERT INTO dossiers (code, source_path, source_sha256, kind)
   VALUES ('HS-2026-it', '/dev/null', 'x', 'file')" >/dev/null
q "INSERT INTO documents (dossier_id, type, first_page, last_page)
   SELECT max(id), 'other', 1, 1 FROM dossiers" >/dev/null
q "INSERT INTO fields (document_id, name, status) SELECT max(id), 'note', 'auto_accepted'
   FROM documents" >/dev/null
q "INSERT INTO subjects (kind, key) VALUES ('person', '000000000000')" >/dev/null
q "INSERT INTO pages (dossier_id, number, source_path, source_index)
   SELECT max(id), 1, '/dev/null', 0 FROM dossiers" >/dev/null

say "second load, same seed: appended"
load "$WORK/second.json" --seed 7 --commit-per-table --synchronous-commit off
expect_eq "documents after two loads" $((2 * N + 1)) "$(q "SELECT count(*) FROM documents")"
expect_eq "duplicate subject keys" 0 \
	"$(q "SELECT count(*) - count(DISTINCT (kind, key)) FROM subjects")"
doc2=$(json_num "$WORK/second.json" first_document_id)
subj2=$(json_num "$WORK/second.json" first_subject_id)
[ "$doc2" -gt $((N + 1)) ] || fail "second load's documents start at $doc2"
expect_eq "links across the two loads" 0 \
	"$(q "SELECT count(*) FROM document_subjects
	      WHERE (document_id >= $doc2) <> (subject_id >= $subj2)")"
q "INSERT INTO documents (dossier_id, type, first_page, last_page)
   SELECT max(id), 'other', 2, 2 FROM dossiers" >/dev/null
say ok
