#!/usr/bin/env bash
# format.sh [--check]: formats every C file with the repository's .clang-format
# (clang-format 14, Debian 12's); with --check, lists the files that differ and
# exits 1 instead of rewriting them.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "format.sh: clang-format not found" >&2; exit 2; }
mapfile -t files < <(git ls-files '*.c' '*.h')
if [ "${1:-}" = "--check" ]; then
	bad=0
	for f in "${files[@]}"; do
		if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
			echo "$f"
			bad=1
		fi
	done
	exit $bad
fi
clang-format -i "${files[@]}"
