#!/usr/bin/env bash
# test.sh: the same set-up as demo.sh, then the whole test suite twice:
# a warnings-as-errors build, and an ASan + UBSan build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-deps.sh
jobs=$(nproc)
status=0
for variant in release asan; do
  dir=build-test-$variant
  opts=(-DSOHOA_WERROR=ON)
  [ $variant = asan ] && opts+=(-DSOHOA_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug)
  echo "== $variant build"
  bash scripts/build.sh "$dir" "${opts[@]}"
  echo "== $variant tests"
  # Tesseract and fontconfig keep caches for the life of the process;
  # only our own leaks are of interest (see tests/lsan.supp).
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
  export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  (cd "$dir" && ctest --output-on-failure -j "$jobs") || status=1
done
exit $status
