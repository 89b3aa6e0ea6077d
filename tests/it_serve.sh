#!/usr/bin/env bash
# The reuse service against a real server and database, on dossiers a
# real batch processed: every endpoint; no token, wrong scope, revoked
# token; one audit row per read of personal data; injection strings in
# every parameter; oversized and malformed requests; rate limits; the
# reuse KPIs on a known fixture; the CLI twins.
. "$(dirname "$0")/lib.sh"
fresh_db it_srv
"$SOHOA_GEN" --out "$WORK/c" --dossiers 3 --seed 31 >/dev/null
run_sohoa 0 run -j 2 --db "$DB" --quiet --office Q1 "$WORK/c/dossiers"

tok() { # scope [extra args]: a new token's secret
	"$SOHOA" token create --db "$DB" --agency "it-$1" --scope "$@" --json | jq -r .token
}
READ=$(tok read)
REUSE=$(tok reuse)
ADMIN=$(tok admin)
SLOW=$(tok read --rate-limit 1)
GONE=$(tok read)
gone_id=$(q "SELECT id FROM api_tokens WHERE agency='it-read' ORDER BY id DESC LIMIT 1")
run_sohoa 0 token revoke --db "$DB" "$gone_id"
run_sohoa 0 token list --db "$DB"
grep -q "it-admin" "$WORK/out.txt" || fail "token list: $(cat "$WORK/out.txt")"
if grep -q "${READ:6:20}" "$WORK/out.txt"; then fail "token list shows a secret"; fi
expect_eq "secrets stored" 0 "$(q "SELECT count(*) FROM api_tokens WHERE hash = '$READ' OR prefix = '$READ'")"

"$SOHOA" serve --db "$DB" --listen 127.0.0.1:0 --threads 3 --max-body 4096 --rate-limit 1000 \
	>"$WORK/serve.out" 2>"$WORK/serve.err" &
srv=$!
for _ in $(seq 100); do grep -q listening "$WORK/serve.out" && break; sleep 0.1; done
port=$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$WORK/serve.out")
[ -n "$port" ] || fail "server did not start: $(cat "$WORK/serve.err")"
BASE="http://127.0.0.1:$port"

# http TOKEN URL [curl args]: status in CODE, body in $WORK/body.
http() {
	local t=$1 u=$2
	shift 2
	CODE=$(curl -s -o "$WORK/body" -w '%{http_code}' ${t:+-H "Authorization: Bearer $t"} \
		-H "X-Purpose: it-serve" "$@" "$BASE$u")
}
expect_code() { # what code
	[ "$CODE" = "$2" ] || fail "$1: expected HTTP $2, got $CODE: $(head -c 400 "$WORK/body")"
}
audits() { q "SELECT count(*) FROM audit"; }

say "health, openapi, metrics"
http "" /healthz
expect_code healthz 200
http "$READ" /v1/openapi.json
expect_code openapi 200
cmp -s "$WORK/body" "$SOHOA_SRC/api/openapi.json" || fail "served openapi differs from the repo's"
http "$READ" /metrics
expect_code "metrics with a read token" 403
http "$ADMIN" /metrics
expect_code metrics 200
grep -q '^sohoa_pages{status="done"} [1-9]' "$WORK/body" || fail "metrics: no done pages"
grep -q 'sohoa_http_request_duration_seconds_bucket{route="/v1/openapi.json",le="0.005"}' \
	"$WORK/body" || fail "metrics: no latency histogram"

person=$(q "SELECT s.key FROM subjects s JOIN document_subjects ds ON ds.subject_id=s.id
            WHERE s.kind='person' GROUP BY s.key ORDER BY count(*) DESC, s.key LIMIT 1")
[ -n "$person" ] || fail "the batch linked no person"

say "authentication and scopes"
a0=$(audits)
http "" "/v1/subjects/$person"
expect_code "no token" 401
http "sohoa_0000" "/v1/subjects/$person"
expect_code "unknown token" 401
http "$GONE" "/v1/subjects/$person"
expect_code "revoked token" 401
http "$READ" /v1/reuse -X POST -d '{}'
expect_code "reuse with a read token" 403
CODE=$(curl -s -o "$WORK/body" -w '%{http_code}' -H "Authorization: Bearer $READ" "$BASE/v1/subjects/$person")
expect_code "no X-Purpose" 400
expect_eq "X-Purpose named" X-Purpose "$(jq -r .error.parameter "$WORK/body")"
expect_eq "audit rows for refused requests" "$a0" "$(audits)"

say "subject with provenance, audited once"
fid=$(q "SELECT f.id FROM fields f JOIN document_subjects ds ON ds.document_id=f.document_id
         JOIN subjects s ON s.id=ds.subject_id WHERE s.key='$person' ORDER BY f.id LIMIT 1")
q "UPDATE fields SET status='verified', verified_by='clerk-9', verified_at=now() WHERE id=$fid" >/dev/null
http "$READ" "/v1/subjects/$person"
expect_code subject 200
expect_eq "audit rows after one read" $((a0 + 1)) "$(audits)"
expect_eq "audit row" "it-read|GET /v1/subjects/{id}|it-serve|200|{$person}" \
	"$(q "SELECT agency||'|'||endpoint||'|'||purpose||'|'||result||'|'||subject_keys::text FROM audit ORDER BY id DESC LIMIT 1")"
expect_eq "subject id" "$person" "$(jq -r .subject.id "$WORK/body")"
[ "$(jq '.records | length' "$WORK/body")" -gt 0 ] || fail "no records"
expect_eq "fields without provenance" 0 "$(jq '[.records[].fields[] | select(.provenance.dossier == null or .provenance.page == null)] | length' "$WORK/body")"
expect_eq "unverified fields shown as verified" 0 "$(jq '[.records[].fields[] | select(.verified and .status != "verified")] | length' "$WORK/body")"
expect_eq "verified field" "clerk-9" "$(jq -r '[.records[].fields[] | select(.verified)][0].provenance.verified_by' "$WORK/body")"
expect_eq "fields as stored" "$(q "SELECT count(*) FROM fields f JOIN document_subjects ds ON ds.document_id=f.document_id JOIN subjects s ON s.id=ds.subject_id WHERE s.key='$person' AND f.status<>'rejected' AND f.document_id IN (SELECT DISTINCT ON (d.type, ds2.role) d.id FROM documents d JOIN document_subjects ds2 ON ds2.document_id=d.id WHERE ds2.subject_id=s.id ORDER BY d.type, ds2.role, d.created_at DESC, d.id DESC)")" \
	"$(jq '[.records[].fields[]] | length' "$WORK/body")"
missing=079100000018
http "$READ" "/v1/subjects/$missing"
expect_code "unknown subject" 404
expect_eq "audit of a miss" "404" "$(q "SELECT result FROM audit ORDER BY id DESC LIMIT 1")"
a1=$(audits)
for bad in 12345 034090001234x 999090001234 0100233480 abc; do
	http "$READ" "/v1/subjects/$bad"
	expect_code "malformed id $bad" 400
	expect_eq "parameter named" id "$(jq -r .error.parameter "$WORK/body")"
done
expect_eq "audit rows for malformed ids" "$a1" "$(audits)"

say "documents, pages, image"
http "$READ" "/v1/subjects/$person/documents?type=cccd"
expect_code "documents by type" 200
expect_eq "only cccd" 0 "$(jq '[.documents[] | select(.type != "cccd")] | length' "$WORK/body")"
http "$READ" "/v1/subjects/$person/documents?type=passport"
expect_code "unknown type" 400
http "$READ" "/v1/subjects/$person/documents?colour=red"
expect_code "unknown parameter" 400
expect_eq "unknown parameter named" colour "$(jq -r .error.parameter "$WORK/body")"
doc=$(q "SELECT d.id FROM documents d JOIN document_subjects ds ON ds.document_id=d.id JOIN subjects s ON s.id=ds.subject_id WHERE s.key='$person' ORDER BY d.id LIMIT 1")
page=$(q "SELECT first_page FROM documents WHERE id=$doc")
http "$READ" "/v1/documents/$doc"
expect_code document 200
expect_eq "document subjects" 1 "$(jq --arg p "$person" '[.subjects[] | select(.id == $p)] | length' "$WORK/body")"
a2=$(audits)
http "$READ" "/v1/documents/$doc/pages/$page/text"
expect_code "page text" 200
q "SELECT text FROM pages p JOIN documents d ON d.dossier_id=p.dossier_id WHERE d.id=$doc AND p.number=$page" >"$WORK/want.txt"
diff <(cat "$WORK/body") <(head -c -1 "$WORK/want.txt") >/dev/null || fail "page text differs from the store"
http "$READ" "/v1/documents/$doc/pages/$page/image"
expect_code "page image" 200
expect_eq "png signature" "89504e470d0a1a0a" "$(head -c 8 "$WORK/body" | od -An -tx1 | tr -d ' \n')"
expect_eq "audit rows for text and image" $((a2 + 2)) "$(audits)"
http "$READ" "/v1/documents/$doc/pages/999/text"
expect_code "page outside the document" 404
http "$READ" "/v1/documents/0"
expect_code "document 0" 400
http "$READ" "/v1/documents/99999999"
expect_code "missing document" 404
http "$READ" "/v1/documents/$doc" -X DELETE
expect_code "DELETE" 405

say "search: accents and case do not matter; pages of results"
name=$(q "SELECT display_name FROM subjects WHERE key='$person'")
folded=$(q "SELECT sohoa_fold(display_name) FROM subjects WHERE key='$person'")
[ "$name" != "$folded" ] || fail "test name has no accents: $name"
http "$READ" /v1/search -G --data-urlencode "q=$folded"
expect_code search 200
[ "$(jq '.results | length' "$WORK/body")" -gt 0 ] || fail "'$folded' found nothing"
expect_eq "similar name" "$person" "$(jq -r '.subjects[0].id' "$WORK/body")"
http "$READ" /v1/search -G --data-urlencode "q=cộng hòa" --data-urlencode limit=1
first=$(jq -r '.results[0].dossier + ":" + (.results[0].page|tostring)' "$WORK/body")
cursor=$(jq -r .next_cursor "$WORK/body")
[ "$cursor" != null ] || fail "no next_cursor with limit=1"
http "$READ" /v1/search -G --data-urlencode "q=CONG HOA" --data-urlencode limit=1 --data-urlencode "cursor=$cursor"
expect_code "second page" 200
second=$(jq -r '.results[0].dossier + ":" + (.results[0].page|tostring)' "$WORK/body")
[ "$first" != "$second" ] || fail "second page repeats the first: $first"
# Cursors a real cannot hold are the client's mistake, not the server's.
for p in "limit=0" "limit=101" "limit=x" "cursor=abc" "cursor=1_x" "type=x" "cursor=1e99_5" \
	"cursor=1e-60_5"; do
	http "$READ" /v1/search -G --data-urlencode "q=cong" --data-urlencode "$p"
	expect_code "search $p" 400
	expect_eq "search parameter named" "${p%%=*}" "$(jq -r .error.parameter "$WORK/body")"
done
http "$READ" /v1/search -G --data-urlencode "q=,,,"
expect_code "search without words" 400
http "$READ" "/v1/search?q=nguy%FFn"
expect_code "search text that is not UTF-8" 400
http "$READ" "/v1/search?q=an%0Dbinh"
expect_code "search text with a control character" 400
CODE=$(curl -s -o "$WORK/body" -w '%{http_code}' -H "Authorization: Bearer $READ" \
	-H $'X-Purpose: th\xff\xfe' "$BASE/v1/subjects/$person")
expect_code "X-Purpose that is not UTF-8" 400

say "reuse events"
other=$(q "SELECT d.id FROM documents d WHERE d.id NOT IN (SELECT document_id FROM document_subjects ds JOIN subjects s ON s.id=ds.subject_id WHERE s.key='$person') LIMIT 1")
reuse() { # body
	http "$REUSE" /v1/reuse -X POST -H 'Content-Type: application/json' --data-binary "$1"
}
ar0=$(audits)
reuse "{\"procedure_code\":\"1.001\",\"receiving_dossier\":\"R-1\",\"office\":\"Q1\",\"subject\":\"$person\",\"document_ids\":[$doc]}"
expect_code "reuse" 201
reuse "{\"procedure_code\":\"1.001\",\"receiving_dossier\":\"R-1\",\"office\":\"Q1\",\"subject\":\"$person\",\"document_ids\":[$doc]}"
expect_code "the same reuse again" 200
expect_eq "retry recorded once" false "$(jq .created "$WORK/body")"
reuse "{\"procedure_code\":\"2.002\",\"receiving_dossier\":\"R-2\",\"office\":\"Q1\",\"subject\":\"$person\",\"document_ids\":[$doc]}"
expect_code "second procedure" 201
reuse "{\"procedure_code\":\"1.001\",\"receiving_dossier\":\"R-3\",\"office\":\"Q1\",\"subject\":\"$person\",\"document_ids\":[$doc,$other]}"
expect_code "a document of someone else" 422
expect_eq "422 names" document_ids "$(jq -r .error.parameter "$WORK/body")"
reuse "{\"procedure_code\":\"1.001\",\"receiving_dossier\":\"R-3\",\"office\":\"Q1\",\"subject\":\"$missing\",\"document_ids\":[$doc]}"
expect_code "unknown subject" 404
# Each answer says something about a person's records (found, which
# documents are theirs): every one leaves an audit row with its result.
expect_eq "audit rows of five reuse answers" $((ar0 + 5)) "$(audits)"
expect_eq "reuse audit results" "201 200 201 422 404" \
	"$(q "SELECT string_agg(result::text, ' ' ORDER BY id) FROM audit WHERE id > (SELECT max(id) FROM audit) - 5")"
expect_eq "reuse audit row" "it-reuse|POST /v1/reuse|it-serve|{$missing}" \
	"$(q "SELECT agency||'|'||endpoint||'|'||purpose||'|'||subject_keys::text FROM audit ORDER BY id DESC LIMIT 1")"
reuse "{\"procedure_code\":\"1.001\",\"receiving_dossier\":\"R-4\",\"office\":\"Q1\",\"subject\":\"$person\",\"document_ids\":[$doc],\"purpose\":\"a\\u001b[2Jb\"}"
expect_eq "purpose with a control character" "400 purpose" "$CODE $(jq -r .error.parameter "$WORK/body")"
CODE=$(curl -s -o "$WORK/body" -w '%{http_code}' -H "Authorization: Bearer $REUSE" \
	-H "X-Purpose: $(head -c 300 /dev/zero | tr '\0' p)" --data-binary \
	"{\"procedure_code\":\"1.001\",\"receiving_dossier\":\"R-4\",\"office\":\"Q1\",\"subject\":\"$person\",\"document_ids\":[$doc]}" \
	"$BASE/v1/reuse")
expect_eq "X-Purpose over 200 bytes on a reuse" "400 X-Purpose" "$CODE $(jq -r .error.parameter "$WORK/body")"
long=$(head -c 5000 /dev/zero | tr '\0' k)
http "$READ" "/v1/search?q=an&$long=1"
expect_code "a 5000-byte parameter name" 400
expect_eq "its error body, the name cut" "bad_parameter 64" \
	"$(jq -r '.error.code + " " + (.error.parameter | length | tostring)' "$WORK/body")"
reuse '{"procedure_code":"1.001",'
expect_code "malformed JSON" 400
reuse "{\"procedure_code\":\"1.001\",\"receiving_dossier\":\"R-3\",\"office\":\"Q1\",\"subject\":\"$person\",\"document_ids\":[$doc],\"extra\":1}"
expect_eq "unknown member" "400 extra" "$CODE $(jq -r .error.parameter "$WORK/body")"
reuse "{\"procedure_code\":\"1 001\",\"receiving_dossier\":\"R-3\",\"office\":\"Q1\",\"subject\":\"$person\",\"document_ids\":[$doc]}"
expect_eq "bad procedure code" "400 procedure_code" "$CODE $(jq -r .error.parameter "$WORK/body")"
head -c 5000 /dev/zero | tr '\0' 'a' >"$WORK/big"
http "$REUSE" /v1/reuse -X POST --data-binary @"$WORK/big"
expect_code "oversized body" 413
# A declared length over the limit is refused before the body is read:
# the answer comes while the client has sent nothing but its headers.
ans=$(exec 3<>"/dev/tcp/127.0.0.1/$port"
	printf 'POST /v1/reuse HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Length: 200000000\r\n\r\n' \
		"$REUSE" >&3
	timeout 5 head -1 <&3 | tr -d '\r')
expect_eq "oversized declared length, answered at once" "HTTP/1.1 413" "${ans:0:12}"
# No declared length (chunked): read to its end, then 413 all the same.
CODE=$(curl -s -o "$WORK/body" -w '%{http_code}' -H "Authorization: Bearer $REUSE" \
	-H "Transfer-Encoding: chunked" --data-binary @"$WORK/big" "$BASE/v1/reuse")
expect_eq "oversized chunked body" "413 too_large" "$CODE $(jq -r .error.code "$WORK/body")"
expect_eq "reuse events" 2 "$(q "SELECT count(*) FROM reuse_events")"

say "injection strings in every parameter"
before=$(q "SELECT (SELECT count(*) FROM subjects)||'/'||(SELECT count(*) FROM documents)||'/'||(SELECT count(*) FROM api_tokens)||'/'||(SELECT count(*) FROM reuse_events)")
while IFS= read -r inj; do
	enc=$(jq -rn --arg v "$inj" '$v|@uri')
	for u in "/v1/subjects/$enc" "/v1/subjects/$enc/documents" "/v1/documents/$enc" \
		"/v1/documents/$doc/pages/$enc/text" "/v1/documents/$enc/pages/1/image"; do
		http "$READ" "$u"
		case $CODE in 400 | 404) ;; *) fail "GET $u: HTTP $CODE" ;; esac
	done
	for p in q type limit cursor; do
		http "$READ" /v1/search -G --data-urlencode "q=cong" --data-urlencode "$p=$inj"
		case $CODE in 200 | 400) ;; *) fail "search $p=$inj: HTTP $CODE" ;; esac
	done
	http "$READ" "/v1/subjects/$person" -H "X-Purpose: $inj"
	case $CODE in 200 | 400) ;; *) fail "X-Purpose $inj: HTTP $CODE" ;; esac
	CODE=$(curl -s -o "$WORK/body" -w '%{http_code}' -H "Authorization: Bearer $inj" -H "X-Purpose: x" "$BASE/v1/subjects/$person")
	expect_code "Authorization $inj" 401
	for m in procedure_code receiving_dossier office subject; do
		body=$(jq -cn --arg m "$m" --arg v "$inj" --arg s "$person" --argjson d "$doc" \
			'{procedure_code:"1.001",receiving_dossier:"R-9",office:"Q1",subject:$s,document_ids:[$d]} + {($m):$v}')
		reuse "$body"
		case $CODE in 400 | 404) ;; *) fail "reuse $m=$inj: HTTP $CODE" ;; esac
	done
done <<'EOF'
' OR '1'='1
1; DROP TABLE audit; --
034090001234' OR 1=1 --
%00
") OR 1=1 --
$$; DELETE FROM subjects; $$
\x27 UNION SELECT hash FROM api_tokens --
EOF
expect_eq "tables after injections" "$before" "$(q "SELECT (SELECT count(*) FROM subjects)||'/'||(SELECT count(*) FROM documents)||'/'||(SELECT count(*) FROM api_tokens)||'/'||(SELECT count(*) FROM reuse_events)")"
grep -q 'code="other"\|code="500"' <(curl -s -H "Authorization: Bearer $ADMIN" "$BASE/metrics") &&
	fail "a request failed with 500"

say "rate limit per token"
got429=""
for _ in 1 2 3 4; do
	http "$SLOW" /v1/openapi.json -D "$WORK/headers"
	if [ "$CODE" = 429 ]; then got429=1 && break; fi
done
[ -n "$got429" ] || fail "4 quick requests at 1/s were not limited"
grep -qi '^retry-after: [1-9]' "$WORK/headers" || fail "429 without Retry-After"

say "audit trail and append-only"
n=$(q "SELECT count(*) FROM audit WHERE subject_keys @> ARRAY['$person'] OR document_ids && ARRAY(SELECT ds.document_id FROM document_subjects ds JOIN subjects s ON s.id=ds.subject_id WHERE s.key='$person')")
run_sohoa 0 audit --db "$DB" --subject "$person" --limit 100000
grep -q "($n rows)" "$WORK/out.txt" || fail "audit shows $(tail -1 "$WORK/out.txt"), store has $n"
grep -q "it-read" "$WORK/out.txt" || fail "audit without the agency"
[ "$n" -gt 1 ] || fail "too few audit rows to test the cap: $n"
run_sohoa 0 audit --db "$DB" --subject "$person" --limit 1
grep -q "(1 rows, the newest; there may be more" "$WORK/out.txt" ||
	fail "a capped audit listing did not say so: $(tail -1 "$WORK/out.txt")"
run_sohoa 0 audit --db "$DB" --subject "$person" --limit 1 --json
expect_eq "capped audit as JSON" 1 "$(jq length "$WORK/out.txt")"
grep -q "the newest 1 rows; there may be more" "$WORK/err.txt" || fail "a capped JSON audit did not say so"
if psql "$DB" -qAtX -c "DELETE FROM audit" 2>/dev/null; then fail "audit rows could be deleted"; fi

say "KPIs on the fixture: 3 dossiers received at Q1, 2 procedures reused"
today=$(TZ=Asia/Ho_Chi_Minh date +%F)
run_sohoa 0 report --db "$DB" --from "$today" --to "$today" --office Q1 --json
r="$WORK/out.txt"
expect_eq "received" 3 "$(jq .dossiers_received "$r")"
expect_eq "digitized" 3 "$(jq .dossiers_digitized "$r")"
expect_eq "digitization rate" 1 "$(jq .digitization_rate "$r")"
expect_eq "procedures reusing" 2 "$(jq .procedures_reusing "$r")"
expect_eq "reuse rate" 0.6667 "$(jq .reuse_rate "$r")"
expect_eq "papers not re-requested" 2 "$(jq .papers_not_rerequested "$r")"
expect_eq "documents reused" 1 "$(jq .documents_reused "$r")"
run_sohoa 0 report --db "$DB" --from "$today" --to "$today" --office Q7 --json
expect_eq "other office" 0 "$(jq .dossiers_received "$WORK/out.txt")"
run_sohoa 0 report --db "$DB" --from "$today" --to "$today"
grep -q "reuse rate 66.67%" "$WORK/out.txt" || fail "report table: $(cat "$WORK/out.txt")"
run_sohoa 2 report --db "$DB" --from 2026-13-01 --to "$today"

say "CLI twins"
a3=$(audits)
run_sohoa 0 query subject "$person" --db "$DB" --purpose "counter check"
expect_eq "CLI subject" "$person" "$(jq -r .subject.id "$WORK/out.txt")"
run_sohoa 6 query subject "$missing" --db "$DB" --purpose "counter check"
run_sohoa 2 query subject "$person" --db "$DB"
run_sohoa 0 search "$folded" --db "$DB" --purpose "counter check"
grep -q "similar name: $name" "$WORK/out.txt" || fail "CLI search: $(cat "$WORK/out.txt")"
expect_eq "CLI reads audited" $((a3 + 3)) "$(audits)"
expect_eq "CLI audit agency" staff "$(q "SELECT agency FROM audit ORDER BY id DESC LIMIT 1")"

say "identical retries at once"
# Each gets the one event's id, never 0 (after the KPIs: these are events too).
for round in 1 2 3 4 5 6; do
	body="{\"procedure_code\":\"5.005\",\"receiving_dossier\":\"R-P$round\",\"office\":\"Q1\",\"subject\":\"$person\",\"document_ids\":[$doc]}"
	pids=()
	for i in 1 2 3 4; do
		curl -s -H "Authorization: Bearer $REUSE" -H 'Content-Type: application/json' \
			--data-binary "$body" "$BASE/v1/reuse" >"$WORK/par-$i" &
		pids+=($!)
	done
	wait "${pids[@]}" # not the server
	ids=$(cat "$WORK"/par-[1-4] | jq -r .id | sort -u)
	made=$(cat "$WORK"/par-[1-4] | jq -r .created | grep -c true || true)
	expect_eq "parallel retries, round $round: one event id, created once" \
		"$(q "SELECT id FROM reuse_events WHERE receiving_dossier = 'R-P$round'") 1" "$ids $made"
done
kill -TERM "$srv"
rc=0
wait "$srv" || rc=$?
expect_eq "server exit on SIGTERM" 0 "$rc"

say "connection limit and idle timeout"
"$SOHOA" serve --db "$DB" --listen 127.0.0.1:0 --threads 1 --max-connections 1 --timeout 2 \
	>"$WORK/serve2.out" 2>"$WORK/serve2.err" &
srv2=$!
for _ in $(seq 100); do grep -q listening "$WORK/serve2.out" && break; sleep 0.1; done
port2=$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$WORK/serve2.out")
[ -n "$port2" ] || fail "second server did not start: $(cat "$WORK/serve2.err")"
exec 3<>"/dev/tcp/127.0.0.1/$port2" # an idle client holds the only connection
sleep 0.3
code=$(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://127.0.0.1:$port2/healthz" || true)
[ "$code" != 200 ] || fail "a second connection was served over --max-connections 1"
sleep 2.5 # the idle one times out
expect_eq "served after the idle connection timed out" 200 \
	"$(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$port2/healthz")"
exec 3>&-
kill -TERM "$srv2"
wait "$srv2" || fail "second server exit code"
say "ok"
