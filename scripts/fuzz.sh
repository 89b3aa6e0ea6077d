#!/usr/bin/env bash
# fuzz.sh TARGET [SECONDS] [libFuzzer options...]: builds the fuzz targets
# with clang (build-fuzz/, ASan + UBSan + libFuzzer) and fuzzes TARGET
# (fuzz_image, fuzz_classify or fuzz_text) for SECONDS (default 300),
# starting from tests/fuzz/corpus/TARGET.  New inputs go to
# build-fuzz/corpus/TARGET, failing ones to build-fuzz/crashes/TARGET;
# copy a fixed failure into tests/fuzz/corpus/TARGET so that the replay
# test keeps it.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz.sh TARGET [SECONDS] [libFuzzer options...]}
seconds=${2:-300}
shift $(( $# >= 2 ? 2 : 1 ))
command -v clang >/dev/null || { echo "fuzz.sh: clang not found (apt-get install clang)" >&2; exit 2; }
[ -d "tests/fuzz/corpus/$target" ] || { echo "fuzz.sh: no such target $target" >&2; exit 2; }
CC=clang cmake -S . -B build-fuzz -DSOHOA_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target "$target"
work=build-fuzz/corpus/$target
crashes=build-fuzz/crashes/$target
mkdir -p "$work" "$crashes"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
exec "build-fuzz/tests/fuzz/$target" -max_total_time="$seconds" -artifact_prefix="$crashes/" \
	-max_len=262144 -timeout=30 -rss_limit_mb=3072 "$@" "$work" "tests/fuzz/corpus/$target"
