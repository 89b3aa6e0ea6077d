#!/usr/bin/env bash
# The whole batch path under valgrind: bad inputs and a good multi-page
# TIFF through two OpenMP workers, no invalid access and no definite
# leak in our code (libgomp's thread pool is suppressed, see
# ocr/valgrind.supp).
. "$(dirname "$0")/lib.sh"
command -v valgrind >/dev/null || fail "valgrind is not installed"
fresh_db it_vg
"$MKBAD" "$WORK/in"
rm "$WORK/in/bomb.tif" # 1.6 GP of G4 scanning is slow under valgrind and covered elsewhere
rc=0
valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	--suppressions="$SOHOA_SRC/ocr/valgrind.supp" \
	"$SOHOA" run -j 2 --db "$DB" --quiet "$WORK/in" >"$WORK/out.txt" 2>"$WORK/err.txt" || rc=$?
grep -v '^{' "$WORK/err.txt" | head -50 >&2 || true
expect_eq "exit code under valgrind (99 = valgrind errors)" 4 "$rc"
expect_eq "good pages" 3 "$(q "SELECT count(*) FROM pages WHERE status='done'")"
say ok
