# lib.sh - sourced by the integration tests.  CTest passes SOHOA, SOHOA_GEN,
# MKBAD and SOHOA_TEST_STATE (the private cluster started by the
# db_start fixture).
set -euo pipefail

: "${SOHOA:?}" "${SOHOA_GEN:?}" "${SOHOA_TEST_STATE:?}"
export SOHOA_STATE_DIR="$SOHOA_TEST_STATE"
unset DATABASE_URL PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGSERVICE
SOCK="$SOHOA_TEST_STATE/run"
ADMIN="host=$SOCK dbname=postgres user=sohoa"
WORK=$(mktemp -d /tmp/sohoa-it.XXXXXX)
chmod 755 "$WORK"
DB=""

cleanup() {
	local pids
	pids=$(jobs -p || true)
	[ -n "$pids" ] && kill -9 $pids 2>/dev/null || true
	rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

say() {
	echo "-- $*"
}

# fresh_db NAME: an empty database for this test, in DB.
fresh_db() {
	psql "$ADMIN" -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" \
		-c "CREATE DATABASE $1" >/dev/null
	DB="host=$SOCK dbname=$1 user=sohoa"
}

q() {
	psql "$DB" -qAtX -v ON_ERROR_STOP=1 -c "$1"
}

expect_eq() { # what expected actual
	[ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"
}

# run_sohoa EXPECTED_RC ARGS...: runs sohoa, output in $WORK/out.txt and $WORK/err.txt.
run_sohoa() {
	local want=$1 rc=0
	shift
	"$SOHOA" "$@" >"$WORK/out.txt" 2>"$WORK/err.txt" || rc=$?
	if [ "$rc" != "$want" ]; then
		cat "$WORK/out.txt" "$WORK/err.txt" >&2
		fail "sohoa $* exited $rc, expected $want"
	fi
}

# truth_pages DIR: total and blank page counts from ground truth files.
truth_total() { cat "$1"/*.json | { grep -o '"number": *[0-9]*' || true; } | wc -l; }
truth_blank() { cat "$1"/*.json | { grep -o '"blank": *true' || true; } | wc -l; }

# json_num FILE KEY: first numeric value of "KEY" in a JSON file.
json_num() {
	grep -o "\"$2\": *[-0-9.e+]*" "$1" | head -n 1 | sed 's/.*: *//'
}

# Every done page has exactly its words, once.
check_words_once() {
	local bad
	bad=$(q "SELECT count(*) FROM pages p WHERE p.status='done' AND
	         p.word_count <> (SELECT count(*) FROM words w WHERE w.page_id=p.id)")
	expect_eq "done pages whose word rows differ from word_count" 0 "$bad"
}

# wait_for SQL N SECONDS: until the query returns >= N.
wait_for() {
	local i=0 v
	while [ $i -lt $(($3 * 10)) ]; do
		v=$(q "$1" 2>/dev/null || echo 0)
		[ -n "$v" ] && [ "$v" -ge "$2" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
