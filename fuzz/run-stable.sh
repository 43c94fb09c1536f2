#!/bin/sh
# Coverage-guided fuzzing on a stable toolchain: the instrumentation that cargo-fuzz asks of
# nightly, without AddressSanitizer (which safe Rust does not need).
# Usage: fuzz/run-stable.sh TARGET [SECONDS]   (run fuzz/seed.sh first for a seeded corpus)
set -eu
cd "$(dirname "$0")"
target="$1"
seconds="${2:-300}"
triple="$(rustc -vV | sed -n 's/^host: //p')"
# --target keeps the flags off build scripts, which cannot link without libFuzzer.
RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks" \
  cargo build --release --bin "$target" --target "$triple"
mkdir -p "corpus/$target" "artifacts/$target"
exec "target/$triple/release/$target" "corpus/$target" -max_total_time="$seconds" \
  -timeout=10 -rss_limit_mb=4096 -artifact_prefix="artifacts/$target/"
