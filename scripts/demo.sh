#!/usr/bin/env bash
# demo.sh: installs what is missing, builds, starts the private
# PostgreSQL, generates sample dossiers and runs a real batch on them.
# Pass --db CONNINFO to use an existing server instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-deps.sh
bash scripts/build.sh build
db_args=("$@")
out=out/sample
rm -rf "$out"
./build/bench/sohoa-gen --out "$out" --dossiers 20 --pages 56 --seed 2024
# --refresh: a demo run again after an upgrade shows this version's
# reading, not the one stored by the previous version.
if [ ${#db_args[@]} -eq 0 ]; then
  ./build/pipeline/sohoa db start
fi
rc=0
./build/pipeline/sohoa run "${db_args[@]}" --truth "$out/truth" --report "$out/report.json" \
  --output "$out/archive" --refresh "$out/dossiers" || rc=$?
echo
echo "== stored rows of one dossier (sohoa show HS-2024-0001)"
./build/pipeline/sohoa show "${db_args[@]}" HS-2024-0001
echo
echo "report: $out/report.json   archival PDF/A, hOCR and text: $out/archive/   exit code: $rc"
exit $rc
