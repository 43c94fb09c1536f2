#!/bin/sh
# Builds the seed corpus of every fuzz target from the hostile-input generator of the
# tests (tests/support/hostile_inputs.rs) and the shipped briefing. The seeds are not
# committed: they are made again from the generator whenever it grows.
set -eu
cd "$(dirname "$0")/.."
seeds="$PWD/fuzz/corpus/seeds"
rm -rf "$seeds"
BRIEFING_FUZZ_SEEDS="$seeds" cargo test --test hostile write_fuzz_seeds -- --ignored --quiet
cp data/briefing.txt "$seeds/shipped-briefing"
for target in load_parse layout json_round_trip docx html; do
  mkdir -p "fuzz/corpus/$target"
  cp "$seeds"/* "fuzz/corpus/$target/"
done
echo "seeded $(ls "$seeds" | wc -l) inputs into fuzz/corpus/{load_parse,layout,json_round_trip,docx,html}"
