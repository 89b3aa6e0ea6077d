#!/usr/bin/env bash
# Extraction on rendered forms of every document type, through real
# Tesseract: for each type, its documents are found with their exact
# page ranges and most of the truth's field values are read right;
# nothing wrong is auto-accepted.
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || fail "jq is not installed (scripts/setup-deps.sh)"
fresh_db it_types
"$SOHOA_GEN" --out "$WORK/c" --pages 60 --seed 77 --quiet >/dev/null
run_sohoa 0 run -j 2 --db "$DB" --quiet "$WORK/c/dossiers"
"$SOHOA" export --db "$DB" --out "$WORK/x" >/dev/null

# One line per truth field: type, name, truth value, sohoa value, status.
for t in "$WORK"/c/truth/*.json; do
	code=$(basename "$t" .json)
	jq -r --slurpfile s "$WORK/x/$code/documents.json" '
	  .documents[] as $d
	  | ($s[0].documents
	     | map(select(.first_page == $d.first_page and .last_page == $d.last_page))[0]) as $g
	  | (($g.fields // []) | map(select(.value != null))
	     | map({(.name): [.value, .status]}) | add // {}) as $m
	  | $d.fields | to_entries[]
	  | ($m[.key] // ["", "missing"]) as $v
	  | [$d.type, .key, .value, $v[0], $v[1]] | @tsv' "$t"
done >"$WORK/fields.tsv"

types=$(cut -f1 "$WORK/fields.tsv" | sort -u | tr '\n' ' ')
say "types with fields: $types"
for ty in cccd cmnd birth_certificate marriage_certificate marital_status_certificate \
	business_registration land_use_certificate decision application_form; do
	echo "$types" | grep -qw "$ty" || fail "no $ty in the corpus"
	read -r n ok <<<"$(awk -F'\t' -v t="$ty" '$1 == t { n++; if ($3 == $4) ok++ } END { print n + 0, ok + 0 }' "$WORK/fields.tsv")"
	say "$ty: $ok of $n truth fields read right"
	# Cards carry small type and an MRZ: a lower bar, still most fields.
	min=80
	case $ty in cccd | cmnd) min=50 ;; esac
	[ $((ok * 100)) -ge $((n * min)) ] || fail "$ty: only $ok of $n fields right (want $min%)"
done
wrong=$(awk -F'\t' '$5 == "auto_accepted" && $3 != $4' "$WORK/fields.tsv")
[ -z "$wrong" ] || fail "wrong values auto-accepted: $wrong"
say ok
