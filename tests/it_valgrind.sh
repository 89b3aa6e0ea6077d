#!/usr/bin/env bash
# The whole batch path under valgrind: bad inputs and a good multi-page
# TIFF through two OpenMP workers, no invalid access and no definite
# leak in our code (libgomp's thread pool is suppressed, see
# ocr/valgrind.supp).  Then the reuse service under valgrind, answering
# good and bad requests until SIGTERM.  Last, a dossier whose pages need
# the preprocessing steps: skewed pages straightened (rules drawn solid
# again), speckled ones cleaned and oriented without their dust, a
# dusty blank sheet.  And a G4 page handed to Tesseract as 1 bpp.
. "$(dirname "$0")/lib.sh"
command -v valgrind >/dev/null || fail "valgrind is not installed"
fresh_db it_vg
"$MKBAD" "$WORK/in"
rm "$WORK/in/bomb.tif" # 1.6 GP of G4 scanning is slow under valgrind and covered elsewhere
# vg_batch DIR: `sohoa run` on DIR under valgrind; its exit code in rc.
vg_batch() {
	rc=0
	valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--suppressions="$SOHOA_SRC/ocr/valgrind.supp" \
		"$SOHOA" run -j 2 --db "$DB" --quiet "$1" >"$WORK/out.txt" 2>"$WORK/err.txt" || rc=$?
	grep -v '^{' "$WORK/err.txt" | head -50 >&2 || true
}
vg_batch "$WORK/in"
expect_eq "exit code under valgrind (99 = valgrind errors)" 4 "$rc"
expect_eq "good pages" 3 "$(q "SELECT count(*) FROM pages WHERE status='done'")"

tok=$("$SOHOA" token create --db "$DB" --agency vg --scope admin --json | jq -r .token)
valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	"$SOHOA" serve --db "$DB" --listen 127.0.0.1:0 --threads 2 --max-body 1024 \
	>"$WORK/serve.out" 2>"$WORK/serve.err" &
srv=$!
for _ in $(seq 300); do grep -q listening "$WORK/serve.out" && break; sleep 0.1; done
port=$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$WORK/serve.out")
[ -n "$port" ] || fail "server did not start under valgrind: $(cat "$WORK/serve.err")"
word=$(q "SELECT split_part(sohoa_fold(text), ' ', 3) FROM pages WHERE status='done' LIMIT 1")
for u in /healthz /metrics /v1/openapi.json /v1/subjects/079100000018 /v1/subjects/12 \
	"/v1/search?q=$word" "/v1/search?q=$word&limit=1&cursor=0.1_1" /v1/documents/1/pages/1/image /nowhere; do
	curl -s -o /dev/null -H "Authorization: Bearer $tok" -H "X-Purpose: vg" "http://127.0.0.1:$port$u"
done
curl -s -o /dev/null -H "Authorization: Bearer $tok" -d '{"procedure_code":"x"}' "http://127.0.0.1:$port/v1/reuse"
head -c 3000 /dev/zero | curl -s -o /dev/null -H "Authorization: Bearer $tok" --data-binary @- "http://127.0.0.1:$port/v1/reuse"
kill -TERM $srv
rc=0
wait $srv || rc=$?
grep -v '^{' "$WORK/serve.err" | head -50 >&2 || true
expect_eq "server exit code under valgrind (99 = valgrind errors)" 0 "$rc"
# a subject miss, two searches, an image of no document: all audited
expect_eq "audited reads answered under valgrind" 4 "$(q "SELECT count(*) FROM audit")"

# Seed 15: pages 1, 3, 5 skewed, page 2 a blank sheet and page 4 a document, both speckled.
"$SOHOA_GEN" --out "$WORK/g" --pages 5 --dossiers 1 --seed 15 --degrade skew,speckle --quiet >/dev/null
vg_batch "$WORK/g/dossiers"
expect_eq "exit code under valgrind, preprocessing (99 = valgrind errors)" 0 "$rc"
gq() { q "SELECT $1 FROM pages p JOIN dossiers d ON d.id = p.dossier_id WHERE d.code = 'HS-2024-0001' AND $2"; }
expect_eq "straightened pages" 3 "$(gq "count(*)" "p.skew_angle <> 0")"
expect_eq "dusty blank sheet" "blank despeckle" "$(gq "p.status || ' ' || p.preprocess_steps" "p.number = 2")"

# A G4 identity card that no step greys: it goes to Tesseract as 1 bpp
# (ocr_engine.c), and its MRZ is read too.
"$SOHOA_GEN" --out "$WORK/b" --pages 1 --dossiers 1 --seed 3 --degrade g4 --quiet >/dev/null
fresh_db it_vg_g4
vg_batch "$WORK/b/dossiers"
expect_eq "exit code under valgrind, G4 page (99 = valgrind errors)" 0 "$rc"
expect_eq "G4 page read, untouched by preprocessing" "done  0 0" \
	"$(q "SELECT status || ' ' || coalesce(preprocess_steps, '') || ' ' || rotation || ' ' ||
		skew_angle FROM pages")"
say ok
